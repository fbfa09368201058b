/**
 * POST /agent/v1/stats: what the agents sampled of their containers (AgentStatsBatch). Kept per task
 * and round: the containers of a task summed, with what the task reserves (its task definition and
 * overrides, as placement counts it) and what the cluster's ACTIVE and DRAINING instances registered
 * then, the denominators of ECS's metrics. Samples of tasks the server does not know are skipped; a
 * round sent again (the agent retried a batch the server had taken) is not kept twice. Samples older
 * than METRIC_RETENTION_MS are pruned every few minutes.
 */
import { resourceId, type AgentStatsBatch, type AgentStatsSample, type Resource, serviceNameOfGroup } from "@stevedore/shared";
import { taskReservation } from "@stevedore/scheduler";
import type { AgentRouteHandler } from "../agents/agent-route.ts";
import type { ActionContext } from "../aws/context.ts";
import { runsOn, type AgentPrincipal } from "../identity/agent-callers.ts";
import { taskDefinitionsByArn } from "../ecs/task-definition-cache.ts";
import { fromJson } from "../db/json.ts";

/** How long samples are kept: CloudWatch serves at least the last hour from them. */
export const METRIC_RETENTION_MS = 3 * 60 * 60_000;
const PRUNE_EVERY_MS = 5 * 60_000;
const lastPrune = new WeakMap<object, number>();

export const handleStatsBatch: AgentRouteHandler<AgentStatsBatch> = async (batch, agent, res, ctx) => {
  const kept = await keepSamples(ctx, agent, batch.samples);
  await pruneIfDue(ctx);
  res.json({ accepted: batch.samples.length, kept });
};

/** Stores the batch's samples of the agent's own tasks, one row per task and round; how many rows it added. */
export async function keepSamples(ctx: ActionContext, agent: AgentPrincipal, samples: readonly AgentStatsSample[]): Promise<number> {
  const oldest = Date.now() - METRIC_RETENTION_MS;
  const rounds = new Map<string, { taskId: string; timestamp: number; cpuUnits: number; memoryMiB: number }>();
  for (const s of samples) {
    if (s.timestamp < oldest) continue;
    const taskId = resourceId(s.taskArn);
    const key = `${taskId} ${s.timestamp}`;
    const r = rounds.get(key) ?? { taskId, timestamp: s.timestamp, cpuUnits: 0, memoryMiB: 0 };
    r.cpuUnits += s.cpuUnits;
    r.memoryMiB += s.memoryMiB;
    rounds.set(key, r);
  }
  if (!rounds.size) return 0;
  const taskIds = [...new Set([...rounds.values()].map((r) => r.taskId))];
  const tasks = new Map((await ctx.db.task.findMany({ where: { id: { in: taskIds } } })).filter((t) => runsOn(agent, t)).map((t) => [t.id, t]));
  const defs = await taskDefinitionsByArn(ctx, [...tasks.values()].map((t) => t.taskDefinitionArn));
  const capacity = await clusterCapacity(ctx, [...new Set([...tasks.values()].map((t) => t.cluster))]);
  const times = [...rounds.values()].map((r) => r.timestamp);
  const kept = await ctx.db.metricSample.findMany({
    where: { taskId: { in: taskIds }, timestamp: { gte: new Date(Math.min(...times)), lte: new Date(Math.max(...times)) } },
    select: { taskId: true, timestamp: true },
  });
  const seen = new Set(kept.map((k) => `${k.taskId} ${k.timestamp.getTime()}`));
  const rows = [];
  for (const [key, r] of rounds) {
    const task = tasks.get(r.taskId);
    const def = task && defs.get(task.taskDefinitionArn);
    if (!task || !def || seen.has(key)) continue;
    const reservation = taskReservation(def, fromJson(task.overrides, {}));
    const cluster = capacity.get(task.cluster) ?? { cpu: 0, memory: 0 };
    rows.push({
      cluster: task.cluster,
      service: serviceNameOfGroup(task.group) ?? null,
      taskId: r.taskId,
      containerInstanceId: task.containerInstanceId,
      timestamp: new Date(r.timestamp),
      cpuUnits: r.cpuUnits,
      memoryMiB: r.memoryMiB,
      cpuReserved: reservation.cpu,
      memoryReserved: reservation.memory,
      clusterCpu: cluster.cpu,
      clusterMemory: cluster.memory,
    });
  }
  if (rows.length) await ctx.db.metricSample.createMany({ data: rows });
  return rows.length;
}

/** CPU units and MiB registered by each cluster's ACTIVE and DRAINING container instances. */
async function clusterCapacity(ctx: ActionContext, clusters: string[]): Promise<Map<string, { cpu: number; memory: number }>> {
  const instances = await ctx.db.containerInstance.findMany({
    where: { cluster: { in: clusters }, status: { in: ["ACTIVE", "DRAINING"] } },
    select: { cluster: true, registeredResources: true },
  });
  const out = new Map<string, { cpu: number; memory: number }>();
  for (const i of instances) {
    const registered = fromJson<Resource[]>(i.registeredResources, []);
    const value = (name: string) => registered.find((r) => r.name === name)?.integerValue ?? 0;
    const c = out.get(i.cluster) ?? { cpu: 0, memory: 0 };
    out.set(i.cluster, { cpu: c.cpu + value("CPU"), memory: c.memory + value("MEMORY") });
  }
  return out;
}

/** Deletes samples past the retention, at most every few minutes per database. */
export async function pruneIfDue(ctx: Pick<ActionContext, "allAccounts">, now = Date.now()): Promise<void> {
  if (now - (lastPrune.get(ctx.allAccounts) ?? 0) < PRUNE_EVERY_MS) return;
  lastPrune.set(ctx.allAccounts, now);
  await ctx.allAccounts.metricSample.deleteMany({ where: { timestamp: { lt: new Date(now - METRIC_RETENTION_MS) } } });
}
