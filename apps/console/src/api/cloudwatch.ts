/** CloudWatch GetMetricStatistics (Query protocol, version 2010-08-01), for the service's Health and metrics tab. */
import { AwsApiError } from "@stevedore/shared";
import { callQuery, child, children, num, text } from "./query-client.ts";

const VERSION = "2010-08-01";

export type Statistic = "Average" | "Minimum" | "Maximum" | "Sum" | "SampleCount";

export interface Datapoint {
  /** Epoch milliseconds. */
  timestamp: number;
  average?: number;
  minimum?: number;
  maximum?: number;
  unit?: string;
}

export interface MetricStatistics {
  label: string;
  datapoints: Datapoint[];
}

export interface MetricQuery {
  namespace: string;
  metricName: string;
  dimensions: { name: string; value: string }[];
  startTime: Date;
  endTime: Date;
  /** Seconds. */
  period: number;
  statistics: Statistic[];
}

/** The form fields of a GetMetricStatistics request (dimensions and statistics as `member.N` lists). */
export function metricStatisticsParams(q: MetricQuery): Record<string, string | number | readonly string[]> {
  const params: Record<string, string | number | readonly string[]> = {
    Namespace: q.namespace,
    MetricName: q.metricName,
    StartTime: q.startTime.toISOString(),
    EndTime: q.endTime.toISOString(),
    Period: q.period,
    Statistics: q.statistics,
  };
  q.dimensions.forEach((d, i) => {
    params[`Dimensions.member.${i + 1}.Name`] = d.name;
    params[`Dimensions.member.${i + 1}.Value`] = d.value;
  });
  return params;
}

/** True when the server has no CloudWatch metrics (yet): the charts then show "No data". */
export const isMetricsUnavailable = (e: unknown): boolean =>
  e instanceof AwsApiError && (e.code === "InvalidAction" || e.code === "UnknownOperationException" || e.status === 404);

export async function getMetricStatistics(q: MetricQuery, signal?: AbortSignal): Promise<MetricStatistics> {
  const root = await callQuery("GetMetricStatistics", VERSION, metricStatisticsParams(q), "member", signal);
  const result = child(root, "GetMetricStatisticsResult");
  const datapoints = children(child(result, "Datapoints"), "member")
    .map((m) => ({
      timestamp: Date.parse(text(m, "Timestamp") ?? ""),
      average: num(m, "Average"),
      minimum: num(m, "Minimum"),
      maximum: num(m, "Maximum"),
      unit: text(m, "Unit"),
    }))
    .filter((d) => Number.isFinite(d.timestamp))
    .sort((a, b) => a.timestamp - b.timestamp);
  return { label: text(result, "Label") ?? q.metricName, datapoints };
}
