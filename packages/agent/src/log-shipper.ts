/**
 * Ships container output to the server: POST {endpoint}/agent/v1/logs with AgentLogBatch bodies, per
 * container one batch at a time and oldest first. A line waits about a second at most (less when a
 * batch is full); batches the server cannot take (network, 5xx, 429) are retried with backoff, in the
 * background of the reconcile loop. A container's backlog is bounded: past it the oldest lines are
 * dropped, and the agent logs how many.
 */
import { AGENT_LOGS_PATH, type AgentLogBatch } from "@stevedore/shared";
import type { Logger } from "./log.ts";
import { postBatch, retryDelay, type PostOutcome } from "./post-batch.ts";
import type { ServerLink } from "./server-link.ts";
import { sleep } from "./sleep.ts";

export const BATCH_MAX_EVENTS = 1000;
const BATCH_DELAY_MS = 1000;
export const BACKLOG_MAX_EVENTS = 10_000;

export type LogTarget = Omit<AgentLogBatch, "events">;
export type LogEvent = AgentLogBatch["events"][number];

interface Queue {
  target: LogTarget;
  events: LogEvent[];
  /** When the oldest queued event (at the latest) arrived. */
  oldestAt: number;
  sending: boolean;
  /** Ends the wait for more events (the batch is full). */
  wake?: () => void;
}

export class LogShipper {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly link: ServerLink,
    private readonly log: Logger,
    private readonly signal: AbortSignal,
  ) {}

  /** Queues a container's events (`key`: one per container) for shipping. */
  add(key: string, target: LogTarget, events: readonly LogEvent[]): void {
    if (!events.length || this.signal.aborted) return;
    let q = this.queues.get(key);
    if (!q) this.queues.set(key, (q = { target, events: [], oldestAt: Date.now(), sending: false }));
    if (!q.events.length) q.oldestAt = Date.now();
    q.events.push(...events);
    this.bound(q);
    if (q.events.length >= BATCH_MAX_EVENTS) q.wake?.();
    if (!q.sending) void this.send(key, q);
  }

  private async send(key: string, q: Queue): Promise<void> {
    q.sending = true;
    let failures = 0;
    while (q.events.length && !this.signal.aborted) {
      const wait = q.events.length >= BATCH_MAX_EVENTS ? 0 : q.oldestAt + BATCH_DELAY_MS - Date.now();
      if (wait > 0) {
        const wake = new AbortController();
        q.wake = () => wake.abort();
        await sleep(wait, AbortSignal.any([this.signal, wake.signal]));
        q.wake = undefined;
      }
      const batch = q.events.splice(0, BATCH_MAX_EVENTS);
      q.oldestAt = Date.now(); // what is left arrived before now
      const outcome = await this.post({ ...q.target, events: batch });
      if (outcome !== "retry") {
        failures = 0;
        continue;
      }
      q.events.unshift(...batch);
      this.bound(q);
      failures++;
      await sleep(retryDelay(failures), this.signal);
    }
    // In the same turn as the loop's last check, so an add() after it starts a new send.
    q.sending = false;
    if (!q.events.length) this.queues.delete(key);
  }

  /** Drops the oldest events past the backlog bound. */
  private bound(q: Queue): void {
    const excess = q.events.length - BACKLOG_MAX_EVENTS;
    if (excess <= 0) return;
    q.events.splice(0, excess);
    this.log.warn("Dropped container log lines the server has not taken", {
      task: q.target.taskArn,
      container: q.target.containerName,
      lines: excess,
      backlog: BACKLOG_MAX_EVENTS,
    });
  }

  private post(batch: AgentLogBatch): Promise<PostOutcome> {
    return postBatch({ link: this.link, path: AGENT_LOGS_PATH, body: batch, signal: this.signal, log: this.log, what: "container logs", fields: { task: batch.taskArn, container: batch.containerName, lines: batch.events.length } });
  }

}
