/**
 * Elastic Load Balancing v2: load balancers, target groups, listeners, rules and registered targets,
 * typed with their JSON columns decoded. Every function takes its account explicitly (the data plane
 * and ECS's registrations work across accounts): pass the unscoped client.
 */
import type { Action, RuleCondition, Tag } from "@stevedore/shared/aws/models/elbv2";
import type { Db, ElbListener, ElbLoadBalancer, ElbRule, ElbTarget, ElbTargetGroup } from "../db/client.ts";
import { fromJson, toJson } from "../db/json.ts";

export interface ZoneMapping {
  ZoneName: string;
  SubnetId: string;
}

export interface LoadBalancerRecord {
  arn: string;
  accountId: string;
  name: string;
  dnsName: string;
  address: string;
  scheme: string;
  ipAddressType: string;
  vpcId: string;
  zones: ZoneMapping[];
  securityGroups: string[];
  attributes: Record<string, string>;
  tags: Tag[];
  createdAt: Date;
}

export interface HealthCheckSettings {
  enabled: boolean;
  protocol: string;
  /** A port number, or "traffic-port". */
  port: string;
  path: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  /** Matcher.HttpCode: "200", "200,202", "200-299". */
  matcher: string;
}

export interface TargetGroupRecord {
  arn: string;
  accountId: string;
  name: string;
  protocol: string;
  port: number;
  vpcId: string;
  targetType: string;
  healthCheck: HealthCheckSettings;
  attributes: Record<string, string>;
  tags: Tag[];
  createdAt: Date;
}

export interface ListenerRecord {
  arn: string;
  accountId: string;
  loadBalancerArn: string;
  port: number;
  protocol: string;
  defaultActions: Action[];
  tags: Tag[];
}

export interface RuleRecord {
  arn: string;
  accountId: string;
  listenerArn: string;
  priority: number;
  conditions: RuleCondition[];
  actions: Action[];
  tags: Tag[];
}

export interface TargetRecord {
  accountId: string;
  targetGroupArn: string;
  targetId: string;
  port: number;
  availabilityZone: string | null;
  registeredAt: Date;
  deregisteredAt: Date | null;
}

const loadBalancer = (row: ElbLoadBalancer): LoadBalancerRecord => ({
  ...row,
  zones: fromJson(row.zones, []),
  securityGroups: fromJson(row.securityGroups, []),
  attributes: fromJson(row.attributes, {}),
  tags: fromJson(row.tags, []),
});
const targetGroup = (row: ElbTargetGroup): TargetGroupRecord => ({
  ...row,
  healthCheck: fromJson(row.healthCheck, {} as HealthCheckSettings),
  attributes: fromJson(row.attributes, {}),
  tags: fromJson(row.tags, []),
});
const listener = (row: ElbListener): ListenerRecord => ({ ...row, defaultActions: fromJson(row.defaultActions, []), tags: fromJson(row.tags, []) });
const rule = (row: ElbRule): RuleRecord => ({ ...row, conditions: fromJson(row.conditions, []), actions: fromJson(row.actions, []), tags: fromJson(row.tags, []) });
const target = (row: ElbTarget): TargetRecord => row;

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === "P2002";

// Load balancers

export async function listLoadBalancers(db: Db, accountId?: string): Promise<LoadBalancerRecord[]> {
  const rows = await db.elbLoadBalancer.findMany({ where: accountId ? { accountId } : {}, orderBy: { createdAt: "asc" } });
  return rows.map(loadBalancer);
}

export async function findLoadBalancer(db: Db, accountId: string, arn: string): Promise<LoadBalancerRecord | undefined> {
  const row = await db.elbLoadBalancer.findFirst({ where: { accountId, arn } });
  return row ? loadBalancer(row) : undefined;
}

/** Every address a load balancer holds (any account): a new one takes another. */
export async function loadBalancerAddresses(db: Db): Promise<Set<string>> {
  const rows = await db.elbLoadBalancer.findMany({ select: { address: true } });
  return new Set(rows.map((r) => r.address));
}

/** The new load balancer, or undefined when the account has one of that name. */
export async function createLoadBalancer(db: Db, lb: Omit<LoadBalancerRecord, "createdAt">): Promise<LoadBalancerRecord | undefined> {
  try {
    const row = await db.elbLoadBalancer.create({
      data: { ...lb, zones: toJson(lb.zones), securityGroups: toJson(lb.securityGroups), attributes: toJson(lb.attributes), tags: toJson(lb.tags) },
    });
    return loadBalancer(row);
  } catch (err) {
    if (isUniqueViolation(err)) return undefined;
    throw err;
  }
}

export async function updateLoadBalancer(db: Db, accountId: string, arn: string, change: Partial<Pick<LoadBalancerRecord, "attributes" | "securityGroups" | "tags" | "zones" | "ipAddressType">>): Promise<void> {
  await db.elbLoadBalancer.updateMany({
    where: { accountId, arn },
    data: {
      ...(change.attributes ? { attributes: toJson(change.attributes) } : {}),
      ...(change.securityGroups ? { securityGroups: toJson(change.securityGroups) } : {}),
      ...(change.tags ? { tags: toJson(change.tags) } : {}),
      ...(change.zones ? { zones: toJson(change.zones) } : {}),
      ...(change.ipAddressType ? { ipAddressType: change.ipAddressType } : {}),
    },
  });
}

/** Deletes a load balancer with its listeners and their rules. */
export async function deleteLoadBalancer(db: Db, accountId: string, arn: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const listeners = await tx.elbListener.findMany({ where: { accountId, loadBalancerArn: arn }, select: { arn: true } });
    await tx.elbRule.deleteMany({ where: { accountId, listenerArn: { in: listeners.map((l) => l.arn) } } });
    await tx.elbListener.deleteMany({ where: { accountId, loadBalancerArn: arn } });
    await tx.elbLoadBalancer.deleteMany({ where: { accountId, arn } });
  });
}

// Target groups

export async function listTargetGroups(db: Db, accountId?: string): Promise<TargetGroupRecord[]> {
  const rows = await db.elbTargetGroup.findMany({ where: accountId ? { accountId } : {}, orderBy: { createdAt: "asc" } });
  return rows.map(targetGroup);
}

export async function findTargetGroup(db: Db, accountId: string, arn: string): Promise<TargetGroupRecord | undefined> {
  const row = await db.elbTargetGroup.findFirst({ where: { accountId, arn } });
  return row ? targetGroup(row) : undefined;
}

export async function createTargetGroup(db: Db, tg: Omit<TargetGroupRecord, "createdAt">): Promise<TargetGroupRecord | undefined> {
  try {
    const row = await db.elbTargetGroup.create({
      data: { ...tg, healthCheck: toJson(tg.healthCheck), attributes: toJson(tg.attributes), tags: toJson(tg.tags) },
    });
    return targetGroup(row);
  } catch (err) {
    if (isUniqueViolation(err)) return undefined;
    throw err;
  }
}

export async function updateTargetGroup(db: Db, accountId: string, arn: string, change: Partial<Pick<TargetGroupRecord, "healthCheck" | "attributes" | "tags">>): Promise<void> {
  await db.elbTargetGroup.updateMany({
    where: { accountId, arn },
    data: {
      ...(change.healthCheck ? { healthCheck: toJson(change.healthCheck) } : {}),
      ...(change.attributes ? { attributes: toJson(change.attributes) } : {}),
      ...(change.tags ? { tags: toJson(change.tags) } : {}),
    },
  });
}

export async function deleteTargetGroup(db: Db, accountId: string, arn: string): Promise<void> {
  await db.$transaction([db.elbTarget.deleteMany({ where: { accountId, targetGroupArn: arn } }), db.elbTargetGroup.deleteMany({ where: { accountId, arn } })]);
}

// Listeners and rules

export async function listListeners(db: Db, accountId?: string, loadBalancerArn?: string): Promise<ListenerRecord[]> {
  const rows = await db.elbListener.findMany({
    where: { ...(accountId ? { accountId } : {}), ...(loadBalancerArn ? { loadBalancerArn } : {}) },
    orderBy: [{ createdAt: "asc" }, { port: "asc" }],
  });
  return rows.map(listener);
}

export async function findListener(db: Db, accountId: string, arn: string): Promise<ListenerRecord | undefined> {
  const row = await db.elbListener.findFirst({ where: { accountId, arn } });
  return row ? listener(row) : undefined;
}

/** The new listener, or undefined when its load balancer has one on that port. */
export async function createListener(db: Db, l: ListenerRecord): Promise<ListenerRecord | undefined> {
  try {
    return listener(await db.elbListener.create({ data: { ...l, defaultActions: toJson(l.defaultActions), tags: toJson(l.tags) } }));
  } catch (err) {
    if (isUniqueViolation(err)) return undefined;
    throw err;
  }
}

/** False when the new port is another listener's. */
export async function updateListener(db: Db, accountId: string, arn: string, change: Partial<Pick<ListenerRecord, "port" | "protocol" | "defaultActions" | "tags">>): Promise<boolean> {
  try {
    await db.elbListener.updateMany({
      where: { accountId, arn },
      data: {
        ...(change.port !== undefined ? { port: change.port } : {}),
        ...(change.protocol ? { protocol: change.protocol } : {}),
        ...(change.defaultActions ? { defaultActions: toJson(change.defaultActions) } : {}),
        ...(change.tags ? { tags: toJson(change.tags) } : {}),
      },
    });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

export async function deleteListener(db: Db, accountId: string, arn: string): Promise<void> {
  await db.$transaction([db.elbRule.deleteMany({ where: { accountId, listenerArn: arn } }), db.elbListener.deleteMany({ where: { accountId, arn } })]);
}

export async function listRules(db: Db, accountId?: string, listenerArn?: string): Promise<RuleRecord[]> {
  const rows = await db.elbRule.findMany({
    where: { ...(accountId ? { accountId } : {}), ...(listenerArn ? { listenerArn } : {}) },
    orderBy: { priority: "asc" },
  });
  return rows.map(rule);
}

export async function findRule(db: Db, accountId: string, arn: string): Promise<RuleRecord | undefined> {
  const row = await db.elbRule.findFirst({ where: { accountId, arn } });
  return row ? rule(row) : undefined;
}

/** The new rule, or undefined when its listener has a rule of that priority. */
export async function createRule(db: Db, r: RuleRecord): Promise<RuleRecord | undefined> {
  try {
    return rule(await db.elbRule.create({ data: { ...r, conditions: toJson(r.conditions), actions: toJson(r.actions), tags: toJson(r.tags) } }));
  } catch (err) {
    if (isUniqueViolation(err)) return undefined;
    throw err;
  }
}

export async function updateRule(db: Db, accountId: string, arn: string, change: Partial<Pick<RuleRecord, "conditions" | "actions" | "tags">>): Promise<void> {
  await db.elbRule.updateMany({
    where: { accountId, arn },
    data: {
      ...(change.conditions ? { conditions: toJson(change.conditions) } : {}),
      ...(change.actions ? { actions: toJson(change.actions) } : {}),
      ...(change.tags ? { tags: toJson(change.tags) } : {}),
    },
  });
}

/** Sets several rules' priorities at once; false (nothing changed) when two would share one. */
export async function setRulePriorities(db: Db, accountId: string, priorities: ReadonlyArray<{ arn: string; priority: number }>): Promise<boolean> {
  try {
    await db.$transaction(async (tx) => {
      // Negative placeholders first: the unique (listener, priority) index holds at every step.
      for (const [i, p] of priorities.entries()) await tx.elbRule.updateMany({ where: { accountId, arn: p.arn }, data: { priority: -1 - i } });
      for (const p of priorities) await tx.elbRule.updateMany({ where: { accountId, arn: p.arn }, data: { priority: p.priority } });
    });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

export async function deleteRule(db: Db, accountId: string, arn: string): Promise<void> {
  await db.elbRule.deleteMany({ where: { accountId, arn } });
}

// Targets

export async function listTargets(db: Db, accountId?: string, targetGroupArn?: string): Promise<TargetRecord[]> {
  const rows = await db.elbTarget.findMany({
    where: { ...(accountId ? { accountId } : {}), ...(targetGroupArn ? { targetGroupArn } : {}) },
    orderBy: { registeredAt: "asc" },
  });
  return rows.map(target);
}

/** Registers targets (a draining one registered again is registered anew). */
export async function registerTargets(db: Db, accountId: string, targetGroupArn: string, targets: ReadonlyArray<{ targetId: string; port: number; availabilityZone?: string | undefined }>): Promise<void> {
  const now = new Date();
  await db.$transaction(
    targets.map((t) =>
      db.elbTarget.upsert({
        where: { targetGroupArn_targetId_port: { targetGroupArn, targetId: t.targetId, port: t.port } },
        create: { accountId, targetGroupArn, targetId: t.targetId, port: t.port, availabilityZone: t.availabilityZone ?? null, registeredAt: now },
        update: { deregisteredAt: null, registeredAt: now },
      }),
    ),
  );
}

/** Marks targets deregistered (they drain); the ones that were registered. */
export async function deregisterTargets(db: Db, accountId: string, targetGroupArn: string, targets: ReadonlyArray<{ targetId: string; port: number }>, at = new Date()): Promise<number> {
  let count = 0;
  for (const t of targets) {
    const r = await db.elbTarget.updateMany({ where: { accountId, targetGroupArn, targetId: t.targetId, port: t.port, deregisteredAt: null }, data: { deregisteredAt: at } });
    count += r.count;
  }
  return count;
}

/** Forgets a drained target. */
export async function removeTarget(db: Db, targetGroupArn: string, targetId: string, port: number): Promise<void> {
  await db.elbTarget.deleteMany({ where: { targetGroupArn, targetId, port, deregisteredAt: { not: null } } });
}
