/**
 * EC2's records of an account besides its instances: key pairs, security groups (rules as EC2's
 * IpPermission lists) and launch templates with their versions (launch data as EC2's
 * RequestLaunchTemplateData). Every function takes its account explicitly: pass the unscoped client.
 */
import type { Db, Ec2KeyPair, Ec2LaunchTemplate, Ec2LaunchTemplateVersion, Ec2SecurityGroup } from "../db/client.ts";
import { fromJson, toJson } from "../db/json.ts";

export interface Ec2Tag {
  Key: string;
  Value: string;
}

/** One rule of a security group: a protocol and port range from (or to) one source. */
export interface SecurityGroupRuleRecord {
  id: string;
  protocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  groupId?: string;
  prefixListId?: string;
  description?: string;
}

export type KeyPairRecord = Omit<Ec2KeyPair, "tags"> & { tags: Ec2Tag[] };
export type SecurityGroupRecord = Omit<Ec2SecurityGroup, "tags" | "ingress" | "egress"> & { tags: Ec2Tag[]; ingress: SecurityGroupRuleRecord[]; egress: SecurityGroupRuleRecord[] };
export type LaunchTemplateRecord = Omit<Ec2LaunchTemplate, "tags"> & { tags: Ec2Tag[] };
export type LaunchTemplateVersionRecord = Omit<Ec2LaunchTemplateVersion, "data"> & { data: Record<string, unknown> };

const keyPair = (row: Ec2KeyPair): KeyPairRecord => ({ ...row, tags: fromJson(row.tags, []) });
const group = (row: Ec2SecurityGroup): SecurityGroupRecord => ({ ...row, tags: fromJson(row.tags, []), ingress: fromJson(row.ingress, []), egress: fromJson(row.egress, []) });
const template = (row: Ec2LaunchTemplate): LaunchTemplateRecord => ({ ...row, tags: fromJson(row.tags, []) });
const version = (row: Ec2LaunchTemplateVersion): LaunchTemplateVersionRecord => ({ ...row, data: fromJson(row.data, {}) });

async function unlessTaken<T>(create: () => Promise<T>): Promise<T | undefined> {
  try {
    return await create();
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") return undefined;
    throw err;
  }
}

// Key pairs

export async function listKeyPairs(db: Db, accountId: string): Promise<KeyPairRecord[]> {
  return (await db.ec2KeyPair.findMany({ where: { accountId }, orderBy: { createdAt: "asc" } })).map(keyPair);
}

export async function createKeyPair(db: Db, k: Omit<KeyPairRecord, "createdAt">): Promise<KeyPairRecord | undefined> {
  const row = await unlessTaken(() => db.ec2KeyPair.create({ data: { ...k, tags: toJson(k.tags) } }));
  return row ? keyPair(row) : undefined;
}

export async function deleteKeyPair(db: Db, accountId: string, by: { name?: string; id?: string }): Promise<void> {
  await db.ec2KeyPair.deleteMany({ where: { accountId, ...(by.name !== undefined ? { name: by.name } : {}), ...(by.id !== undefined ? { id: by.id } : {}) } });
}

export async function setKeyPairTags(db: Db, accountId: string, id: string, tags: Ec2Tag[]): Promise<void> {
  await db.ec2KeyPair.updateMany({ where: { accountId, id }, data: { tags: toJson(tags) } });
}

// Security groups

export async function listSecurityGroups(db: Db, accountId: string): Promise<SecurityGroupRecord[]> {
  return (await db.ec2SecurityGroup.findMany({ where: { accountId }, orderBy: { createdAt: "asc" } })).map(group);
}

export async function findSecurityGroup(db: Db, accountId: string, id: string): Promise<SecurityGroupRecord | undefined> {
  const row = await db.ec2SecurityGroup.findUnique({ where: { accountId_id: { accountId, id } } });
  return row ? group(row) : undefined;
}

/** The account's group of that ID, made from `initial` the first time it is asked for (the default VPC's default group). */
export async function ensureSecurityGroup(db: Db, initial: Omit<SecurityGroupRecord, "createdAt">): Promise<void> {
  const g = initial;
  await db.ec2SecurityGroup.upsert({
    where: { accountId_id: { accountId: g.accountId, id: g.id } },
    create: { ...g, tags: toJson(g.tags), ingress: toJson(g.ingress), egress: toJson(g.egress) },
    update: {},
  });
}

export async function createSecurityGroup(db: Db, g: Omit<SecurityGroupRecord, "createdAt">): Promise<SecurityGroupRecord | undefined> {
  const row = await unlessTaken(() => db.ec2SecurityGroup.create({ data: { ...g, tags: toJson(g.tags), ingress: toJson(g.ingress), egress: toJson(g.egress) } }));
  return row ? group(row) : undefined;
}

export async function updateSecurityGroup(db: Db, accountId: string, id: string, change: Partial<Pick<SecurityGroupRecord, "ingress" | "egress" | "tags">>): Promise<void> {
  await db.ec2SecurityGroup.updateMany({
    where: { accountId, id },
    data: {
      ...(change.ingress ? { ingress: toJson(change.ingress) } : {}),
      ...(change.egress ? { egress: toJson(change.egress) } : {}),
      ...(change.tags ? { tags: toJson(change.tags) } : {}),
    },
  });
}

export async function deleteSecurityGroup(db: Db, accountId: string, id: string): Promise<void> {
  await db.ec2SecurityGroup.deleteMany({ where: { accountId, id } });
}

/** Whether a live instance or a running task of the account uses the group (EC2's DependencyViolation). */
export async function securityGroupInUse(db: Db, accountId: string, id: string): Promise<boolean> {
  const needle = { contains: JSON.stringify(id) };
  const [instances, tasks] = await Promise.all([
    db.ec2Instance.count({ where: { accountId, state: { not: "terminated" }, securityGroupIds: needle } }),
    db.task.count({ where: { accountId, lastStatus: { not: "STOPPED" }, securityGroups: needle } }),
  ]);
  return instances + tasks > 0;
}

// Launch templates

export async function listLaunchTemplates(db: Db, accountId: string): Promise<LaunchTemplateRecord[]> {
  return (await db.ec2LaunchTemplate.findMany({ where: { accountId }, orderBy: { createdAt: "asc" } })).map(template);
}

export async function findLaunchTemplate(db: Db, accountId: string, by: { id?: string; name?: string }): Promise<LaunchTemplateRecord | undefined> {
  const row = await db.ec2LaunchTemplate.findFirst({ where: { accountId, ...(by.id !== undefined ? { id: by.id } : { name: by.name ?? "" }) } });
  return row ? template(row) : undefined;
}

/** A template and its first version, in one transaction; undefined when the name is taken. */
export async function createLaunchTemplate(db: Db, t: Omit<LaunchTemplateRecord, "createdAt" | "defaultVersion" | "latestVersion">, first: { description: string | null; data: Record<string, unknown> }) {
  const row = await unlessTaken(() =>
    db.$transaction(async (tx) => {
      const created = await tx.ec2LaunchTemplate.create({ data: { ...t, tags: toJson(t.tags) } });
      await tx.ec2LaunchTemplateVersion.create({ data: { templateId: t.id, accountId: t.accountId, version: 1, description: first.description, data: toJson(first.data), createdBy: t.createdBy } });
      return created;
    }),
  );
  return row ? template(row) : undefined;
}

export async function addLaunchTemplateVersion(db: Db, accountId: string, templateId: string, v: { description: string | null; data: Record<string, unknown>; createdBy: string }): Promise<LaunchTemplateVersionRecord> {
  return db.$transaction(async (tx) => {
    const t = await tx.ec2LaunchTemplate.update({ where: { id: templateId, accountId }, data: { latestVersion: { increment: 1 } } });
    return version(await tx.ec2LaunchTemplateVersion.create({ data: { templateId, accountId, version: t.latestVersion, description: v.description, data: toJson(v.data), createdBy: v.createdBy } }));
  });
}

export async function listLaunchTemplateVersions(db: Db, accountId: string, templateId: string): Promise<LaunchTemplateVersionRecord[]> {
  return (await db.ec2LaunchTemplateVersion.findMany({ where: { accountId, templateId }, orderBy: { version: "asc" } })).map(version);
}

export async function setDefaultLaunchTemplateVersion(db: Db, accountId: string, templateId: string, defaultVersion: number): Promise<LaunchTemplateRecord> {
  return template(await db.ec2LaunchTemplate.update({ where: { id: templateId, accountId }, data: { defaultVersion } }));
}

export async function deleteLaunchTemplate(db: Db, accountId: string, templateId: string): Promise<void> {
  await db.$transaction([
    db.ec2LaunchTemplateVersion.deleteMany({ where: { accountId, templateId } }),
    db.ec2LaunchTemplate.deleteMany({ where: { accountId, id: templateId } }),
  ]);
}

export async function setLaunchTemplateTags(db: Db, accountId: string, id: string, tags: Ec2Tag[]): Promise<void> {
  await db.ec2LaunchTemplate.updateMany({ where: { accountId, id }, data: { tags: toJson(tags) } });
}
