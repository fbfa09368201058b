/** Asking tasks to stop: desired STOPPED with a reason; their agents do the rest. */
import type { StopCode } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import type { Task as TaskRow } from "../db/client.ts";

export async function stopTasks(ctx: ActionContext, tasks: Pick<TaskRow, "id" | "containerInstanceId" | "desiredStatus">[], reason: string, stopCode: StopCode): Promise<void> {
  const pending = tasks.filter((t) => t.desiredStatus !== "STOPPED");
  if (pending.length === 0) return;
  await ctx.db.task.updateMany({
    where: { id: { in: pending.map((t) => t.id) }, desiredStatus: { not: "STOPPED" } },
    data: { desiredStatus: "STOPPED", stoppedReason: reason, stopCode, stoppingAt: new Date(), version: { increment: 1 } },
  });
  for (const id of new Set(pending.map((t) => t.containerInstanceId).filter((x): x is string => !!x))) ctx.notifier.bump(id);
}
