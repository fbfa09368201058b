/**
 * Asking tasks to stop: desired STOPPED with a reason; their agents do the rest. A task still waiting
 * for capacity (EC2, on no instance yet) has no agent: it stops at once.
 */
import type { StopCode } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import type { Task as TaskRow } from "../db/client.ts";
import { hostKey } from "../agents/host-key.ts";

export async function stopTasks(ctx: ActionContext, tasks: Pick<TaskRow, "id" | "accountId" | "cluster" | "containerInstanceId" | "desiredStatus" | "launchType">[], reason: string, stopCode: StopCode): Promise<void> {
  const pending = tasks.filter((t) => t.desiredStatus !== "STOPPED");
  if (pending.length === 0) return;
  await ctx.db.task.updateMany({
    where: { id: { in: pending.map((t) => t.id) }, desiredStatus: { not: "STOPPED" } },
    data: { desiredStatus: "STOPPED", stoppedReason: reason, stopCode, stoppingAt: new Date(), version: { increment: 1 } },
  });
  const waiting = pending.filter((t) => t.launchType === "EC2" && !t.containerInstanceId);
  if (waiting.length) {
    const now = new Date();
    await ctx.db.task.updateMany({ where: { id: { in: waiting.map((t) => t.id) }, containerInstanceId: null }, data: { lastStatus: "STOPPED", stoppedAt: now, executionStoppedAt: now } });
  }
  for (const key of new Set(pending.filter((t) => !waiting.includes(t)).map(hostKey))) ctx.notifier.bump(key);
}
