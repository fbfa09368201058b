/**
 * ECS's CloudWatch metrics (namespace AWS/ECS) from the kept samples. Pure: unit-tested in
 * test/metrics-aggregate.test.ts.
 *
 * As ECS does, every minute becomes one statistic set per metric and dimension set, and a request's
 * period combines the minutes in it (CloudWatch's Average is Sum / SampleCount):
 *
 * - Service (ClusterName, ServiceName), CPUUtilization and MemoryUtilization: each task's use is its
 *   mean over the minute's samples. Average = total used by the service's tasks / total they reserve
 *   × 100; Minimum and Maximum = the least and most used task's own utilization; SampleCount = the
 *   number of tasks. Tasks that reserve nothing (no CPU units, say) are left out of that metric.
 * - Cluster (ClusterName): CPUUtilization and MemoryUtilization = total used by the cluster's tasks /
 *   total registered by its ACTIVE and DRAINING instances × 100; CPUReservation and MemoryReservation
 *   = total reserved by those tasks / the same × 100. One sample a minute.
 *
 * Minutes without samples (no running task) have no datapoint, as on ECS.
 */

export const NAMESPACE = "AWS/ECS";
export const CLUSTER_METRICS = ["CPUUtilization", "MemoryUtilization", "CPUReservation", "MemoryReservation"] as const;
export const SERVICE_METRICS = ["CPUUtilization", "MemoryUtilization"] as const;
export type EcsMetricName = (typeof CLUSTER_METRICS)[number];
export type Level = "cluster" | "service";

/** One kept sample: a task's use in one agent round, times in epoch ms. */
export interface SampleRow {
  taskId: string;
  timestamp: number;
  cpuUnits: number;
  memoryMiB: number;
  cpuReserved: number;
  memoryReserved: number;
  clusterCpu: number;
  clusterMemory: number;
}

export interface StatisticSet {
  sampleCount: number;
  sum: number;
  minimum: number;
  maximum: number;
}

export const MINUTE_MS = 60_000;

interface TaskMinute {
  cpuUnits: number;
  memoryMiB: number;
  cpuReserved: number;
  memoryReserved: number;
}

/** Each task's mean use over each minute, and the cluster's registered capacity then. */
function minutes(rows: readonly SampleRow[]) {
  const byMinute = new Map<number, { tasks: Map<string, SampleRow[]>; clusterCpu: number; clusterMemory: number }>();
  for (const r of rows) {
    const minute = Math.floor(r.timestamp / MINUTE_MS) * MINUTE_MS;
    let m = byMinute.get(minute);
    if (!m) byMinute.set(minute, (m = { tasks: new Map(), clusterCpu: 0, clusterMemory: 0 }));
    const samples = m.tasks.get(r.taskId);
    if (samples) samples.push(r);
    else m.tasks.set(r.taskId, [r]);
    m.clusterCpu = Math.max(m.clusterCpu, r.clusterCpu);
    m.clusterMemory = Math.max(m.clusterMemory, r.clusterMemory);
  }
  return [...byMinute].map(([minute, m]) => {
    const tasks: TaskMinute[] = [...m.tasks.values()].map((samples) => {
      const last = samples.reduce((a, b) => (b.timestamp >= a.timestamp ? b : a));
      return {
        cpuUnits: mean(samples.map((s) => s.cpuUnits)),
        memoryMiB: mean(samples.map((s) => s.memoryMiB)),
        cpuReserved: last.cpuReserved,
        memoryReserved: last.memoryReserved,
      };
    });
    return { minute, tasks, clusterCpu: m.clusterCpu, clusterMemory: m.clusterMemory };
  });
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

const single = (value: number): StatisticSet => ({ sampleCount: 1, sum: value, minimum: value, maximum: value });

/** One statistic set per minute (keyed by the minute's start, epoch ms) of a metric over these rows. */
export function minuteStatistics(rows: readonly SampleRow[], metric: EcsMetricName, level: Level): Map<number, StatisticSet> {
  const out = new Map<number, StatisticSet>();
  for (const { minute, tasks, clusterCpu, clusterMemory } of minutes(rows)) {
    const set = level === "service" ? serviceSet(tasks, metric) : clusterSet(tasks, metric, clusterCpu, clusterMemory);
    if (set) out.set(minute, set);
  }
  return out;
}

function serviceSet(tasks: TaskMinute[], metric: EcsMetricName): StatisticSet | undefined {
  const cpu = metric === "CPUUtilization";
  if (!cpu && metric !== "MemoryUtilization") return undefined;
  const measured = tasks
    .map((t) => (cpu ? { used: t.cpuUnits, reserved: t.cpuReserved } : { used: t.memoryMiB, reserved: t.memoryReserved }))
    .filter((t) => t.reserved > 0);
  if (!measured.length) return undefined;
  const used = measured.reduce((a, t) => a + t.used, 0);
  const reserved = measured.reduce((a, t) => a + t.reserved, 0);
  const average = (used / reserved) * 100;
  const each = measured.map((t) => (t.used / t.reserved) * 100);
  return { sampleCount: measured.length, sum: average * measured.length, minimum: Math.min(...each), maximum: Math.max(...each) };
}

function clusterSet(tasks: TaskMinute[], metric: EcsMetricName, clusterCpu: number, clusterMemory: number): StatisticSet | undefined {
  const sum = (pick: (t: TaskMinute) => number) => tasks.reduce((a, t) => a + pick(t), 0);
  switch (metric) {
    case "CPUUtilization":
      return clusterCpu > 0 ? single((sum((t) => t.cpuUnits) / clusterCpu) * 100) : undefined;
    case "MemoryUtilization":
      return clusterMemory > 0 ? single((sum((t) => t.memoryMiB) / clusterMemory) * 100) : undefined;
    case "CPUReservation":
      return clusterCpu > 0 ? single((sum((t) => t.cpuReserved) / clusterCpu) * 100) : undefined;
    case "MemoryReservation":
      return clusterMemory > 0 ? single((sum((t) => t.memoryReserved) / clusterMemory) * 100) : undefined;
  }
}

/**
 * Where a request's periods start: StartTime rounded down to the minute (to the period, for the
 * high-resolution periods under a minute), as CloudWatch rounds it.
 */
export function alignedStart(startMs: number, periodSeconds: number): number {
  const unit = periodSeconds >= 60 ? MINUTE_MS : periodSeconds * 1000;
  return Math.floor(startMs / unit) * unit;
}

/** The minutes' statistic sets combined per period from StartTime to EndTime (excluded), oldest first. */
export function periodStatistics(
  byMinute: ReadonlyMap<number, StatisticSet>,
  startMs: number,
  endMs: number,
  periodSeconds: number,
): { timestamp: number; set: StatisticSet }[] {
  const start = alignedStart(startMs, periodSeconds);
  const periodMs = periodSeconds * 1000;
  const buckets = new Map<number, StatisticSet>();
  for (const [minute, set] of byMinute) {
    if (minute < start || minute >= endMs) continue;
    const at = start + Math.floor((minute - start) / periodMs) * periodMs;
    const b = buckets.get(at);
    buckets.set(
      at,
      b
        ? { sampleCount: b.sampleCount + set.sampleCount, sum: b.sum + set.sum, minimum: Math.min(b.minimum, set.minimum), maximum: Math.max(b.maximum, set.maximum) }
        : { ...set },
    );
  }
  return [...buckets].sort(([a], [b]) => a - b).map(([timestamp, set]) => ({ timestamp, set }));
}
