/**
 * GET /stevedore/v1/clusters/:cluster/tasks/:task/logs: every container's output of a task, for the
 * console's Logs tabs. AWS has no API for output that is not sent to CloudWatch Logs, so this one is
 * the console's own. `tail=N` gives the newest N lines; `after` (an event id) pages forward from
 * there, which is how the console follows new lines.
 */
import type { Request, Response } from "express";
import type { ActionContext } from "../aws/context.ts";

export async function handleTaskLogs(req: Request, res: Response, ctx: ActionContext): Promise<void> {
  const taskId = String(req.params.task ?? "");
  const task = await ctx.db.task.findFirst({ where: { id: taskId, cluster: String(req.params.cluster ?? "") }, select: { id: true } });
  if (!task) {
    res.status(404).json({ __type: "InvalidParameterException", message: "The referenced task was not found." });
    return;
  }
  const after = Number(req.query.after ?? 0);
  const limit = Math.min(Math.max(Number(req.query.limit ?? 1000), 1), 10_000);
  const container = typeof req.query.container === "string" && req.query.container ? req.query.container : undefined;
  const tail = req.query.tail !== undefined && req.query.after === undefined;
  const rows = await ctx.db.logEvent.findMany({
    where: { taskId, id: { gt: Number.isInteger(after) ? after : 0 }, ...(container ? { container } : {}) },
    orderBy: [{ id: tail ? "desc" : "asc" }],
    take: tail ? Math.min(Math.max(Number(req.query.tail) || 0, 1), 10_000) : limit,
  });
  if (tail) rows.reverse();
  res.json({
    events: rows.map((e) => ({ id: e.id, timestamp: e.timestamp.getTime(), container: e.container, message: e.message })),
    next: rows.at(-1)?.id ?? (Number.isInteger(after) ? after : 0),
  });
}
