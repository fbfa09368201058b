/** Asking tasks to stop: desired STOPPED with a reason; their agents do the rest. */
import type { StopCode } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import type { Task as TaskRow } from "../db/client.ts";
import { hostKey } from "../agents/host-key.ts";

export async function stopTasks(ctx: ActionContext, tasks: Pick<TaskRow, "id" | "cluster" | "containerInstanceId" | "desiredStatus">[], reason: string, stopCode: StopCode): Promise<void> {
  const pending = tasks.filter((t) => t.desiredStatus !== "STOPPED");
  if (pending.length === 0) return;
  await ctx.db.task.updateMany({
    where: { id: { in: pending.map((t) => t.id) }, desiredStatus: { not: "STOPPED" } },
    data: { desiredStatus: "STOPPED", stoppedReason: reason, stopCode, stoppingAt: new Date(), version: { increment: 1 } },
  });
  for (const key of new Set(pending.map(hostKey))) ctx.notifier.bump(key);
}
