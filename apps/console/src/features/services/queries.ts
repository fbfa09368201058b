/** Service reads, all live: a cluster's services, one service, its tasks and its metrics. */
import type { Task } from "@stevedore/shared";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getMetricStatistics, isMetricsUnavailable, type MetricStatistics } from "../../api/cloudwatch.ts";
import { LIVE_INTERVAL_MS, queryKeys } from "../../api/query-keys.ts";
import { describeServices, fetchServiceTasks, listServices, type Service } from "../../api/services.ts";
import { newestFirst } from "../tasks/queries.ts";

/** A cluster's ACTIVE and DRAINING services, by name. */
export function useClusterServices(cluster: string) {
  return useQuery({
    queryKey: queryKeys.services.list(cluster),
    queryFn: async ({ signal }): Promise<Service[]> => {
      const arns = await listServices(cluster, signal);
      if (arns.length === 0) return [];
      const { services } = await describeServices(cluster, arns, signal);
      return services.sort((a, b) => a.serviceName.localeCompare(b.serviceName));
    },
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** One service; null when DescribeServices answers MISSING. */
export function useService(cluster: string, service: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.services.detail(cluster, service),
    queryFn: async ({ signal }): Promise<Service | null> => {
      const { services } = await describeServices(cluster, [service], signal);
      return services[0] ?? null;
    },
    refetchInterval: LIVE_INTERVAL_MS,
    enabled,
  });
}

export type ServiceTaskFilter = "RUNNING" | "STOPPED" | "ANY";

/** A service's tasks by desired status, newest first. */
export function useServiceTasks(cluster: string, service: string, filter: ServiceTaskFilter, enabled = true) {
  return useQuery({
    queryKey: queryKeys.services.tasks(cluster, service, filter),
    queryFn: async ({ signal }): Promise<Task[]> => {
      const statuses = filter === "ANY" ? (["RUNNING", "STOPPED"] as const) : ([filter] as const);
      return (await fetchServiceTasks(cluster, service, statuses, signal)).sort(newestFirst);
    },
    refetchInterval: LIVE_INTERVAL_MS,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export type MetricName = "CPUUtilization" | "MemoryUtilization";

/** The metric window: the last hour in one-minute periods. */
export const METRIC_WINDOW_MS = 60 * 60_000;
export const METRIC_PERIOD_S = 60;
const METRIC_REFRESH_MS = 15_000;

export interface MetricResult {
  /** False while the server has no CloudWatch metrics. */
  available: boolean;
  start: number;
  end: number;
  statistics?: MetricStatistics;
}

/** A service's CPU or memory utilization over the last hour: average, minimum and maximum per minute. */
export function useServiceMetric(cluster: string, service: string, metric: MetricName) {
  return useQuery({
    queryKey: queryKeys.services.metrics(cluster, service, metric),
    queryFn: async ({ signal }): Promise<MetricResult> => {
      const end = Date.now();
      const start = end - METRIC_WINDOW_MS;
      try {
        const statistics = await getMetricStatistics(
          {
            namespace: "AWS/ECS",
            metricName: metric,
            dimensions: [
              { name: "ClusterName", value: cluster },
              { name: "ServiceName", value: service },
            ],
            startTime: new Date(start),
            endTime: new Date(end),
            period: METRIC_PERIOD_S,
            statistics: ["Average", "Minimum", "Maximum"],
          },
          signal,
        );
        return { available: true, start, end, statistics };
      } catch (e) {
        if (isMetricsUnavailable(e)) return { available: false, start, end };
        throw e;
      }
    },
    refetchInterval: METRIC_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}
