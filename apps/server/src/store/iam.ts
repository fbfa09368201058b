/**
 * IAM's records of an account: roles (trust policy, attached managed policies, inline policies),
 * customer managed policies and instance profiles. Names are unique per account regardless of case,
 * as IAM's are. Every function takes its account explicitly: pass the unscoped client.
 */
import type { Db, IamInstanceProfile, IamPolicy, IamRole } from "../db/client.ts";
import { fromJson, toJson } from "../db/json.ts";

export interface IamTag {
  Key: string;
  Value: string;
}

export interface RoleRecord {
  accountId: string;
  name: string;
  id: string;
  path: string;
  arn: string;
  assumeRolePolicy: string;
  description: string | null;
  maxSessionDuration: number;
  attachedPolicies: string[];
  inlinePolicies: Record<string, string>;
  tags: IamTag[];
  createdAt: Date;
}

export interface PolicyRecord {
  accountId: string;
  name: string;
  id: string;
  path: string;
  arn: string;
  document: string;
  description: string | null;
  tags: IamTag[];
  createdAt: Date;
  updatedAt: Date;
}

export interface InstanceProfileRecord {
  accountId: string;
  name: string;
  id: string;
  path: string;
  arn: string;
  roleName: string | null;
  tags: IamTag[];
  createdAt: Date;
}

const key = (name: string) => name.toLowerCase();

const role = ({ nameKey: _, ...row }: IamRole): RoleRecord => ({
  ...row,
  attachedPolicies: fromJson(row.attachedPolicies, []),
  inlinePolicies: fromJson(row.inlinePolicies, {}),
  tags: fromJson(row.tags, []),
});
const policy = ({ nameKey: _, ...row }: IamPolicy): PolicyRecord => ({ ...row, tags: fromJson(row.tags, []) });
const profile = ({ nameKey: _, ...row }: IamInstanceProfile): InstanceProfileRecord => ({ ...row, tags: fromJson(row.tags, []) });

const byName = (accountId: string, name: string) => ({ accountId_nameKey: { accountId, nameKey: key(name) } });
const underPath = (pathPrefix: string | undefined) => (pathPrefix ? { path: { startsWith: pathPrefix } } : {});

// Roles

export async function findRole(db: Db, accountId: string, name: string): Promise<RoleRecord | undefined> {
  const row = await db.iamRole.findUnique({ where: byName(accountId, name) });
  return row ? role(row) : undefined;
}

export async function listRoles(db: Db, accountId: string, pathPrefix?: string): Promise<RoleRecord[]> {
  return (await db.iamRole.findMany({ where: { accountId, ...underPath(pathPrefix) }, orderBy: { nameKey: "asc" } })).map(role);
}

export type NewRole = Omit<RoleRecord, "createdAt" | "attachedPolicies" | "inlinePolicies"> & Partial<Pick<RoleRecord, "attachedPolicies" | "inlinePolicies">>;

/** A new row, or undefined when its name (or id) is taken: the unique key decides, so two callers never both create it. */
async function unlessTaken<T>(create: () => Promise<T>): Promise<T | undefined> {
  try {
    return await create();
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") return undefined;
    throw err;
  }
}

/** Creates the role; undefined when the account has one of that name already. */
export async function createRole(db: Db, r: NewRole): Promise<RoleRecord | undefined> {
  const { attachedPolicies = [], inlinePolicies = {}, tags, ...rest } = r;
  const row = await unlessTaken(() =>
    db.iamRole.create({ data: { ...rest, nameKey: key(r.name), attachedPolicies: toJson(attachedPolicies), inlinePolicies: toJson(inlinePolicies), tags: toJson(tags) } }),
  );
  return row ? role(row) : undefined;
}

export type RoleChange = Partial<Pick<RoleRecord, "assumeRolePolicy" | "description" | "maxSessionDuration" | "attachedPolicies" | "inlinePolicies" | "tags">>;

export async function updateRole(db: Db, accountId: string, name: string, change: RoleChange): Promise<void> {
  const { attachedPolicies, inlinePolicies, tags, ...rest } = change;
  await db.iamRole.update({
    where: byName(accountId, name),
    data: {
      ...rest,
      ...(attachedPolicies ? { attachedPolicies: toJson(attachedPolicies) } : {}),
      ...(inlinePolicies ? { inlinePolicies: toJson(inlinePolicies) } : {}),
      ...(tags ? { tags: toJson(tags) } : {}),
    },
  });
}

export async function deleteRole(db: Db, accountId: string, name: string): Promise<void> {
  await db.iamRole.delete({ where: byName(accountId, name) });
}

/** How many of the account's roles have the managed policy attached. */
export async function countAttachments(db: Db, accountId: string, policyArn: string): Promise<number> {
  const roles = await db.iamRole.findMany({ where: { accountId, attachedPolicies: { contains: JSON.stringify(policyArn) } }, select: { attachedPolicies: true } });
  return roles.filter((r) => fromJson<string[]>(r.attachedPolicies, []).includes(policyArn)).length;
}

// Customer managed policies

export async function findPolicyByArn(db: Db, accountId: string, arn: string): Promise<PolicyRecord | undefined> {
  const row = await db.iamPolicy.findFirst({ where: { accountId, arn } });
  return row ? policy(row) : undefined;
}

export async function listPolicies(db: Db, accountId: string, pathPrefix?: string): Promise<PolicyRecord[]> {
  return (await db.iamPolicy.findMany({ where: { accountId, ...underPath(pathPrefix) }, orderBy: { nameKey: "asc" } })).map(policy);
}

export async function createPolicy(db: Db, p: Omit<PolicyRecord, "createdAt" | "updatedAt">): Promise<PolicyRecord | undefined> {
  const row = await unlessTaken(() => db.iamPolicy.create({ data: { ...p, nameKey: key(p.name), tags: toJson(p.tags) } }));
  return row ? policy(row) : undefined;
}

export async function deletePolicy(db: Db, accountId: string, arn: string): Promise<void> {
  await db.iamPolicy.deleteMany({ where: { accountId, arn } });
}

// Instance profiles

export async function findInstanceProfile(db: Db, accountId: string, name: string): Promise<InstanceProfileRecord | undefined> {
  const row = await db.iamInstanceProfile.findUnique({ where: byName(accountId, name) });
  return row ? profile(row) : undefined;
}

export async function findInstanceProfileByArn(db: Db, accountId: string, arn: string): Promise<InstanceProfileRecord | undefined> {
  const row = await db.iamInstanceProfile.findFirst({ where: { accountId, arn } });
  return row ? profile(row) : undefined;
}

export async function listInstanceProfiles(db: Db, accountId: string, filter: { pathPrefix?: string; roleName?: string } = {}): Promise<InstanceProfileRecord[]> {
  const rows = await db.iamInstanceProfile.findMany({ where: { accountId, ...underPath(filter.pathPrefix) }, orderBy: { nameKey: "asc" } });
  return rows.map(profile).filter((p) => filter.roleName === undefined || (p.roleName !== null && key(p.roleName) === key(filter.roleName)));
}

export async function createInstanceProfile(db: Db, p: Omit<InstanceProfileRecord, "createdAt" | "roleName">): Promise<InstanceProfileRecord | undefined> {
  const row = await unlessTaken(() => db.iamInstanceProfile.create({ data: { ...p, nameKey: key(p.name), tags: toJson(p.tags) } }));
  return row ? profile(row) : undefined;
}

export async function setInstanceProfileRole(db: Db, accountId: string, name: string, roleName: string | null): Promise<void> {
  await db.iamInstanceProfile.update({ where: byName(accountId, name), data: { roleName } });
}

export async function deleteInstanceProfile(db: Db, accountId: string, name: string): Promise<void> {
  await db.iamInstanceProfile.delete({ where: byName(accountId, name) });
}
