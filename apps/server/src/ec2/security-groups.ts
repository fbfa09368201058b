/**
 * EC2 security groups of the default VPC: its "default" group (all traffic from its own members in,
 * everything out) and the groups an account creates, with ingress and egress rules that instances,
 * tasks' network configurations and load balancers name. Rules are kept and shown; Stevedore's
 * loopback addresses filter no traffic.
 */
import { idBytes } from "../reproducible.ts";
import { defaultSecurityGroupId, defaultVpcId } from "@stevedore/shared";
import type { IpPermission, SecurityGroup, SecurityGroupRule } from "@stevedore/shared/aws/models/ec2";
import type { ActionContext } from "../aws/context.ts";
import { AwsError } from "../aws/errors.ts";
import * as store from "../store/ec2-resources.ts";
import type { SecurityGroupRecord, SecurityGroupRuleRecord } from "../store/ec2-resources.ts";
import { filterRows, tagFields } from "./query-filters.ts";
import { tagsOf } from "./tags.ts";
import type { Ec2Action } from "./service.ts";

const hex17 = () => idBytes("security-group", 9).toString("hex").slice(0, 17);
const ALL_TRAFFIC = { protocol: "-1", cidrIpv4: "0.0.0.0/0" };

const notFound = (id: string) => new AwsError("InvalidGroup.NotFound", `The security group '${id}' does not exist`);

/** Every group of the account, its default group made the first time it is asked for. */
export async function accountGroups(ctx: ActionContext): Promise<SecurityGroupRecord[]> {
  const id = defaultSecurityGroupId(ctx.scope.region);
  await store.ensureSecurityGroup(ctx.allAccounts, {
    id,
    accountId: ctx.scope.accountId,
    vpcId: defaultVpcId(ctx.scope.region),
    name: "default",
    description: "default VPC security group",
    ingress: [{ id: `sgr-${hex17()}`, protocol: "-1", groupId: id }],
    egress: [{ id: `sgr-${hex17()}`, ...ALL_TRAFFIC }],
    tags: [],
  });
  return store.listSecurityGroups(ctx.allAccounts, ctx.scope.accountId);
}

/** The groups named by ID, each of which must exist (RunInstances, tasks' network configuration). */
export async function requireGroups(ctx: ActionContext, ids: readonly string[]): Promise<SecurityGroupRecord[]> {
  const groups = await accountGroups(ctx);
  return ids.map((id) => groups.find((g) => g.id === id) ?? throwing(notFound(id)));
}

const throwing = (err: Error): never => {
  throw err;
};

async function requireGroup(ctx: ActionContext, p: { GroupId?: string | undefined; GroupName?: string | undefined }): Promise<SecurityGroupRecord> {
  const groups = await accountGroups(ctx);
  if (p.GroupId) return groups.find((g) => g.id === p.GroupId) ?? throwing(notFound(p.GroupId));
  if (p.GroupName) {
    const vpc = defaultVpcId(ctx.scope.region);
    return groups.find((g) => g.name === p.GroupName && g.vpcId === vpc) ?? throwing(new AwsError("InvalidGroup.NotFound", `The security group '${p.GroupName}' does not exist in default VPC '${vpc}'`));
  }
  throw new AwsError("MissingParameter", "The request must contain the parameter groupName or groupId");
}

export const createSecurityGroup: Ec2Action<"CreateSecurityGroup"> = async (p, ctx) => {
  const vpcId = p.VpcId ?? defaultVpcId(ctx.scope.region);
  if (vpcId !== defaultVpcId(ctx.scope.region)) throw new AwsError("InvalidVpcID.NotFound", `The vpc ID '${vpcId}' does not exist`);
  if (p.GroupName.toLowerCase().startsWith("sg-")) throw new AwsError("InvalidParameterValue", "Group names may not be in the format sg-*.");
  await accountGroups(ctx);
  const created = await store.createSecurityGroup(ctx.allAccounts, {
    id: `sg-${hex17()}`,
    accountId: ctx.scope.accountId,
    vpcId,
    name: p.GroupName,
    description: p.Description,
    ingress: [],
    egress: [{ id: `sgr-${hex17()}`, ...ALL_TRAFFIC }],
    tags: tagsOf(p.TagSpecifications, "security-group"),
  });
  if (!created) throw new AwsError("InvalidGroup.Duplicate", `The security group '${p.GroupName}' already exists for VPC '${vpcId}'`);
  return { GroupId: created.id, SecurityGroupArn: groupArn(ctx, created.id), ...(created.tags.length ? { Tags: created.tags } : {}) };
};

const groupArn = (ctx: ActionContext, id: string) => `arn:aws:ec2:${ctx.scope.region}:${ctx.scope.accountId}:security-group/${id}`;

export const describeSecurityGroups: Ec2Action<"DescribeSecurityGroups"> = async (p, ctx) => {
  let groups = await accountGroups(ctx);
  if (p.GroupNames?.length) groups = await Promise.all(p.GroupNames.map((GroupName) => requireGroup(ctx, { GroupName })));
  const rows = filterRows(
    { ids: p.GroupIds, filters: p.Filters },
    groups,
    (g) => ({ "group-id": g.id, "group-name": g.name, "vpc-id": g.vpcId, description: g.description, "owner-id": g.accountId, ...tagFields(g.tags) }),
    { field: "group-id", notFound: "InvalidGroup.NotFound", what: "security group" },
  );
  return { SecurityGroups: rows.map((g) => groupXml(ctx, g)) };
};

function groupXml(ctx: ActionContext, g: SecurityGroupRecord): SecurityGroup {
  return {
    GroupId: g.id,
    GroupName: g.name,
    Description: g.description,
    VpcId: g.vpcId,
    OwnerId: ctx.scope.accountId,
    SecurityGroupArn: groupArn(ctx, g.id),
    IpPermissions: permissions(ctx, g.ingress),
    IpPermissionsEgress: permissions(ctx, g.egress),
    ...(g.tags.length ? { Tags: g.tags } : {}),
  };
}

/** Rules grouped as EC2's IpPermission lists: one per protocol and port range, its sources within. */
function permissions(ctx: ActionContext, rules: SecurityGroupRuleRecord[]): IpPermission[] {
  const out = new Map<string, IpPermission>();
  for (const r of rules) {
    const key = `${r.protocol}/${r.fromPort}/${r.toPort}`;
    const p = out.get(key) ?? { IpProtocol: r.protocol, ...(r.fromPort !== undefined ? { FromPort: r.fromPort, ToPort: r.toPort! } : {}), IpRanges: [], Ipv6Ranges: [], UserIdGroupPairs: [], PrefixListIds: [] };
    const description = r.description !== undefined ? { Description: r.description } : {};
    if (r.cidrIpv4) p.IpRanges!.push({ CidrIp: r.cidrIpv4, ...description });
    if (r.cidrIpv6) p.Ipv6Ranges!.push({ CidrIpv6: r.cidrIpv6, ...description });
    if (r.groupId) p.UserIdGroupPairs!.push({ GroupId: r.groupId, UserId: ctx.scope.accountId, ...description });
    if (r.prefixListId) p.PrefixListIds!.push({ PrefixListId: r.prefixListId, ...description });
    out.set(key, p);
  }
  return [...out.values()];
}

interface RuleRequest {
  IpPermissions?: IpPermission[] | undefined;
  CidrIp?: string | undefined;
  IpProtocol?: string | undefined;
  FromPort?: number | undefined;
  ToPort?: number | undefined;
  SourceSecurityGroupName?: string | undefined;
}

const PROTOCOL_NAMES: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", all: "-1" };

/** The rules a request names, one source each: its IpPermissions, or its top-level fields. */
async function requestedRules(ctx: ActionContext, p: RuleRequest): Promise<Omit<SecurityGroupRuleRecord, "id">[]> {
  const perms: IpPermission[] = p.IpPermissions?.length
    ? p.IpPermissions
    : [{ IpProtocol: p.IpProtocol ?? "-1", ...(p.FromPort !== undefined ? { FromPort: p.FromPort } : {}), ...(p.ToPort !== undefined ? { ToPort: p.ToPort } : {}), ...(p.CidrIp ? { IpRanges: [{ CidrIp: p.CidrIp }] } : {}) }];
  if (!p.IpPermissions?.length && p.SourceSecurityGroupName) {
    perms[0]!.UserIdGroupPairs = [{ GroupId: (await requireGroup(ctx, { GroupName: p.SourceSecurityGroupName })).id }];
  }
  const rules: Omit<SecurityGroupRuleRecord, "id">[] = [];
  for (const perm of perms) {
    const raw = String(perm.IpProtocol ?? "-1").toLowerCase();
    const protocol = Object.hasOwn(PROTOCOL_NAMES, raw) ? PROTOCOL_NAMES[raw]! : raw;
    if (!["tcp", "udp", "icmp", "icmpv6", "-1"].includes(protocol) && !/^\d{1,3}$/.test(protocol)) throw new AwsError("InvalidParameterValue", `Invalid value '${perm.IpProtocol}' for IP protocol. Unknown protocol.`);
    const ported = protocol === "tcp" || protocol === "udp" || protocol.startsWith("icmp");
    if (ported && (perm.FromPort === undefined || perm.ToPort === undefined)) throw new AwsError("MissingParameter", "The request must contain the parameter ipPermissions.toPort");
    if (protocol === "tcp" || protocol === "udp") {
      for (const port of [perm.FromPort!, perm.ToPort!]) if (port < 0 || port > 65535) throw new AwsError("InvalidParameterValue", `Invalid value '${port}' for portRange. Must be between 0 and 65535.`);
      if (perm.FromPort! > perm.ToPort!) throw new AwsError("InvalidParameterValue", `Invalid TCP/UDP port range (${perm.FromPort}-${perm.ToPort}).`);
    }
    const ports = ported ? { fromPort: perm.FromPort!, toPort: perm.ToPort! } : {};
    const sources: Omit<SecurityGroupRuleRecord, "id" | "protocol" | "fromPort" | "toPort">[] = [
      ...(perm.IpRanges ?? []).map((r) => ({ cidrIpv4: checkCidr(r.CidrIp ?? ""), ...(r.Description !== undefined ? { description: r.Description } : {}) })),
      ...(perm.Ipv6Ranges ?? []).map((r) => ({ cidrIpv6: r.CidrIpv6 ?? "", ...(r.Description !== undefined ? { description: r.Description } : {}) })),
      ...(perm.PrefixListIds ?? []).map((r) => ({ prefixListId: r.PrefixListId ?? "", ...(r.Description !== undefined ? { description: r.Description } : {}) })),
    ];
    for (const pair of perm.UserIdGroupPairs ?? []) {
      const group = await requireGroup(ctx, { GroupId: pair.GroupId, GroupName: pair.GroupName });
      sources.push({ groupId: group.id, ...(pair.Description !== undefined ? { description: pair.Description } : {}) });
    }
    if (!sources.length) throw new AwsError("MissingParameter", "The request must contain the parameter ipPermissions.ipRanges or ipPermissions.groups");
    for (const source of sources) rules.push({ protocol, ...ports, ...source });
  }
  return rules;
}

function checkCidr(cidr: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) throw new AwsError("InvalidParameterValue", `Value (${cidr}) for parameter cidrIp is invalid. This is not a valid CIDR block.`);
  return cidr;
}

const sameRule = (a: Omit<SecurityGroupRuleRecord, "id">, b: Omit<SecurityGroupRuleRecord, "id">) =>
  a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort && a.cidrIpv4 === b.cidrIpv4 && a.cidrIpv6 === b.cidrIpv6 && a.groupId === b.groupId && a.prefixListId === b.prefixListId;

const peer = (r: Omit<SecurityGroupRuleRecord, "id">) => r.cidrIpv4 ?? r.cidrIpv6 ?? r.groupId ?? r.prefixListId;
const duplicate = (r: Omit<SecurityGroupRuleRecord, "id">) =>
  new AwsError(
    "InvalidPermission.Duplicate",
    `the specified rule "peer: ${peer(r)}, ${r.protocol === "-1" ? "ALL" : r.protocol.toUpperCase()}${r.fromPort !== undefined ? `, from port: ${r.fromPort}, to port: ${r.toPort}` : ""}, ALLOW" already exists`,
  );

function ruleXml(ctx: ActionContext, g: SecurityGroupRecord, r: SecurityGroupRuleRecord, egress: boolean): SecurityGroupRule {
  return {
    SecurityGroupRuleId: r.id,
    GroupId: g.id,
    GroupOwnerId: ctx.scope.accountId,
    IsEgress: egress,
    IpProtocol: r.protocol,
    FromPort: r.fromPort ?? -1,
    ToPort: r.toPort ?? -1,
    ...(r.cidrIpv4 ? { CidrIpv4: r.cidrIpv4 } : {}),
    ...(r.cidrIpv6 ? { CidrIpv6: r.cidrIpv6 } : {}),
    ...(r.prefixListId ? { PrefixListId: r.prefixListId } : {}),
    ...(r.groupId ? { ReferencedGroupInfo: { GroupId: r.groupId, UserId: ctx.scope.accountId } } : {}),
    ...(r.description !== undefined ? { Description: r.description } : {}),
    SecurityGroupRuleArn: `arn:aws:ec2:${ctx.scope.region}:${ctx.scope.accountId}:security-group-rule/${r.id}`,
    Tags: [],
  };
}

async function authorize(ctx: ActionContext, p: RuleRequest & { GroupId?: string | undefined; GroupName?: string | undefined }, egress: boolean) {
  const g = await requireGroup(ctx, p);
  const existing = egress ? g.egress : g.ingress;
  const added: SecurityGroupRuleRecord[] = [];
  for (const rule of await requestedRules(ctx, p)) {
    if ([...existing, ...added].some((r) => sameRule(r, rule))) throw duplicate(rule);
    added.push({ id: `sgr-${hex17()}`, ...rule });
  }
  await store.updateSecurityGroup(ctx.allAccounts, ctx.scope.accountId, g.id, egress ? { egress: [...existing, ...added] } : { ingress: [...existing, ...added] });
  return { Return: true, SecurityGroupRules: added.map((r) => ruleXml(ctx, g, r, egress)) };
}

async function revoke(ctx: ActionContext, p: RuleRequest & { GroupId?: string | undefined; GroupName?: string | undefined; SecurityGroupRuleIds?: string[] | undefined }, egress: boolean) {
  const g = await requireGroup(ctx, p);
  const existing = egress ? g.egress : g.ingress;
  let kept: SecurityGroupRuleRecord[];
  if (p.SecurityGroupRuleIds?.length) {
    for (const id of p.SecurityGroupRuleIds) {
      if (!existing.some((r) => r.id === id)) throw new AwsError("InvalidSecurityGroupRuleId.NotFound", `The security group rule ID '${id}' does not exist`);
    }
    kept = existing.filter((r) => !p.SecurityGroupRuleIds!.includes(r.id));
  } else {
    const removed = await requestedRules(ctx, p);
    for (const rule of removed) {
      if (!existing.some((r) => sameRule(r, rule))) throw new AwsError("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
    }
    kept = existing.filter((r) => !removed.some((x) => sameRule(r, x)));
  }
  await store.updateSecurityGroup(ctx.allAccounts, ctx.scope.accountId, g.id, egress ? { egress: kept } : { ingress: kept });
  return { Return: true };
}

export const authorizeSecurityGroupIngress: Ec2Action<"AuthorizeSecurityGroupIngress"> = (p, ctx) => authorize(ctx, p, false);
export const authorizeSecurityGroupEgress: Ec2Action<"AuthorizeSecurityGroupEgress"> = (p, ctx) => authorize(ctx, { ...p, GroupId: p.GroupId }, true);
export const revokeSecurityGroupIngress: Ec2Action<"RevokeSecurityGroupIngress"> = (p, ctx) => revoke(ctx, p, false);
export const revokeSecurityGroupEgress: Ec2Action<"RevokeSecurityGroupEgress"> = (p, ctx) => revoke(ctx, { ...p, GroupId: p.GroupId }, true);

export const describeSecurityGroupRules: Ec2Action<"DescribeSecurityGroupRules"> = async (p, ctx) => {
  const rules = (await accountGroups(ctx)).flatMap((g) => [...g.ingress.map((r) => ruleXml(ctx, g, r, false)), ...g.egress.map((r) => ruleXml(ctx, g, r, true))]);
  const rows = filterRows({ ids: p.SecurityGroupRuleIds, filters: p.Filters }, rules, (r) => ({ "security-group-rule-id": r.SecurityGroupRuleId!, "group-id": r.GroupId! }), {
    field: "security-group-rule-id",
    notFound: "InvalidSecurityGroupRuleId.NotFound",
    what: "security group rule ID",
  });
  return { SecurityGroupRules: rows };
};

export const deleteSecurityGroup: Ec2Action<"DeleteSecurityGroup"> = async (p, ctx) => {
  const g = await requireGroup(ctx, p);
  if (g.name === "default") throw new AwsError("CannotDelete", `the specified group: "${g.id}" name: "default" cannot be deleted by a user`);
  if (await store.securityGroupInUse(ctx.allAccounts, ctx.scope.accountId, g.id)) throw new AwsError("DependencyViolation", `resource ${g.id} has a dependent object`);
  const referencing = (await accountGroups(ctx)).find((x) => x.id !== g.id && [...x.ingress, ...x.egress].some((r) => r.groupId === g.id));
  if (referencing) throw new AwsError("DependencyViolation", `resource ${g.id} has a dependent object`);
  await store.deleteSecurityGroup(ctx.allAccounts, ctx.scope.accountId, g.id);
  return { Return: true, GroupId: g.id };
};
