/**
 * Ships sampling rounds to the server: POST {endpoint}/agent/v1/stats with AgentStatsBatch bodies, one
 * batch at a time, oldest first, whole rounds only (the server sums a task's containers per round).
 * Rounds the server cannot take (network, 5xx, 408, 429) are retried with backoff in the background and
 * go out together with the rounds taken meanwhile; other refusals drop the batch with a warning. The
 * backlog is bounded: past it the oldest rounds are dropped, and the agent logs how many.
 */
import { AGENT_STATS_PATH, type AgentStatsBatch, type AgentStatsSample } from "@stevedore/shared";
import type { Logger } from "./log.ts";
import { postBatch, retryDelay, type PostOutcome } from "./post-batch.ts";
import type { ServerLink } from "./server-link.ts";
import { sleep } from "./sleep.ts";

/** A batch holds whole rounds up to this many samples (more only when one round alone is larger). */
export const STATS_BATCH_MAX_SAMPLES = 1000;
/** An hour of rounds at the default 10 s. */
export const STATS_BACKLOG_MAX_ROUNDS = 360;

export type StatsTarget = Omit<AgentStatsBatch, "samples">;

interface Round {
  target: StatsTarget;
  samples: AgentStatsSample[];
}

export class StatsShipper {
  private readonly rounds: Round[] = [];
  private sending = false;

  constructor(
    private readonly link: ServerLink,
    private readonly log: Logger,
    private readonly signal: AbortSignal,
  ) {}

  /** Queues one sampling round and sends it (with any backlog) unless a send is under way. */
  add(target: StatsTarget, samples: readonly AgentStatsSample[]): void {
    if (!samples.length || this.signal.aborted) return;
    this.rounds.push({ target, samples: [...samples] });
    this.bound();
    if (!this.sending) void this.send();
  }

  /** Rounds waiting to be sent (for tests and diagnostics). */
  get backlog(): number {
    return this.rounds.length;
  }

  private async send(): Promise<void> {
    this.sending = true;
    let failures = 0;
    while (this.rounds.length && !this.signal.aborted) {
      const taken = this.take();
      const batch: AgentStatsBatch = { ...taken[0]!.target, samples: taken.flatMap((r) => r.samples) };
      const outcome = await this.post(batch);
      if (outcome !== "retry") {
        failures = 0;
        continue;
      }
      this.rounds.unshift(...taken);
      this.bound();
      failures++;
      await sleep(retryDelay(failures), this.signal);
    }
    // In the same turn as the loop's last check, so an add() after it starts a new send.
    this.sending = false;
  }

  /** The oldest rounds of one target, up to the batch size (at least one round). */
  private take(): Round[] {
    const first = this.rounds[0]!;
    let count = 0;
    let n = 0;
    while (n < this.rounds.length) {
      const r = this.rounds[n]!;
      if (n > 0 && (!sameTarget(r.target, first.target) || count + r.samples.length > STATS_BATCH_MAX_SAMPLES)) break;
      count += r.samples.length;
      n++;
    }
    return this.rounds.splice(0, n);
  }

  private bound(): void {
    const excess = this.rounds.length - STATS_BACKLOG_MAX_ROUNDS;
    if (excess <= 0) return;
    this.rounds.splice(0, excess);
    this.log.warn("Dropped container stats the server has not taken", { rounds: excess, backlog: STATS_BACKLOG_MAX_ROUNDS });
  }

  private post(batch: AgentStatsBatch): Promise<PostOutcome> {
    return postBatch({ link: this.link, path: AGENT_STATS_PATH, body: batch, signal: this.signal, log: this.log, what: "container stats", fields: { samples: batch.samples.length } });
  }

}

const sameTarget = (a: StatsTarget, b: StatsTarget) => a.cluster === b.cluster && a.containerInstanceArn === b.containerInstanceArn;
