/** POST /agent/v1/logs: container output from agents, kept per task and container. */
import type { Request, Response } from "express";
import { resourceId, type AgentLogBatch } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import { taskDefinitionsByArn } from "../ecs/cluster-state.ts";
import { ensureLogGroup } from "./log-groups.ts";
import { awslogsDestination } from "./streams.ts";

export async function handleLogBatch(req: Request, res: Response, ctx: ActionContext): Promise<void> {
  const batch = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString("utf8") || "{}" : "{}") as AgentLogBatch;
  const taskId = resourceId(String(batch.taskArn ?? ""));
  const task = await ctx.db.task.findUnique({ where: { id: taskId } });
  if (!task || !Array.isArray(batch.events)) {
    res.status(404).json({ message: "Unknown task." });
    return;
  }
  const def = (await taskDefinitionsByArn(ctx, [task.taskDefinitionArn])).get(task.taskDefinitionArn);
  const container = def?.containerDefinitions.find((c) => c.name === batch.containerName);
  const destination = container ? awslogsDestination(container, taskId) : undefined;
  if (destination) await ensureLogGroup(ctx, destination.group);
  await ctx.db.logEvent.createMany({
    data: batch.events.map((e) => ({
      taskId,
      container: String(batch.containerName),
      timestamp: new Date(Number(e.timestamp)),
      message: String(e.message),
      logGroup: destination?.group ?? null,
      logStream: destination?.stream ?? null,
    })),
  });
  res.json({ accepted: batch.events.length });
}
