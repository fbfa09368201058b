/**
 * The CloudWatch Query API (Version 2010-08-01) over the kept samples: GetMetricStatistics and
 * ListMetrics for ECS's metrics (namespace AWS/ECS, see aggregate.ts), with CloudWatch's XML shapes and
 * errors (MissingParameter, InvalidParameterValue, InvalidParameterCombination). Other namespaces and
 * dimension sets have no data: an empty answer, as CloudWatch gives for a metric nobody published.
 */
import type * as cw from "@stevedore/shared/aws/models/cloudwatch";
import type { ActionContext } from "../aws/context.ts";
import { AwsError } from "../aws/errors.ts";
import type { CloudWatchAction } from "./service.ts";
import {
  CLUSTER_METRICS,
  NAMESPACE,
  SERVICE_METRICS,
  alignedStart,
  minuteStatistics,
  periodStatistics,
  type EcsMetricName,
  type Level,
  type StatisticSet,
} from "./aggregate.ts";

export const missing = (name: string) => new AwsError("MissingParameter", `The parameter ${name} is required.`);
export const invalid = (message: string) => new AwsError("InvalidParameterValue", message);
const combination = (message: string) => new AwsError("InvalidParameterCombination", message);

type Statistic = cw.Statistic;
const MAX_DATAPOINTS = 1440;
const HIGH_RESOLUTION_PERIODS = [1, 5, 10, 30];
const LIST_PAGE = 500;

/** CloudWatch's own checks of dimensions, beyond the model's: at most 30, and a value for each where one is required. */
function dimensions(list: (cw.Dimension | cw.DimensionFilter)[] | undefined, valueRequired: boolean): { name: string; value?: string }[] {
  const dims = list ?? [];
  if (dims.length > 30) throw invalid("The collection Dimensions must not have a size greater than 30.");
  return dims.map((d, i) => {
    if (valueRequired && d.Value === undefined) throw missing(`Dimensions.member.${i + 1}.Value`);
    return d.Value === undefined ? { name: d.Name } : { name: d.Name, value: d.Value };
  });
}

/** Which of ECS's metrics a dimension set names: cluster or service level, or none. */
function level(dims: { name: string; value?: string }[]): { level: Level; cluster: string; service?: string } | undefined {
  const byName = new Map(dims.map((d) => [d.name, d.value ?? ""]));
  if (byName.size !== dims.length) return undefined;
  const cluster = byName.get("ClusterName");
  if (cluster === undefined) return undefined;
  if (dims.length === 1) return { level: "cluster", cluster };
  const service = byName.get("ServiceName");
  if (dims.length === 2 && service !== undefined) return { level: "service", cluster, service };
  return undefined;
}

const isMetric = (lvl: Level, name: string): name is EcsMetricName =>
  (lvl === "cluster" ? (CLUSTER_METRICS as readonly string[]) : (SERVICE_METRICS as readonly string[])).includes(name);

function datapoint(timestamp: number, set: StatisticSet, statistics: Statistic[]): cw.Datapoint {
  const values: Record<Statistic, number> = {
    SampleCount: set.sampleCount,
    Average: set.sum / set.sampleCount,
    Sum: set.sum,
    Minimum: set.minimum,
    Maximum: set.maximum,
  };
  const out: cw.Datapoint = { Timestamp: new Date(timestamp) };
  for (const s of ["SampleCount", "Average", "Sum", "Minimum", "Maximum"] as const) if (statistics.includes(s)) out[s] = values[s];
  out.Unit = "Percent";
  return out;
}

export const getMetricStatistics: CloudWatchAction<"GetMetricStatistics"> = async (p, ctx) => {
  const namespace = p.Namespace;
  const metricName = p.MetricName;
  const dims = dimensions(p.Dimensions, true);
  const start = p.StartTime.valueOf();
  const end = p.EndTime.valueOf();
  const period = p.Period;
  if (period < 60 ? !HIGH_RESOLUTION_PERIODS.includes(period) : period % 60 !== 0) throw invalid("The parameter Period must be a multiple of 60.");
  const statistics = p.Statistics ?? [];
  const extended = p.ExtendedStatistics ?? [];
  if (!statistics.length && !extended.length) throw combination("Must specify either Statistics or ExtendedStatistics.");
  if (statistics.length && extended.length) throw combination("Cannot specify both Statistics and ExtendedStatistics.");
  if (statistics.length > 5) throw invalid("The collection Statistics must not have a size greater than 5.");
  extended.forEach((s, i) => {
    if (!/^(p|tm|wm|tc|ts|pr)\d+(\.\d+)?/.test(s)) throw invalid(`The parameter ExtendedStatistics.member.${i + 1} is not a valid extended statistic: ${s}`);
  });
  const unit = p.Unit;
  if (start >= end) throw invalid("The parameter StartTime must be less than the parameter EndTime.");
  const requested = Math.ceil((end - alignedStart(start, period)) / (period * 1000));
  if (requested > MAX_DATAPOINTS) {
    throw combination(
      `You have requested up to ${requested.toLocaleString("en-US")} datapoints, which exceeds the limit of ${MAX_DATAPOINTS.toLocaleString("en-US")}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  }

  const result = { Label: metricName, Datapoints: [] as cw.Datapoint[] };
  const target = level(dims);
  if (namespace !== NAMESPACE || !target || !isMetric(target.level, metricName) || (unit !== undefined && unit !== "Percent")) return result;
  const rows = await ctx.db.metricSample.findMany({
    where: {
      cluster: target.cluster,
      ...(target.level === "service" ? { service: target.service! } : {}),
      timestamp: { gte: new Date(alignedStart(start, period)), lt: new Date(end) },
    },
    select: { taskId: true, timestamp: true, cpuUnits: true, memoryMiB: true, cpuReserved: true, memoryReserved: true, clusterCpu: true, clusterMemory: true },
  });
  const byMinute = minuteStatistics(
    rows.map((r) => ({ ...r, timestamp: r.timestamp.getTime() })),
    metricName,
    target.level,
  );
  result.Datapoints = periodStatistics(byMinute, start, end, period).map((d) => datapoint(d.timestamp, d.set, statistics));
  return result;
};

interface Metric {
  metricName: string;
  dimensions: { name: string; value: string }[];
}

/** Every metric with samples kept: each cluster's four, each service's two. */
async function keptMetrics(ctx: ActionContext): Promise<Metric[]> {
  const pairs = await ctx.db.metricSample.findMany({
    distinct: ["cluster", "service"],
    select: { cluster: true, service: true },
    orderBy: [{ cluster: "asc" }, { service: "asc" }],
  });
  const out: Metric[] = [];
  for (const cluster of [...new Set(pairs.map((p) => p.cluster))]) {
    for (const metricName of CLUSTER_METRICS) out.push({ metricName, dimensions: [{ name: "ClusterName", value: cluster }] });
  }
  for (const { cluster, service } of pairs) {
    if (service === null) continue;
    for (const metricName of SERVICE_METRICS) {
      out.push({ metricName, dimensions: [{ name: "ServiceName", value: service }, { name: "ClusterName", value: cluster }] });
    }
  }
  return out;
}

export const listMetrics: CloudWatchAction<"ListMetrics"> = async (p, ctx) => {
  const namespace = p.Namespace;
  const metricName = p.MetricName;
  const filters = dimensions(p.Dimensions, false);
  const token = p.NextToken;
  let offset = 0;
  if (token) {
    offset = Number(Buffer.from(token, "base64url").toString("utf8"));
    if (!Number.isInteger(offset) || offset < 0) throw invalid("The parameter NextToken is not valid.");
  }
  const matching =
    namespace !== undefined && namespace !== NAMESPACE
      ? []
      : (await keptMetrics(ctx)).filter(
          (m) =>
            (metricName === undefined || m.metricName === metricName) &&
            filters.every((f) => m.dimensions.some((d) => d.name === f.name && (f.value === undefined || d.value === f.value))),
        );
  const page = matching.slice(offset, offset + LIST_PAGE);
  const next = offset + LIST_PAGE < matching.length ? Buffer.from(String(offset + LIST_PAGE)).toString("base64url") : undefined;
  return {
    Metrics: page.map((m) => ({
      Namespace: NAMESPACE,
      MetricName: m.metricName,
      Dimensions: m.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
    })),
    ...(next ? { NextToken: next } : {}),
  };
};

export const cloudWatchHandlers = {
  GetMetricStatistics: getMetricStatistics,
  ListMetrics: listMetrics,
};
