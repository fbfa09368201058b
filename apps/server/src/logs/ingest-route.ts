/** POST /agent/v1/logs: container output from agents, kept per task and container (the agent's own tasks only). */
import { resourceId, type AgentLogBatch } from "@stevedore/shared";
import type { AgentRouteHandler } from "../agents/agent-route.ts";
import type { ActionContext } from "../aws/context.ts";
import { runsOn } from "../identity/agent-callers.ts";
import { taskDefinitionsByArn } from "../ecs/task-definition-cache.ts";
import { ensureLogGroup } from "./log-groups.ts";
import { awslogsDestination } from "./streams.ts";

export const handleLogBatch: AgentRouteHandler<AgentLogBatch> = async (batch, agent, res, ctx) => {
  const taskId = resourceId(batch.taskArn);
  const task = await ctx.db.task.findUnique({ where: { id: taskId } });
  if (!task || !runsOn(agent, task)) {
    res.status(404).json({ __type: "InvalidParameterException", message: "Unknown task." });
    return;
  }
  const def = (await taskDefinitionsByArn(ctx, [task.taskDefinitionArn])).get(task.taskDefinitionArn);
  const container = def?.containerDefinitions.find((c) => c.name === batch.containerName);
  const destination = container ? awslogsDestination(container, taskId) : undefined;
  if (destination) await ensureLogGroup(ctx, destination.group);
  const events = await withoutResent(ctx, taskId, batch.containerName, batch.events);
  await ctx.db.logEvent.createMany({
    data: events.map((e) => ({
      taskId,
      container: batch.containerName,
      timestamp: new Date(e.timestamp),
      message: e.message,
      logGroup: destination?.group ?? null,
      logStream: destination?.stream ?? null,
    })),
  });
  res.json({ accepted: batch.events.length });
};

/**
 * A restarted agent re-reads the last seconds of each container's output: drop lines already kept
 * (same timestamp and text), counting repeats so a line printed twice on purpose is kept twice.
 */
async function withoutResent(ctx: ActionContext, taskId: string, container: string, events: AgentLogBatch["events"]) {
  if (events.length === 0) return events;
  const times = events.map((e) => Number(e.timestamp));
  const kept = await ctx.db.logEvent.findMany({
    where: { taskId, container, timestamp: { gte: new Date(Math.min(...times)), lte: new Date(Math.max(...times)) } },
    select: { timestamp: true, message: true },
  });
  const seen = new Map<string, number>();
  for (const k of kept) {
    const key = `${k.timestamp.getTime()} ${k.message}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return events.filter((e) => {
    const key = `${Number(e.timestamp)} ${e.message}`;
    const n = seen.get(key) ?? 0;
    if (n === 0) return true;
    seen.set(key, n - 1);
    return false;
  });
}
