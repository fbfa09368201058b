/**
 * The live state of a cluster's container instances: what each registered, what its tasks reserve,
 * and so what remains. DescribeContainerInstances shows it; placement decides from it.
 */
import { AGENT_DISCONNECTED_AFTER_MS, type Attribute, type Resource, type TaskDefinition } from "@stevedore/shared";
import { taskReservation, type CandidateInstance } from "@stevedore/scheduler";
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

export const isAgentConnected = (row: InstanceRow, now = Date.now()) =>
  row.status !== "INACTIVE" && !!row.agentLastSeenAt && now - row.agentLastSeenAt.getTime() < AGENT_DISCONNECTED_AFTER_MS;

/** Tasks that hold resources on their instance: placed and not yet stopped. */
export const holdsResources = (t: Pick<TaskRow, "lastStatus">) => t.lastStatus !== "STOPPED";

export async function loadInstances(ctx: ActionContext, cluster: string, where: { ids?: string[]; status?: string[] } = {}): Promise<InstanceState[]> {
  const rows = await ctx.db.containerInstance.findMany({
    where: { cluster, ...(where.ids ? { id: { in: where.ids } } : {}), ...(where.status ? { status: { in: where.status } } : {}) },
    orderBy: { registeredAt: "asc" },
  });
  const tasks = await ctx.db.task.findMany({
    where: { containerInstanceId: { in: rows.map((r) => r.id) }, lastStatus: { not: "STOPPED" } },
  });
  const defs = await taskDefinitionsByArn(ctx, tasks.map((t) => t.taskDefinitionArn));
  return rows.map((row) => instanceState(row, tasks.filter((t) => t.containerInstanceId === row.id), defs));
}


function instanceState(row: InstanceRow, tasks: TaskRow[], defs: Map<string, TaskDefinition>): InstanceState {
  const registered = fromJson<Resource[]>(row.registeredResources, []);
  const reg = (name: string) => registered.find((r) => r.name === name);
  let cpu = reg("CPU")?.integerValue ?? 0;
  let memory = reg("MEMORY")?.integerValue ?? 0;
  const tcp = new Set((reg("PORTS")?.stringSetValue ?? []).map(Number));
  const udp = new Set((reg("PORTS_UDP")?.stringSetValue ?? []).map(Number));
  const groupCounts: Record<string, number> = {};
  for (const task of tasks.filter(holdsResources)) {
    const def = defs.get(task.taskDefinitionArn);
    if (!def) continue;
    const r = taskReservation(def, fromJson(task.overrides, {}));
    cpu -= r.cpu;
    memory -= r.memory;
    r.tcpPorts.forEach((p) => tcp.add(p));
    r.udpPorts.forEach((p) => udp.add(p));
    if (task.group) groupCounts[task.group] = (groupCounts[task.group] ?? 0) + 1;
  }
  const attributes = instanceAttributes(row);
  const agentConnected = isAgentConnected(row);
  const remaining: Resource[] = [
    intResource("CPU", cpu),
    intResource("MEMORY", memory),
    setResource("PORTS", [...tcp]),
    setResource("PORTS_UDP", [...udp]),
  ];
  return {
    row,
    registered,
    remaining,
    agentConnected,
    runningTasksCount: tasks.filter((t) => t.lastStatus === "RUNNING").length,
    pendingTasksCount: tasks.filter((t) => t.lastStatus !== "RUNNING").length,
    attributes,
    candidate: {
      id: row.id,
      arn: row.arn,
      ec2InstanceId: row.ec2InstanceId,
      status: row.status,
      agentConnected,
      agentVersion: fromJson<{ agentVersion?: string }>(row.versionInfo, {}).agentVersion ?? "",
      registeredAt: row.registeredAt.getTime(),
      runningTasksCount: tasks.filter((t) => t.lastStatus === "RUNNING").length,
      attributes: Object.fromEntries(attributes.map((a) => [a.name, a.value ?? ""])),
      remaining: { cpu, memory, tcpPorts: tcp, udpPorts: udp },
      groupCounts,
    },
  };
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
