/** The counts DescribeClusters reports, for many clusters in three grouped queries. */
import type { ActionContext } from "../aws/context.ts";
import type { ClusterCounts } from "./views/cluster.ts";
import { isPendingState } from "@stevedore/shared";

export async function clusterCounts(ctx: ActionContext, names: string[]): Promise<Map<string, ClusterCounts>> {
  const [instances, tasks, services] = await Promise.all([
    ctx.db.containerInstance.groupBy({ by: ["cluster"], where: { cluster: { in: names }, status: { in: ["ACTIVE", "DRAINING"] } }, _count: true }),
    ctx.db.task.groupBy({ by: ["cluster", "lastStatus"], where: { cluster: { in: names }, lastStatus: { not: "STOPPED" } }, _count: true }),
    ctx.db.service.groupBy({ by: ["cluster", "status"], where: { cluster: { in: names }, status: { in: ["ACTIVE", "DRAINING"] } }, _count: true }),
  ]);
  const counts = new Map<string, ClusterCounts>(
    names.map((n) => [n, { registeredContainerInstancesCount: 0, runningTasksCount: 0, pendingTasksCount: 0, activeServicesCount: 0, drainingServicesCount: 0 }]),
  );
  for (const i of instances) counts.get(i.cluster)!.registeredContainerInstancesCount = i._count;
  for (const s of services) {
    const c = counts.get(s.cluster)!;
    if (s.status === "ACTIVE") c.activeServicesCount = s._count;
    else c.drainingServicesCount = s._count;
  }
  for (const t of tasks) {
    const c = counts.get(t.cluster)!;
    if (t.lastStatus === "RUNNING") c.runningTasksCount += t._count;
    else if (isPendingState(t.lastStatus)) c.pendingTasksCount += t._count;
  }
  return counts;
}
