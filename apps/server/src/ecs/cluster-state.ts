/**
 * The live state of a cluster's container instances: what each registered, what its tasks reserve,
 * and so what remains. DescribeContainerInstances shows it; placement decides from it.
 *
 * It is held in memory per cluster, loaded from the database on first use and kept current by the
 * changes that move it: tasks placed, tasks that stop or move (noteTasks), instances that change
 * (noteInstancesChanged reloads the cluster), agents heard from (noteAgentSeen). Placement therefore
 * never reads the cluster from the database. A change during a load makes the load start again, and a
 * state older than a minute is reloaded, so nothing missed stays wrong for long.
 */
import { AGENT_DISCONNECTED_AFTER_MS, type Attribute, type Resource, type TaskDefinition } from "@stevedore/shared";
import { taskReservation, type CandidateInstance, type TaskReservation } from "@stevedore/scheduler";
import type { ActionContext } from "../aws/context.ts";
import type { ContainerInstance as InstanceRow, Task as TaskRow } from "../db/client.ts";
import { fromJson } from "../db/json.ts";
import { taskDefinitionsByArn } from "./task-definition-cache.ts";

export interface InstanceState {
  row: InstanceRow;
  registered: Resource[];
  remaining: Resource[];
  agentConnected: boolean;
  runningTasksCount: number;
  pendingTasksCount: number;
  attributes: Attribute[];
  candidate: CandidateInstance;
}

/** How old a cluster's state may get before it is read again from the database (a safety net: changes are noted as they happen). */
const RELOAD_AFTER_MS = 5 * 60_000;

export const isAgentConnected = (row: Pick<InstanceRow, "status" | "agentLastSeenAt">, now = Date.now()) =>
  row.status !== "INACTIVE" && !!row.agentLastSeenAt && now - row.agentLastSeenAt.getTime() < AGENT_DISCONNECTED_AFTER_MS;

/** Tasks that hold resources on their instance: placed and not yet stopped. */
export const holdsResources = (t: Pick<TaskRow, "lastStatus" | "containerInstanceId">) => t.lastStatus !== "STOPPED" && t.containerInstanceId !== null;

/** What a task holds on its instance. */
interface Holding {
  instanceId: string;
  reservation: TaskReservation;
  group: string | null;
  running: boolean;
}

/** An instance with what its tasks hold subtracted, kept current task by task. */
class LiveInstance {
  registered: Resource[];
  attributes: Attribute[];
  cpu: number;
  memory: number;
  tcp = new Map<number, number>();
  udp = new Map<number, number>();
  groupCounts: Record<string, number> = {};
  running = 0;
  pending = 0;
  /** The last view, and the second it was made in: placement reads every instance on every call. */
  private cached?: { view: InstanceState; second: number };

  constructor(public row: InstanceRow) {
    this.registered = fromJson<Resource[]>(row.registeredResources, []);
    this.attributes = instanceAttributes(row);
    const reg = (name: string) => this.registered.find((r) => r.name === name);
    this.cpu = reg("CPU")?.integerValue ?? 0;
    this.memory = reg("MEMORY")?.integerValue ?? 0;
    for (const p of reg("PORTS")?.stringSetValue ?? []) count(this.tcp, Number(p), 1);
    for (const p of reg("PORTS_UDP")?.stringSetValue ?? []) count(this.udp, Number(p), 1);
  }

  apply(h: Holding, sign: 1 | -1): void {
    this.cached = undefined;
    this.cpu -= sign * h.reservation.cpu;
    this.memory -= sign * h.reservation.memory;
    for (const p of h.reservation.tcpPorts) count(this.tcp, p, sign);
    for (const p of h.reservation.udpPorts) count(this.udp, p, sign);
    if (h.group) this.groupCounts[h.group] = (this.groupCounts[h.group] ?? 0) + sign;
    if (h.running) this.running += sign;
    else this.pending += sign;
  }

  seen(at: Date): void {
    this.row = { ...this.row, agentLastSeenAt: at };
    this.cached = undefined;
  }

  /** What callers see: the same object until the instance changes or a second passes (agentConnected ages). */
  view(now: number): InstanceState {
    const second = Math.floor(now / 1000);
    if (this.cached?.second !== second) this.cached = { view: this.makeView(now), second };
    return this.cached.view;
  }

  private makeView(now: number): InstanceState {
    const agentConnected = isAgentConnected(this.row, now);
    const tcpPorts = new Set(this.tcp.keys());
    const udpPorts = new Set(this.udp.keys());
    return {
      row: this.row,
      registered: this.registered,
      remaining: [intResource("CPU", this.cpu), intResource("MEMORY", this.memory), setResource("PORTS", [...tcpPorts]), setResource("PORTS_UDP", [...udpPorts])],
      agentConnected,
      runningTasksCount: this.running,
      pendingTasksCount: this.pending,
      attributes: this.attributes,
      candidate: {
        id: this.row.id,
        arn: this.row.arn,
        ec2InstanceId: this.row.ec2InstanceId,
        status: this.row.status,
        agentConnected,
        agentVersion: fromJson<{ agentVersion?: string }>(this.row.versionInfo, {}).agentVersion ?? "",
        registeredAt: this.row.registeredAt.getTime(),
        runningTasksCount: this.running,
        attributes: Object.fromEntries(this.attributes.map((a) => [a.name, a.value ?? ""])),
        remaining: { cpu: this.cpu, memory: this.memory, tcpPorts, udpPorts },
        groupCounts: { ...this.groupCounts },
      },
    };
  }
}

function count(ports: Map<number, number>, port: number, by: number) {
  const n = (ports.get(port) ?? 0) + by;
  if (n > 0) ports.set(port, n);
  else ports.delete(port);
}

class LiveCluster {
  readonly instances = new Map<string, LiveInstance>();
  readonly holdings = new Map<string, Holding>();
  /** Task IDs holding resources, by instance: a changed instance finds its tasks without a scan. */
  private readonly tasksOn = new Map<string, Set<string>>();
  constructor(readonly loadedAt: number) {}

  /** An instance registered or changed: its new row, with what its tasks hold. */
  put(row: InstanceRow): void {
    const live = new LiveInstance(row);
    this.instances.set(row.id, live);
    for (const taskId of this.tasksOn.get(row.id) ?? []) live.apply(this.holdings.get(taskId)!, 1);
  }

  hold(taskId: string, h: Holding | undefined): void {
    const before = this.holdings.get(taskId);
    if (before) {
      this.instances.get(before.instanceId)?.apply(before, -1);
      this.tasksOn.get(before.instanceId)?.delete(taskId);
    }
    if (h && this.instances.has(h.instanceId)) {
      this.holdings.set(taskId, h);
      this.instances.get(h.instanceId)!.apply(h, 1);
      let tasks = this.tasksOn.get(h.instanceId);
      if (!tasks) this.tasksOn.set(h.instanceId, (tasks = new Set()));
      tasks.add(taskId);
    } else this.holdings.delete(taskId);
  }
}

/** Every cluster's live state in this server, by account and cluster. */
export class ClusterStates {
  private readonly clusters = new Map<string, LiveCluster>();
  /** Changes seen per cluster: a load that saw one during its reads starts again. */
  private readonly generation = new Map<string, number>();

  private key = (accountId: string, cluster: string) => `${accountId}/${cluster}`;

  private bump(key: string) {
    this.generation.set(key, (this.generation.get(key) ?? 0) + 1);
  }

  async get(ctx: ActionContext, cluster: string): Promise<LiveCluster> {
    const key = this.key(ctx.scope.accountId, cluster);
    const cached = this.clusters.get(key);
    if (cached && Date.now() - cached.loadedAt < RELOAD_AFTER_MS) return cached;
    for (;;) {
      const seen = this.generation.get(key) ?? 0;
      const loaded = await load(ctx, cluster);
      if ((this.generation.get(key) ?? 0) === seen) {
        this.clusters.set(key, loaded);
        return loaded;
      }
    }
  }

  /** Tasks were created, changed state or moved: what they hold follows (stopped ones hold nothing). */
  async noteTasks(ctx: ActionContext, tasks: readonly TaskRow[]): Promise<void> {
    const defs = await taskDefinitionsByArn(ctx, tasks.map((t) => t.taskDefinitionArn));
    for (const t of tasks) {
      const key = this.key(t.accountId, t.cluster);
      this.bump(key);
      this.clusters.get(key)?.hold(t.id, holding(t, defs.get(t.taskDefinitionArn)));
    }
  }

  /** Instances registered or changed (their resources, attributes, status): their rows as now stored. */
  noteInstances(rows: readonly InstanceRow[]): void {
    for (const row of rows) {
      const key = this.key(row.accountId, row.cluster);
      this.bump(key);
      this.clusters.get(key)?.put(row);
    }
  }

  /** Instances of the cluster went with their tasks (deregistered, terminated): its state is read again at its next use. */
  noteInstancesChanged(accountId: string, cluster: string): void {
    const key = this.key(accountId, cluster);
    this.bump(key);
    this.clusters.delete(key);
  }

  /** The account was reset: its clusters are read afresh at their next use. */
  forgetAccount(accountId: string): void {
    for (const key of new Set([...this.clusters.keys(), ...this.generation.keys()])) {
      if (!key.startsWith(`${accountId}/`)) continue;
      this.bump(key);
      this.clusters.delete(key);
    }
  }

  /** An agent polled: its instance's connection as DescribeContainerInstances and placement see it. */
  noteAgentSeen(accountId: string, cluster: string, instanceId: string, at: Date): void {
    this.clusters.get(this.key(accountId, cluster))?.instances.get(instanceId)?.seen(at);
  }
}

function holding(t: TaskRow, def: TaskDefinition | undefined): Holding | undefined {
  if (!holdsResources(t) || !def) return undefined;
  return { instanceId: t.containerInstanceId!, reservation: taskReservation(def, fromJson(t.overrides, {})), group: t.group, running: t.lastStatus === "RUNNING" };
}

async function load(ctx: ActionContext, cluster: string): Promise<LiveCluster> {
  const live = new LiveCluster(Date.now());
  const rows = await ctx.db.containerInstance.findMany({ where: { cluster }, orderBy: { registeredAt: "asc" } });
  for (const row of rows) live.instances.set(row.id, new LiveInstance(row));
  const tasks = await ctx.db.task.findMany({ where: { cluster, lastStatus: { not: "STOPPED" }, containerInstanceId: { not: null } } });
  const defs = await taskDefinitionsByArn(ctx, tasks.map((t) => t.taskDefinitionArn));
  for (const t of tasks) live.hold(t.id, holding(t, defs.get(t.taskDefinitionArn)));
  return live;
}

/** The cluster's instances (in registration order), those with the given ids or statuses. */
export async function loadInstances(ctx: ActionContext, cluster: string, where: { ids?: string[]; status?: string[] } = {}): Promise<InstanceState[]> {
  const live = await ctx.clusterStates.get(ctx, cluster);
  const now = Date.now();
  const out: InstanceState[] = [];
  // A few named instances are looked up; a whole cluster is read in registration order.
  const chosen = where.ids ? new Set(where.ids) : undefined;
  const named = chosen && chosen.size < live.instances.size ? [...chosen].flatMap((id) => live.instances.get(id) ?? []) : undefined;
  for (const i of named ?? live.instances.values()) {
    if (chosen && !chosen.has(i.row.id)) continue;
    if (where.status && !where.status.includes(i.row.status)) continue;
    out.push(i.view(now));
  }
  if (named) out.sort((a, b) => a.row.registeredAt.getTime() - b.row.registeredAt.getTime() || (a.row.id < b.row.id ? -1 : 1));
  return out;
}

/** The built-in attributes ECS gives every instance, then the agent's capabilities and custom ones. */
export function instanceAttributes(row: InstanceRow): Attribute[] {
  const builtIn: Attribute[] = [
    { name: "ecs.availability-zone", value: row.availabilityZone },
    { name: "ecs.instance-type", value: row.instanceType },
    { name: "ecs.os-type", value: "linux" },
    { name: "ecs.os-family", value: "LINUX" },
    { name: "ecs.cpu-architecture", value: "x86_64" },
  ];
  const stored = fromJson<Attribute[]>(row.attributes, []);
  const names = new Set(stored.map((a) => a.name));
  return [...builtIn.filter((a) => !names.has(a.name)), ...stored];
}

export const intResource = (name: string, value: number): Resource => ({ name, type: "INTEGER", doubleValue: 0, longValue: 0, integerValue: value });
export const setResource = (name: string, values: (string | number)[]): Resource => ({
  name,
  type: "STRINGSET",
  doubleValue: 0,
  longValue: 0,
  integerValue: 0,
  stringSetValue: values.map(String),
});
