/** Cluster rows as the ECS API returns them, with the counts ECS keeps. */
import type { Cluster } from "@stevedore/shared";
import type { Cluster as ClusterRow } from "../../db/client.ts";
import { fromJson } from "../../db/json.ts";

export interface ClusterCounts {
  registeredContainerInstancesCount: number;
  runningTasksCount: number;
  pendingTasksCount: number;
  activeServicesCount: number;
  /** Not an API field of its own: it only feeds the drainingEC2ServiceCount statistic. */
  drainingServicesCount: number;
}

export function clusterView(row: ClusterRow, counts: ClusterCounts, include: string[] = []): Cluster {
  const serviceConnect = fromJson<{ namespace?: string }>(row.serviceConnectDefaults, {});
  return {
    clusterArn: row.arn,
    clusterName: row.name,
    status: row.status as Cluster["status"],
    registeredContainerInstancesCount: counts.registeredContainerInstancesCount,
    runningTasksCount: counts.runningTasksCount,
    pendingTasksCount: counts.pendingTasksCount,
    activeServicesCount: counts.activeServicesCount,
    statistics: include.includes("STATISTICS") ? statistics(counts) : [],
    tags: include.includes("TAGS") ? fromJson(row.tags, []) : [],
    settings: fromJson(row.settings, [{ name: "containerInsights", value: "disabled" }]),
    capacityProviders: fromJson(row.capacityProviders, []),
    defaultCapacityProviderStrategy: fromJson(row.defaultStrategy, []),
    ...(include.includes("CONFIGURATIONS") ? { configuration: fromJson(row.configuration, {}) } : {}),
    ...(serviceConnect.namespace ? { serviceConnectDefaults: serviceConnect } : {}),
  };
}

function statistics(c: ClusterCounts) {
  return [
    { name: "runningEC2TasksCount", value: String(c.runningTasksCount) },
    { name: "pendingEC2TasksCount", value: String(c.pendingTasksCount) },
    { name: "activeEC2ServiceCount", value: String(c.activeServicesCount) },
    { name: "runningFargateTasksCount", value: "0" },
    { name: "pendingFargateTasksCount", value: "0" },
    { name: "activeFargateServiceCount", value: "0" },
    { name: "drainingEC2ServiceCount", value: String(c.drainingServicesCount) },
    { name: "drainingFargateServiceCount", value: "0" },
  ];
}
