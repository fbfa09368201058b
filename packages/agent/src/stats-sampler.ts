/**
 * Samples what this instance's running task containers use, every `intervalMs` (10 s by default):
 * one Docker stats call per container (`stream=false`; `one-shot` once the sampler has the container's
 * previous reading, so the engine reads its counters once instead of twice a second apart), turned
 * into CPU units and MiB (stats-usage.ts),
 * all of a round under one timestamp, handed to the stats shipper. Sampling never blocks the agent's
 * other loops: it runs on its own, and a container that stops or goes away mid-round is skipped.
 */
import Docker from "dockerode";
import { LABELS, type AgentStatsSample } from "@stevedore/shared";
import { errorText, type Logger } from "./log.ts";
import { isPauseContainer } from "./plan.ts";
import { sleep } from "./sleep.ts";
import type { StatsShipper, StatsTarget } from "./stats-shipper.ts";
import { containerUsage, type CpuReading, type DockerStats } from "./stats-usage.ts";

/** A running task container to sample. */
export interface SampledContainer {
  id: string;
  clusterArn: string;
  taskArn: string;
  containerName: string;
}

/** Where the sampler reads from: Docker, or a stand-in in tests. */
export interface StatsSource {
  running(containerInstanceArn: string): Promise<SampledContainer[]>;
  /** undefined when the container is gone. `oneShot`: no precpu_stats needed (a previous reading is kept). */
  stats(id: string, signal: AbortSignal, oneShot: boolean): Promise<DockerStats | undefined>;
}

const STATS_TIMEOUT_MS = 15_000;

export class DockerStatsSource implements StatsSource {
  private readonly docker: Docker;

  constructor(socketPath: string) {
    this.docker = new Docker({ socketPath });
  }

  async running(containerInstanceArn: string): Promise<SampledContainer[]> {
    const list = await this.docker.listContainers({
      filters: { label: [`${LABELS.containerInstanceArn}=${containerInstanceArn}`], status: ["running"] },
    });
    return list.map((c) => ({
      id: c.Id,
      clusterArn: c.Labels?.[LABELS.cluster] ?? "",
      taskArn: c.Labels?.[LABELS.taskArn] ?? "",
      containerName: c.Labels?.[LABELS.containerName] ?? "",
    }));
  }

  async stats(id: string, signal: AbortSignal, oneShot: boolean): Promise<DockerStats | undefined> {
    try {
      // Without one-shot the engine takes two readings a second apart, so precpu_stats is filled.
      const options = { stream: false as const, abortSignal: signal, ...(oneShot ? { "one-shot": true } : {}) };
      return (await this.docker.getContainer(id).stats(options)) as DockerStats;
    } catch (err) {
      const status = (err as { statusCode?: number })?.statusCode;
      if (status === 404 || status === 409) return undefined;
      throw err;
    }
  }
}

export class StatsSampler {
  /** The last CPU reading per container id, so each sample averages over the whole interval. */
  private readonly previous = new Map<string, CpuReading>();

  constructor(
    private readonly source: StatsSource,
    private readonly shipper: Pick<StatsShipper, "add">,
    private readonly log: Logger,
    private readonly signal: AbortSignal,
    private readonly intervalMs: number,
    /** The instance's ARN once registered. */
    private readonly instanceArn: () => string | undefined,
  ) {}

  /** Samples every interval until the signal aborts; resolves then. */
  async run(): Promise<void> {
    while (!this.signal.aborted) {
      const started = Date.now();
      const arn = this.instanceArn();
      if (arn) {
        try {
          const round = await this.sample(arn);
          if (round.samples.length) this.shipper.add(round.target, round.samples);
        } catch (err) {
          if (!this.signal.aborted) this.log.warn("Could not sample container stats", { error: errorText(err) });
        }
      }
      await sleep(Math.max(this.intervalMs - (Date.now() - started), 0), this.signal);
    }
  }

  /** One round: every running task container of the instance, under the round's timestamp. */
  async sample(containerInstanceArn: string): Promise<{ target: StatsTarget; samples: AgentStatsSample[] }> {
    // An awsvpc task's pause container is not one of its containers: its use is not the task's.
    const containers = (await this.source.running(containerInstanceArn)).filter((c) => c.taskArn && c.containerName && !isPauseContainer(c));
    const signal = AbortSignal.any([this.signal, AbortSignal.timeout(STATS_TIMEOUT_MS)]);
    const measured = await Promise.all(
      containers.map(async (c) => {
        try {
          const stats = await this.source.stats(c.id, signal, this.previous.has(c.id));
          return { c, usage: stats ? containerUsage(stats, this.previous.get(c.id)) : undefined };
        } catch (err) {
          if (!this.signal.aborted) this.log.warn("Could not read container stats", { task: c.taskArn, container: c.containerName, error: errorText(err) });
          return { c, usage: undefined };
        }
      }),
    );
    const timestamp = Date.now();
    const ids = new Set(containers.map((c) => c.id));
    for (const id of this.previous.keys()) if (!ids.has(id)) this.previous.delete(id);
    const samples: AgentStatsSample[] = [];
    for (const { c, usage } of measured) {
      if (!usage) continue;
      this.previous.set(c.id, usage.cpu);
      samples.push({ taskArn: c.taskArn, containerName: c.containerName, timestamp, cpuUnits: round(usage.cpuUnits), memoryMiB: round(usage.memoryMiB) });
    }
    return { target: { cluster: containers[0]?.clusterArn ?? "", containerInstanceArn }, samples };
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
