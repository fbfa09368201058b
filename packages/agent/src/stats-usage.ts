/**
 * What a container uses, from Docker's stats JSON (GET /containers/{id}/stats), computed as the Docker
 * CLI computes `docker stats` and expressed in ECS's units:
 *
 * - CPU: the container's CPU time over the host's, between two readings, times the online CPUs, is how
 *   many CPUs it kept busy; × 1024 gives CPU units (a busy single thread ≈ 1024). Between the agent's
 *   own consecutive samples when it has the previous one (the average over the whole interval), else
 *   Docker's precpu_stats (the second before).
 * - Memory: usage minus the inactive page cache (cgroup v1 `total_inactive_file`, v2 `inactive_file`),
 *   in MiB.
 *
 * Pure: unit-tested with recorded stats in test/stats-usage.test.ts.
 */

/** The parts of Docker's stats JSON used here (both cgroup v1 and v2 engines). */
export interface DockerStats {
  read?: string;
  cpu_stats?: DockerCpuStats;
  precpu_stats?: DockerCpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
}

export interface DockerCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** One CPU reading: the container's and the host's CPU time (ns), and the CPUs online. */
export interface CpuReading {
  total: number;
  system: number;
  onlineCpus: number;
}

export interface ContainerUsage {
  cpuUnits: number;
  memoryMiB: number;
  /** This reading, to compute the next sample's CPU from. */
  cpu: CpuReading;
}

const MIB = 1024 * 1024;
export const CPU_UNITS_PER_VCPU = 1024;
/** Docker reports a stopped container's stats with this read time and zeros. */
const ZERO_TIME = "0001-01-01T00:00:00Z";

export function cpuReading(stats: DockerCpuStats | undefined): CpuReading | undefined {
  const total = stats?.cpu_usage?.total_usage;
  const system = stats?.system_cpu_usage;
  if (typeof total !== "number" || typeof system !== "number" || system <= 0) return undefined;
  const onlineCpus = stats?.online_cpus || stats?.cpu_usage?.percpu_usage?.length || 1;
  return { total, system, onlineCpus };
}

/** CPU units used between two readings; 0 when they do not follow each other (e.g. a restart reset the counter). */
export function cpuUnitsBetween(before: CpuReading | undefined, now: CpuReading): number {
  if (!before) return 0;
  const cpuDelta = now.total - before.total;
  const systemDelta = now.system - before.system;
  if (cpuDelta <= 0 || systemDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * now.onlineCpus * CPU_UNITS_PER_VCPU;
}

/** Memory in use without the inactive page cache, as `docker stats` shows it, in MiB. */
export function memoryMiB(memory: DockerStats["memory_stats"]): number | undefined {
  const usage = memory?.usage;
  if (typeof usage !== "number") return undefined;
  const stats = memory?.stats ?? {};
  const v1 = stats.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return (usage - v1) / MIB;
  const v2 = stats.inactive_file;
  if (v2 !== undefined && v2 < usage) return (usage - v2) / MIB;
  return usage / MIB;
}

/**
 * A container's use from one stats answer; `previous` is the reading of the agent's last sample of the
 * same container. undefined when Docker has no numbers (the container is not running).
 */
export function containerUsage(stats: DockerStats, previous?: CpuReading): ContainerUsage | undefined {
  if (!stats.read || stats.read === ZERO_TIME) return undefined;
  const cpu = cpuReading(stats.cpu_stats);
  const memory = memoryMiB(stats.memory_stats);
  if (!cpu || memory === undefined) return undefined;
  const follows = previous && cpu.system > previous.system && cpu.total >= previous.total;
  const cpuUnits = cpuUnitsBetween(follows ? previous : cpuReading(stats.precpu_stats), cpu);
  return { cpuUnits, memoryMiB: memory, cpu };
}
