/** Task rows to API tasks: each task's container instance ARN (made from its id, as ECS makes ARNs), its definition (cached). */
import { containerInstanceArn, type Task } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import type { Cluster, Task as TaskRow } from "../db/client.ts";
import { taskView } from "./views/task.ts";
import { taskDefinitionsByArn } from "./task-definition-cache.ts";

export async function describeTaskRows(ctx: ActionContext, cluster: Cluster, rows: TaskRow[], includeTags = false): Promise<Task[]> {
  const defs = await taskDefinitionsByArn(ctx, rows.map((r) => r.taskDefinitionArn));
  return rows.map((r) =>
    taskView(
      r,
      cluster.arn,
      r.containerInstanceId ? containerInstanceArn(ctx.scope, r.cluster, r.containerInstanceId) : undefined,
      includeTags,
      defs.get(r.taskDefinitionArn)?.ephemeralStorage?.sizeInGiB,
    ),
  );
}
