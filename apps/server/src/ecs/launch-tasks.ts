/**
 * Placing and creating tasks: the one path RunTask and the service scheduler share. Placement runs
 * under the cluster's lock, so two callers never both take the last free resources.
 */
import { idBytes, placementSeed } from "../reproducible.ts";
import { containerArn, describeRefusals, safetyRefusals, STOPPED_REASONS, subnetAvailabilityZone, taskArn, type Container, type TaskDefinition, type TaskOverride } from "@stevedore/shared";
import { placeTasks, seededRandom, taskReservation, type PlacementConstraint, type PlacementFailure, type PlacementStrategy } from "@stevedore/scheduler";
import type { ActionContext } from "../aws/context.ts";
import type { Task as TaskRow } from "../db/client.ts";
import { toJson } from "../db/json.ts";
import type { TokenClaim } from "../store/idempotency.ts";
import { loadInstances, type InstanceState } from "./cluster-state.ts";
import { placementLock } from "./keyed-lock.ts";
import { ENI_THIRD_OCTETS, nextFreeAddress } from "../ec2/addresses.ts";
import { fargateHostKey } from "../agents/host-key.ts";
import { pickProviders, type Compute } from "./compute.ts";
import { managedScalingEnabled, providerInstanceIds } from "../capacity/providers.ts";
import type { AwsVpcConfiguration } from "./network-configuration.ts";
import { missingTaskRole } from "./task-roles.ts";
import { sequentialHexId } from "../store/sequential-ids.ts";

export interface LaunchRequest {
  cluster: string;
  def: TaskDefinition;
  overrides: TaskOverride;
  group: string;
  startedBy?: string;
  tags: { key: string; value?: string }[];
  count: number;
  strategies: PlacementStrategy[];
  constraints: PlacementConstraint[];
  /** Place only on these container instances (a DAEMON service's one instance). */
  instanceIds?: string[];
  /** EC2 when unset. */
  compute?: Compute;
  /** awsvpc tasks: where their network interfaces go. */
  network?: AwsVpcConfiguration;
  /** The tasks already running for the same service, so new ones balance subnets and capacity providers. */
  siblings?: Pick<TaskRow, "subnetId" | "capacityProviderName">[];
  /** RunTask's clientToken: recorded with the tasks, in their transaction. */
  claim?: TokenClaim<LaunchOutcome>;
}

/** What a launch made, as its clientToken remembers it. */
export interface LaunchOutcome {
  taskArns: string[];
  failures: { arn?: string; reason?: string }[];
}

/**
 * Where one new task goes: an instance (EC2), none (Fargate), or none yet (EC2 waiting for its capacity
 * provider's group to grow), its subnet and zone.
 */
interface Placement {
  instance?: { id: string; address: string };
  availabilityZone?: string;
  subnetId?: string;
  capacityProviderName?: string;
}

export interface LaunchResult {
  tasks: TaskRow[];
  failures: PlacementFailure[];
  /** No ACTIVE container instance at all in the cluster. */
  noInstances: boolean;
  /** Why the safety policy refused the tasks (then none was placed). */
  refused?: string;
}

export async function launchTasks(ctx: ActionContext, req: LaunchRequest): Promise<LaunchResult> {
  const refusals = safetyRefusals(req.def, ctx.config.safety);
  if (refusals.length) return { tasks: [], failures: [], noInstances: false, refused: describeRefusals(refusals) };
  const missingRole = await missingTaskRole(ctx, req.def, req.overrides.taskRoleArn);
  if (missingRole) return { tasks: [], failures: [], noInstances: false, refused: missingRole };
  if (req.compute?.launchType === "FARGATE") return launchOnFargate(ctx, req, req.compute);
  return placementLock.run(req.cluster, async () => {
    const instances = await loadInstances(ctx, req.cluster, { status: ["ACTIVE"], ...(req.instanceIds ? { ids: req.instanceIds } : {}) });
    // With capacity providers, an empty cluster is one whose groups have yet to grow (managed scaling).
    if (instances.length === 0 && !req.compute?.strategy.length) return { tasks: [], failures: [], noInstances: true };
    const drafts: Placement[] = [];
    const failures: PlacementFailure[] = [];
    const placed = new Set<string>();
    for (const share of await providerShares(ctx, req, instances)) {
      const result = placeTasks({
        instances: share.instances.map((i) => i.candidate),
        demand: { ...taskReservation(req.def, req.overrides), group: req.group },
        count: share.count,
        strategies: req.strategies,
        constraints: req.constraints,
        random: seededRandom(placementSeed()),
      });
      const chosen = new Set(result.placements);
      const rowOf = new Map(share.instances.filter((i) => chosen.has(i.row.id)).map((i) => [i.row.id, i.row]));
      for (const instanceId of result.placements) {
        const row = rowOf.get(instanceId)!;
        const subnetId = req.network?.subnets.find((id) => subnetAvailabilityZone(ctx.scope.region, id) === row.availabilityZone) ?? req.network?.subnets[0];
        drafts.push({ instance: row, availabilityZone: row.availabilityZone, ...(subnetId ? { subnetId } : {}), ...(share.provider ? { capacityProviderName: share.provider } : {}) });
        placed.add(instanceId);
      }
      // Managed scaling grows the group for what did not fit: those tasks wait in PROVISIONING (capacity/).
      const waiting = share.managedScaling ? share.count - result.placements.length : 0;
      for (let i = 0; i < waiting; i++) drafts.push({ capacityProviderName: share.provider! });
      if (!waiting) failures.push(...result.failures);
    }
    // All of the call's tasks in one transaction, held on their instances before the next placement reads them.
    const tasks = await createTasks(ctx, req, drafts, {}, failures);
    await ctx.clusterStates.noteTasks(ctx, tasks);
    // One wake-up per instance once all are created, so an agent gets its tasks in one answer.
    for (const instanceId of placed) ctx.notifier.bump(instanceId);
    return { tasks, failures, noInstances: false };
  });
}

/**
 * How many tasks go to which instances: all of them to every instance, or under a strategy of Auto
 * Scaling group capacity providers, each provider's share (base, then weights) to its group's instances.
 */
async function providerShares(ctx: ActionContext, req: LaunchRequest, instances: InstanceState[]) {
  const strategy = req.compute?.strategy ?? [];
  if (strategy.length === 0) return [{ instances, count: req.count, provider: undefined, managedScaling: false }];
  const picks = pickProviders(strategy, req.count, countBy((req.siblings ?? []).map((t) => t.capacityProviderName)));
  const providers = await ctx.db.capacityProvider.findMany({ where: { name: { in: strategy.map((s) => s.capacityProvider) } } });
  const members = await providerInstanceIds(ctx, providers);
  return strategy
    .map((s) => ({
      provider: s.capacityProvider,
      count: picks.filter((p) => p === s.capacityProvider).length,
      managedScaling: managedScalingEnabled(providers.find((p) => p.name === s.capacityProvider)),
      instances: instances.filter((i) => members.get(s.capacityProvider)?.has(i.row.ec2InstanceId)),
    }))
    .filter((share) => share.count > 0);
}

/**
 * Fargate has no instances to place on: every task gets its own network interface in one of the
 * subnets (the least used by the service's tasks first) and, under a strategy, a capacity provider.
 */
async function launchOnFargate(ctx: ActionContext, req: LaunchRequest, compute: Compute): Promise<LaunchResult> {
  const siblings = req.siblings ?? [];
  const providerCounts = countBy(siblings.map((t) => t.capacityProviderName));
  const providers = compute.strategy.length ? pickProviders(compute.strategy, req.count, providerCounts) : [];
  const subnetCounts = countBy(siblings.map((t) => t.subnetId));
  const random = seededRandom(placementSeed());
  const drafts: Placement[] = [];
  for (let i = 0; i < req.count; i++) {
    const subnets = req.network?.subnets ?? [];
    const fewest = Math.min(...subnets.map((id) => subnetCounts[id] ?? 0));
    const candidates = subnets.filter((id) => (subnetCounts[id] ?? 0) === fewest);
    const subnetId = candidates[Math.floor(random() * candidates.length)]!;
    subnetCounts[subnetId] = fewest + 1;
    const placement: Placement = {
      availabilityZone: subnetAvailabilityZone(ctx.scope.region, subnetId),
      subnetId,
      ...(providers[i] ? { capacityProviderName: providers[i] } : {}),
    };
    drafts.push(placement);
  }
  const tasks = await createTasks(ctx, req, drafts);
  ctx.fargate.ensure(ctx, req.cluster);
  ctx.notifier.bump(fargateHostKey({ accountId: ctx.scope.accountId, cluster: req.cluster }));
  return { tasks, failures: [], noInstances: false };
}

function countBy(keys: (string | null | undefined)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const k of keys) if (k) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

/**
 * Tasks the safety policy refused, recorded as ECS records tasks that fail to start: STOPPED at once,
 * TaskFailedToStart, the refusal as the stop reason (a service's circuit breaker counts them).
 */
export async function recordRefusedTasks(ctx: ActionContext, req: LaunchRequest, reason: string): Promise<TaskRow[]> {
  const now = new Date();
  const stopped = { lastStatus: "STOPPED", desiredStatus: "STOPPED", stopCode: "TaskFailedToStart", stoppedReason: `${STOPPED_REASONS.failedToStart}: ${reason}`, stoppingAt: now, stoppedAt: now, executionStoppedAt: now };
  return createTasks(ctx, req, Array.from({ length: req.count }, () => ({})), stopped);
}

/** Creates the tasks of one launch, one per placement, and records its clientToken, in one transaction on the store's fast path. */
async function createTasks(ctx: ActionContext, t: LaunchRequest, placements: Placement[], state: Partial<TaskRow> = {}, failures: PlacementFailure[] = []): Promise<TaskRow[]> {
  if (placements.length === 0) return [];
  const addresses = t.def.networkMode === "awsvpc" && !state.lastStatus ? await eniAddresses(ctx, placements.length) : [];
  const rows = placements.map((p, i) => taskRow(ctx, t, p, addresses[i], state));
  const claimed = t.claim?.record({ taskArns: rows.map((r) => r.arn), failures: failures.map(({ arn, reason }) => ({ arn, reason })) });
  await ctx.sql.write(() => {
    ctx.sql.insert("Task", rows);
    if (claimed) ctx.sql.insert("IdempotentRequest", [claimed]);
  });
  return rows;
}

/** A new task's row, every column as the schema's defaults would give it. */
function taskRow(ctx: ActionContext, t: LaunchRequest, placement: Placement, eniAddress: string | undefined, state: Partial<TaskRow>): TaskRow {
  const id = sequentialHexId("task");
  const arn = taskArn(ctx.scope, t.cluster, id);
  const containers: Container[] = t.def.containerDefinitions.map((c) => {
    const o = t.overrides.containerOverrides?.find((x) => x.name === c.name);
    const memory = o?.memory ?? c.memory;
    const memoryReservation = o?.memoryReservation ?? c.memoryReservation;
    return {
      containerArn: containerArn(ctx.scope, t.cluster, idBytes("container", 16).toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-")),
      taskArn: arn,
      name: c.name,
      image: c.image,
      lastStatus: "PENDING",
      networkBindings: [],
      networkInterfaces: [],
      healthStatus: "UNKNOWN",
      cpu: String(o?.cpu ?? c.cpu ?? 0),
      ...(memory !== undefined ? { memory: String(memory) } : {}),
      ...(memoryReservation !== undefined ? { memoryReservation: String(memoryReservation) } : {}),
    };
  });
  return {
    id,
    accountId: ctx.scope.accountId,
    arn,
    cluster: t.cluster,
    containerInstanceId: placement.instance?.id ?? null,
    taskDefinitionArn: t.def.taskDefinitionArn,
    lastStatus: "PROVISIONING",
    desiredStatus: "RUNNING",
    launchType: t.compute?.launchType ?? "EC2",
    platformVersion: t.compute?.platformVersion ?? null,
    capacityProviderName: placement.capacityProviderName ?? null,
    subnetId: placement.subnetId ?? null,
    assignPublicIp: t.network?.assignPublicIp === "ENABLED",
    securityGroups: toJson(t.network?.securityGroups ?? []),
    protectionEnabled: false,
    protectionExpiresAt: null,
    group: t.group,
    startedBy: t.startedBy ?? null,
    overrides: toJson({ containerOverrides: [], inferenceAcceleratorOverrides: [], ...t.overrides }),
    containers: toJson(containers),
    cpu: t.overrides.cpu ?? t.def.cpu ?? null,
    memory: t.overrides.memory ?? t.def.memory ?? null,
    bindIP: eniAddress ?? placement.instance?.address ?? null,
    availabilityZone: placement.availabilityZone ?? null,
    tags: toJson(t.tags),
    version: 1,
    stoppedReason: null,
    stopCode: null,
    healthStatus: "UNKNOWN",
    createdAt: new Date(),
    pullStartedAt: null,
    pullStoppedAt: null,
    startedAt: null,
    stoppingAt: null,
    stoppedAt: null,
    executionStoppedAt: null,
    ...state,
  };
}


/** Free addresses for awsvpc tasks' network interfaces: ones no task that still runs holds, on the whole machine. */
async function eniAddresses(ctx: ActionContext, n: number): Promise<string[]> {
  const rows = await ctx.allAccounts.task.findMany({ where: { lastStatus: { not: "STOPPED" }, bindIP: { not: null } }, select: { bindIP: true } });
  const held = new Set(rows.map((h) => h.bindIP!));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const address = nextFreeAddress(ctx.config.instanceNetwork, held, ...ENI_THIRD_OCTETS);
    held.add(address);
    out.push(address);
  }
  return out;
}
