/** Task rows to API tasks, resolving each task's container instance ARN in one query, and its definition (cached). */
import type { Task } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import type { Cluster, Task as TaskRow } from "../db/client.ts";
import { taskView } from "./views/task.ts";
import { taskDefinitionsByArn } from "./task-definition-cache.ts";

export async function describeTaskRows(ctx: ActionContext, cluster: Cluster, rows: TaskRow[], includeTags = false): Promise<Task[]> {
  const ids = [...new Set(rows.map((r) => r.containerInstanceId).filter((id): id is string => !!id))];
  const instances = await ctx.db.containerInstance.findMany({ where: { id: { in: ids } }, select: { id: true, arn: true } });
  const arnOf = new Map(instances.map((i) => [i.id, i.arn]));
  const defs = await taskDefinitionsByArn(ctx, rows.map((r) => r.taskDefinitionArn));
  return rows.map((r) =>
    taskView(r, cluster.arn, r.containerInstanceId ? arnOf.get(r.containerInstanceId) : undefined, includeTags, defs.get(r.taskDefinitionArn)?.ephemeralStorage?.sizeInGiB),
  );
}
