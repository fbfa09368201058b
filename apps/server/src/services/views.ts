/** Services as DescribeServices returns them, with deployments, counts and the latest 100 events. */
import { clusterArn, isPendingState, serviceGroup } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import type { Service as ServiceRow } from "../db/client.ts";
import { fromJson } from "../db/json.ts";

const seconds = (d: Date) => d.getTime() / 1000;

export async function serviceView(ctx: ActionContext, row: ServiceRow, includeTags = false) {
  const [deployments, tasks, events] = await Promise.all([
    ctx.db.deployment.findMany({ where: { serviceArn: row.arn, status: { in: ["PRIMARY", "ACTIVE"] } }, orderBy: { createdAt: "desc" } }),
    ctx.db.task.findMany({ where: { cluster: row.cluster, group: serviceGroup(row.name), lastStatus: { not: "STOPPED" } }, select: { lastStatus: true, startedBy: true } }),
    ctx.db.serviceEvent.findMany({ where: { serviceArn: row.arn }, orderBy: { createdAt: "desc" }, take: 100 }),
  ]);
  const count = (status: (s: string) => boolean, deployment?: string) =>
    tasks.filter((t) => status(t.lastStatus) && (!deployment || t.startedBy === deployment)).length;
  const running = (s: string) => s === "RUNNING";
  // ECS shows either the launch type asked for or the capacity provider strategy, and Fargate's platform.
  const strategy = fromJson<unknown[]>(row.capacityProviderStrategy, []);
  const compute = {
    ...(strategy.length ? { capacityProviderStrategy: strategy } : { launchType: row.launchType }),
    ...(row.platformVersion ? { platformVersion: row.platformVersion, platformFamily: "Linux" } : {}),
    ...(row.networkConfiguration ? { networkConfiguration: fromJson(row.networkConfiguration, {}) } : {}),
  };
  const pending = isPendingState;
  return {
    serviceArn: row.arn,
    serviceName: row.name,
    clusterArn: clusterArn(ctx.scope, row.cluster),
    loadBalancers: fromJson(row.loadBalancers, []),
    serviceRegistries: [],
    status: row.status,
    desiredCount: row.desiredCount,
    runningCount: count(running),
    pendingCount: count(pending),
    ...compute,
    taskDefinition: row.taskDefinitionArn,
    deploymentConfiguration: fromJson(row.deploymentConfiguration, {}),
    deployments: deployments.map((d) => ({
      id: d.id,
      status: d.status,
      taskDefinition: d.taskDefinitionArn,
      desiredCount: d.desiredCount,
      pendingCount: count(pending, d.id),
      runningCount: count(running, d.id),
      failedTasks: d.failedTasks,
      createdAt: seconds(d.createdAt),
      updatedAt: seconds(d.updatedAt),
      ...compute,
      rolloutState: d.rolloutState,
      rolloutStateReason: d.rolloutStateReason,
    })),
    events: events.map((e) => ({ id: e.id, createdAt: seconds(e.createdAt), message: e.message })),
    createdAt: seconds(row.createdAt),
    placementConstraints: fromJson(row.placementConstraints, []),
    placementStrategy: fromJson(row.placementStrategy, []),
    schedulingStrategy: row.schedulingStrategy,
    deploymentController: { type: "ECS" },
    createdBy: `arn:aws:iam::${ctx.scope.accountId}:root`,
    enableECSManagedTags: row.enableECSManagedTags,
    propagateTags: row.propagateTags,
    enableExecuteCommand: false,
    ...(row.healthCheckGracePeriodSeconds !== null ? { healthCheckGracePeriodSeconds: row.healthCheckGracePeriodSeconds } : {}),
    ...(includeTags ? { tags: fromJson(row.tags, []) } : {}),
  };
}
