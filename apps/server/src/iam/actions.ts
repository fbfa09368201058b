/** IAM's roles, policies and instance profiles (Query, Version 2010-05-08), in IAM's own words. */
import { idBytes } from "../reproducible.ts";
import { AWS_MANAGED_POLICIES, awsManagedPolicyArn, findAwsManagedPolicy, iamArn, managedPolicyDocument } from "@stevedore/shared";
import type * as iam from "@stevedore/shared/aws/models/iam";
import type { ActionContext } from "../aws/context.ts";
import { AwsError } from "../aws/errors.ts";
import * as store from "../store/iam.ts";
import type { InstanceProfileRecord, PolicyRecord, RoleRecord } from "../store/iam.ts";
import { checkPolicyDocument, encodeDocument } from "./documents.ts";
import type { IamAction } from "./service.ts";

const noSuchEntity = (message: string) => new AwsError("NoSuchEntity", message, 404);
const alreadyExists = (message: string) => new AwsError("EntityAlreadyExists", message, 409);
const deleteConflict = (message: string) => new AwsError("DeleteConflict", message, 409);

/** IAM's unique ids: a prefix naming the kind (AROA roles, ANPA policies, AIPA instance profiles), then 17 characters. */
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const newId = (prefix: string) => prefix + [...idBytes("iam", 17)].map((b) => BASE32[b % 32]).join("");

const account = (ctx: ActionContext) => ctx.scope.accountId;

async function requireRole(ctx: ActionContext, name: string): Promise<RoleRecord> {
  const role = await store.findRole(ctx.allAccounts, account(ctx), name);
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

async function requireProfile(ctx: ActionContext, name: string): Promise<InstanceProfileRecord> {
  const profile = await store.findInstanceProfile(ctx.allAccounts, account(ctx), name);
  if (!profile) throw noSuchEntity(`Instance Profile ${name} cannot be found.`);
  return profile;
}

export const roleXml = (r: RoleRecord): iam.Role => ({
  Path: r.path,
  RoleName: r.name,
  RoleId: r.id,
  Arn: r.arn,
  CreateDate: r.createdAt,
  AssumeRolePolicyDocument: encodeDocument(r.assumeRolePolicy),
  ...(r.description !== null ? { Description: r.description } : {}),
  MaxSessionDuration: r.maxSessionDuration,
  ...(r.tags.length ? { Tags: r.tags } : {}),
  RoleLastUsed: {},
});

async function profileXml(ctx: ActionContext, p: InstanceProfileRecord): Promise<iam.InstanceProfile> {
  const role = p.roleName ? await store.findRole(ctx.allAccounts, account(ctx), p.roleName) : undefined;
  return {
    Path: p.path,
    InstanceProfileName: p.name,
    InstanceProfileId: p.id,
    Arn: p.arn,
    CreateDate: p.createdAt,
    Roles: role ? [roleXml(role)] : [],
    ...(p.tags.length ? { Tags: p.tags } : {}),
  };
}

/** IAM's Marker and MaxItems: the marker is the offset to resume at. */
function page<T>(items: T[], marker: string | undefined, maxItems: number | undefined): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const start = marker ? Number(Buffer.from(marker, "base64url").toString("utf8")) || 0 : 0;
  const max = maxItems ?? 100;
  const slice = items.slice(start, start + max);
  const more = start + max < items.length;
  return { items: slice, IsTruncated: more, ...(more ? { Marker: Buffer.from(String(start + max)).toString("base64url") } : {}) };
}

// Roles

export const createRole: IamAction<"CreateRole"> = async (p, ctx) => {
  checkPolicyDocument(p.AssumeRolePolicyDocument, "trust");
  const path = p.Path ?? "/";
  const role = await store.createRole(ctx.allAccounts, {
    accountId: account(ctx),
    name: p.RoleName,
    id: newId("AROA"),
    path,
    arn: iamArn(account(ctx), "role", path, p.RoleName),
    assumeRolePolicy: p.AssumeRolePolicyDocument,
    description: p.Description ?? null,
    maxSessionDuration: p.MaxSessionDuration ?? 3600,
    tags: p.Tags ?? [],
  });
  if (!role) throw alreadyExists(`Role with name ${p.RoleName} already exists.`);
  return { Role: roleXml(role) };
};

/** The roles services link to an account, by service principal (a Map: a request's name never reaches a prototype). */
const SERVICE_LINKED_ROLES = new Map([
  ["ecs.amazonaws.com", "AWSServiceRoleForECS"],
  ["autoscaling.amazonaws.com", "AWSServiceRoleForAutoScaling"],
  ["elasticloadbalancing.amazonaws.com", "AWSServiceRoleForElasticLoadBalancing"],
  ["ecs.application-autoscaling.amazonaws.com", "AWSServiceRoleForApplicationAutoScaling_ECSService"],
]);

/** CreateServiceLinkedRole: the role a service uses on the account's behalf (AWSServiceRoleForECS...), trusted by that service. */
export const createServiceLinkedRole: IamAction<"CreateServiceLinkedRole"> = async (p, ctx) => {
  const service = p.AWSServiceName;
  const base = SERVICE_LINKED_ROLES.get(service);
  if (!base) throw new AwsError("InvalidInput", `Service role name for ${service} is not known.`);
  const name = p.CustomSuffix ? `${base}_${p.CustomSuffix}` : base;
  const path = `/aws-service-role/${service}/`;
  const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
  const role = await store.createRole(ctx.allAccounts, {
    accountId: account(ctx),
    name,
    id: newId("AROA"),
    path,
    arn: iamArn(account(ctx), "role", path, name),
    assumeRolePolicy: trust,
    description: p.Description ?? null,
    maxSessionDuration: 3600,
    tags: [],
  });
  if (!role) throw new AwsError("InvalidInput", `Service role name ${name} has been taken in this account, please try a different suffix.`);
  return { Role: roleXml(role) };
};

export const getRole: IamAction<"GetRole"> = async (p, ctx) => ({ Role: roleXml(await requireRole(ctx, p.RoleName)) });

export const listRoles: IamAction<"ListRoles"> = async (p, ctx) => {
  const { items, ...rest } = page(await store.listRoles(ctx.allAccounts, account(ctx), p.PathPrefix), p.Marker, p.MaxItems);
  // ListRoles leaves tags out, as IAM does.
  return { Roles: items.map((r) => ({ ...roleXml(r), Tags: undefined })), ...rest };
};

export const updateRole: IamAction<"UpdateRole"> = async (p, ctx) => {
  const role = await requireRole(ctx, p.RoleName);
  await store.updateRole(ctx.allAccounts, account(ctx), role.name, {
    ...(p.Description !== undefined ? { description: p.Description } : {}),
    ...(p.MaxSessionDuration !== undefined ? { maxSessionDuration: p.MaxSessionDuration } : {}),
  });
  return {};
};

export const updateAssumeRolePolicy: IamAction<"UpdateAssumeRolePolicy"> = async (p, ctx) => {
  const role = await requireRole(ctx, p.RoleName);
  checkPolicyDocument(p.PolicyDocument, "trust");
  await store.updateRole(ctx.allAccounts, account(ctx), role.name, { assumeRolePolicy: p.PolicyDocument });
};

export const deleteRole: IamAction<"DeleteRole"> = async (p, ctx) => {
  const role = await requireRole(ctx, p.RoleName);
  if (role.attachedPolicies.length) throw deleteConflict("Cannot delete entity, must detach all policies first.");
  if (Object.keys(role.inlinePolicies).length) throw deleteConflict("Cannot delete entity, must delete policies first.");
  if ((await store.listInstanceProfiles(ctx.allAccounts, account(ctx), { roleName: role.name })).length) {
    throw deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
  }
  await store.deleteRole(ctx.allAccounts, account(ctx), role.name);
};

export const tagRole: IamAction<"TagRole"> = async (p, ctx) => {
  const role = await requireRole(ctx, p.RoleName);
  const tags = new Map(role.tags.map((t) => [t.Key, t.Value]));
  for (const t of p.Tags) tags.set(t.Key, t.Value);
  if (tags.size > 50) throw new AwsError("LimitExceeded", "Cannot exceed quota for TagsPerRole: 50", 409);
  await store.updateRole(ctx.allAccounts, account(ctx), role.name, { tags: [...tags].map(([Key, Value]) => ({ Key, Value })) });
};

export const untagRole: IamAction<"UntagRole"> = async (p, ctx) => {
  const role = await requireRole(ctx, p.RoleName);
  await store.updateRole(ctx.allAccounts, account(ctx), role.name, { tags: role.tags.filter((t) => !p.TagKeys.includes(t.Key)) });
};

export const listRoleTags: IamAction<"ListRoleTags"> = async (p, ctx) => {
  const { items, ...rest } = page((await requireRole(ctx, p.RoleName)).tags, p.Marker, p.MaxItems);
  return { Tags: items, ...rest };
};

// Managed policies (AWS's catalogue and the account's own)

interface AnyPolicy {
  name: string;
  arn: string;
  path: string;
  id: string;
  document: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
  tags: store.IamTag[];
  aws: boolean;
}

/** AWS managed policies' dates and ids are fixed: they are the same policy in every account. */
const AWS_POLICY_DATE = new Date("2019-01-01T00:00:00Z");
const awsPolicyId = (name: string) => "ANPA" + [...Buffer.from(name)].map((b) => BASE32[b % 32]).join("").padEnd(17, "A").slice(0, 17);

const customer = (p: PolicyRecord): AnyPolicy => ({ ...p, aws: false });

function awsPolicies(): AnyPolicy[] {
  return AWS_MANAGED_POLICIES.map((p) => ({
    name: p.name,
    arn: awsManagedPolicyArn(p),
    path: p.path,
    id: awsPolicyId(p.name),
    document: managedPolicyDocument(p),
    description: p.description,
    createdAt: AWS_POLICY_DATE,
    updatedAt: AWS_POLICY_DATE,
    tags: [],
    aws: true,
  }));
}

async function findPolicy(ctx: ActionContext, arn: string): Promise<AnyPolicy | undefined> {
  if (findAwsManagedPolicy(arn)) return awsPolicies().find((p) => p.arn === arn);
  const own = await store.findPolicyByArn(ctx.allAccounts, account(ctx), arn);
  return own ? customer(own) : undefined;
}

async function policyXml(ctx: ActionContext, p: AnyPolicy): Promise<iam.Policy> {
  return {
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: "v1",
    AttachmentCount: await store.countAttachments(ctx.allAccounts, account(ctx), p.arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    ...(p.description !== null ? { Description: p.description } : {}),
    CreateDate: p.createdAt,
    UpdateDate: p.updatedAt,
    ...(p.tags.length ? { Tags: p.tags } : {}),
  };
}

export const createPolicy: IamAction<"CreatePolicy"> = async (p, ctx) => {
  checkPolicyDocument(p.PolicyDocument, "permissions");
  const path = p.Path ?? "/";
  const created = await store.createPolicy(ctx.allAccounts, {
    accountId: account(ctx),
    name: p.PolicyName,
    id: newId("ANPA"),
    path,
    arn: iamArn(account(ctx), "policy", path, p.PolicyName),
    document: p.PolicyDocument,
    description: p.Description ?? null,
    tags: p.Tags ?? [],
  });
  if (!created) throw alreadyExists(`A policy called ${p.PolicyName} already exists. Duplicate names are not allowed.`);
  return { Policy: await policyXml(ctx, customer(created)) };
};

export const getPolicy: IamAction<"GetPolicy"> = async (p, ctx) => {
  const policy = await findPolicy(ctx, p.PolicyArn);
  if (!policy) throw noSuchEntity(`Policy ${p.PolicyArn} was not found.`);
  return { Policy: await policyXml(ctx, policy) };
};

export const getPolicyVersion: IamAction<"GetPolicyVersion"> = async (p, ctx) => {
  const policy = await findPolicy(ctx, p.PolicyArn);
  if (!policy || p.VersionId !== "v1") throw noSuchEntity(`Policy ${p.PolicyArn} version ${p.VersionId} does not exist or is not attachable.`);
  return { PolicyVersion: { Document: encodeDocument(policy.document), VersionId: "v1", IsDefaultVersion: true, CreateDate: policy.createdAt } };
};

export const deletePolicy: IamAction<"DeletePolicy"> = async (p, ctx) => {
  const policy = await findPolicy(ctx, p.PolicyArn);
  if (!policy) throw noSuchEntity(`Policy ${p.PolicyArn} was not found.`);
  if (policy.aws) throw new AwsError("InvalidInput", `ARN ${p.PolicyArn} is not valid.`);
  if (await store.countAttachments(ctx.allAccounts, account(ctx), policy.arn)) throw deleteConflict("Cannot delete a policy attached to entities.");
  await store.deletePolicy(ctx.allAccounts, account(ctx), policy.arn);
};

export const listPolicies: IamAction<"ListPolicies"> = async (p, ctx) => {
  const scope = p.Scope ?? "All";
  const own = (await store.listPolicies(ctx.allAccounts, account(ctx))).map(customer);
  let all = [...(scope === "Local" ? [] : awsPolicies()), ...(scope === "AWS" ? [] : own)];
  if (p.PathPrefix) all = all.filter((x) => x.path.startsWith(p.PathPrefix!));
  const shown = await Promise.all(all.map((x) => policyXml(ctx, x)));
  const { items, ...rest } = page(p.OnlyAttached ? shown.filter((x) => (x.AttachmentCount ?? 0) > 0) : shown, p.Marker, p.MaxItems);
  return { Policies: items, ...rest };
};

export const attachRolePolicy: IamAction<"AttachRolePolicy"> = async (p, ctx) => {
  const role = await requireRole(ctx, p.RoleName);
  if (!(await findPolicy(ctx, p.PolicyArn))) throw noSuchEntity(`Policy ${p.PolicyArn} does not exist or is not attachable.`);
  if (role.attachedPolicies.includes(p.PolicyArn)) return;
  if (role.attachedPolicies.length >= 20) throw new AwsError("LimitExceeded", "Cannot exceed quota for PoliciesPerRole: 20", 409);
  await store.updateRole(ctx.allAccounts, account(ctx), role.name, { attachedPolicies: [...role.attachedPolicies, p.PolicyArn] });
};

export const detachRolePolicy: IamAction<"DetachRolePolicy"> = async (p, ctx) => {
  const role = await requireRole(ctx, p.RoleName);
  if (!role.attachedPolicies.includes(p.PolicyArn)) throw noSuchEntity(`Policy ${p.PolicyArn} was not found.`);
  await store.updateRole(ctx.allAccounts, account(ctx), role.name, { attachedPolicies: role.attachedPolicies.filter((a) => a !== p.PolicyArn) });
};

export const listAttachedRolePolicies: IamAction<"ListAttachedRolePolicies"> = async (p, ctx) => {
  const role = await requireRole(ctx, p.RoleName);
  const attached = role.attachedPolicies.map((arn) => ({ PolicyArn: arn, PolicyName: arn.slice(arn.lastIndexOf("/") + 1), path: arn.slice(arn.indexOf(":policy") + 7, arn.lastIndexOf("/") + 1) }));
  const within = p.PathPrefix ? attached.filter((a) => a.path.startsWith(p.PathPrefix!)) : attached;
  const { items, ...rest } = page(within.map(({ PolicyArn, PolicyName }) => ({ PolicyArn, PolicyName })), p.Marker, p.MaxItems);
  return { AttachedPolicies: items, ...rest };
};

// Inline policies

export const putRolePolicy: IamAction<"PutRolePolicy"> = async (p, ctx) => {
  const role = await requireRole(ctx, p.RoleName);
  checkPolicyDocument(p.PolicyDocument, "permissions");
  await store.updateRole(ctx.allAccounts, account(ctx), role.name, { inlinePolicies: { ...role.inlinePolicies, [p.PolicyName]: p.PolicyDocument } });
};

export const getRolePolicy: IamAction<"GetRolePolicy"> = async (p, ctx) => {
  const role = await requireRole(ctx, p.RoleName);
  const document = Object.hasOwn(role.inlinePolicies, p.PolicyName) ? role.inlinePolicies[p.PolicyName] : undefined;
  if (document === undefined) throw noSuchEntity(`The role policy with name ${p.PolicyName} cannot be found.`);
  return { RoleName: role.name, PolicyName: p.PolicyName, PolicyDocument: encodeDocument(document) };
};

export const deleteRolePolicy: IamAction<"DeleteRolePolicy"> = async (p, ctx) => {
  const role = await requireRole(ctx, p.RoleName);
  if (!Object.hasOwn(role.inlinePolicies, p.PolicyName)) throw noSuchEntity(`The role policy with name ${p.PolicyName} cannot be found.`);
  const { [p.PolicyName]: _, ...rest } = role.inlinePolicies;
  await store.updateRole(ctx.allAccounts, account(ctx), role.name, { inlinePolicies: rest });
};

export const listRolePolicies: IamAction<"ListRolePolicies"> = async (p, ctx) => {
  const { items, ...rest } = page(Object.keys((await requireRole(ctx, p.RoleName)).inlinePolicies).sort(), p.Marker, p.MaxItems);
  return { PolicyNames: items, ...rest };
};

// Instance profiles

export const createInstanceProfile: IamAction<"CreateInstanceProfile"> = async (p, ctx) => {
  const path = p.Path ?? "/";
  const created = await store.createInstanceProfile(ctx.allAccounts, {
    accountId: account(ctx),
    name: p.InstanceProfileName,
    id: newId("AIPA"),
    path,
    arn: iamArn(account(ctx), "instance-profile", path, p.InstanceProfileName),
    tags: p.Tags ?? [],
  });
  if (!created) throw alreadyExists(`Instance Profile ${p.InstanceProfileName} already exists.`);
  return { InstanceProfile: await profileXml(ctx, created) };
};

export const getInstanceProfile: IamAction<"GetInstanceProfile"> = async (p, ctx) => ({
  InstanceProfile: await profileXml(ctx, await requireProfile(ctx, p.InstanceProfileName)),
});

export const deleteInstanceProfile: IamAction<"DeleteInstanceProfile"> = async (p, ctx) => {
  const profile = await requireProfile(ctx, p.InstanceProfileName);
  if (profile.roleName) throw deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
  await store.deleteInstanceProfile(ctx.allAccounts, account(ctx), profile.name);
};

export const listInstanceProfiles: IamAction<"ListInstanceProfiles"> = async (p, ctx) => {
  const profiles = await store.listInstanceProfiles(ctx.allAccounts, account(ctx), p.PathPrefix ? { pathPrefix: p.PathPrefix } : {});
  const { items, ...rest } = page(profiles, p.Marker, p.MaxItems);
  return { InstanceProfiles: await Promise.all(items.map((x) => profileXml(ctx, x))), ...rest };
};

export const listInstanceProfilesForRole: IamAction<"ListInstanceProfilesForRole"> = async (p, ctx) => {
  const role = await requireRole(ctx, p.RoleName);
  const { items, ...rest } = page(await store.listInstanceProfiles(ctx.allAccounts, account(ctx), { roleName: role.name }), p.Marker, p.MaxItems);
  return { InstanceProfiles: await Promise.all(items.map((x) => profileXml(ctx, x))), ...rest };
};

export const addRoleToInstanceProfile: IamAction<"AddRoleToInstanceProfile"> = async (p, ctx) => {
  const profile = await requireProfile(ctx, p.InstanceProfileName);
  const role = await requireRole(ctx, p.RoleName);
  if (profile.roleName?.toLowerCase() === role.name.toLowerCase()) throw alreadyExists(`Role ${role.name} already exists in instance profile ${profile.name}.`);
  if (profile.roleName) throw new AwsError("LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1", 409);
  await store.setInstanceProfileRole(ctx.allAccounts, account(ctx), profile.name, role.name);
};

export const removeRoleFromInstanceProfile: IamAction<"RemoveRoleFromInstanceProfile"> = async (p, ctx) => {
  const profile = await requireProfile(ctx, p.InstanceProfileName);
  if (profile.roleName?.toLowerCase() !== p.RoleName.toLowerCase()) {
    throw noSuchEntity(`The role with name ${p.RoleName} cannot be found in instance profile ${profile.name}.`);
  }
  await store.setInstanceProfileRole(ctx.allAccounts, account(ctx), profile.name, null);
};

export const iamHandlers = {
  CreateRole: createRole,
  CreateServiceLinkedRole: createServiceLinkedRole,
  GetRole: getRole,
  ListRoles: listRoles,
  UpdateRole: updateRole,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  DeleteRole: deleteRole,
  TagRole: tagRole,
  UntagRole: untagRole,
  ListRoleTags: listRoleTags,
  CreatePolicy: createPolicy,
  GetPolicy: getPolicy,
  GetPolicyVersion: getPolicyVersion,
  DeletePolicy: deletePolicy,
  ListPolicies: listPolicies,
  AttachRolePolicy: attachRolePolicy,
  DetachRolePolicy: detachRolePolicy,
  ListAttachedRolePolicies: listAttachedRolePolicies,
  PutRolePolicy: putRolePolicy,
  GetRolePolicy: getRolePolicy,
  DeleteRolePolicy: deleteRolePolicy,
  ListRolePolicies: listRolePolicies,
  CreateInstanceProfile: createInstanceProfile,
  GetInstanceProfile: getInstanceProfile,
  DeleteInstanceProfile: deleteInstanceProfile,
  ListInstanceProfiles: listInstanceProfiles,
  ListInstanceProfilesForRole: listInstanceProfilesForRole,
  AddRoleToInstanceProfile: addRoleToInstanceProfile,
  RemoveRoleFromInstanceProfile: removeRoleFromInstanceProfile,
};
