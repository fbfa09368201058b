/**
 * Follows the output of every container of this instance and hands it to the log shipper, line by
 * line with Docker's timestamps, whatever log driver the definition names (the engine keeps json-file).
 *
 * Where reading starts: after the last line read, for a container already followed (so a container its
 * restart policy restarted goes on where it stopped); from its very start, for one started since this
 * agent started; and for one that was running before (adopted after an agent restart), from
 * ADOPTION_LOOKBACK_MS before this agent started. The agent keeps no state across restarts, so that
 * window re-ships what an agent restarted within it may have shipped already: the server drops the
 * lines it has (same container, timestamp and message).
 */
import { LABELS } from "@stevedore/shared";
import type { DockerClient } from "./docker.ts";
import { DockerLogParser, sinceAfter, sinceMs, type LogLine } from "./docker-log-stream.ts";
import { errorText, type Logger } from "./log.ts";
import type { LogShipper, LogTarget } from "./log-shipper.ts";
import { phaseOf, type ObservedContainer } from "./plan.ts";

const ADOPTION_LOOKBACK_MS = 30_000;

interface Follower {
  taskArn: string;
  following: boolean;
  /** Docker's time of the last line read. */
  cursor?: string;
  /** FinishedAt of the last exit whose output has been read to the end. */
  covered?: string;
}

export class ContainerLogs {
  private readonly followers = new Map<string, Follower>();
  private readonly startedAt = Date.now();

  constructor(
    private readonly docker: DockerClient,
    private readonly shipper: Pick<LogShipper, "add">,
    private readonly log: Logger,
    private readonly signal: AbortSignal,
  ) {}

  /**
   * Follows each container that runs or has run since its output was last read; forgets removed ones,
   * except those of the tasks in `unlisted` (left out of `observed`, not removed).
   */
  sync(observed: readonly ObservedContainer[], unlisted: ReadonlySet<string> = new Set()): void {
    const ids = new Set(observed.map((c) => c.id));
    for (const [id, f] of this.followers) if (!ids.has(id) && !f.following && !unlisted.has(f.taskArn)) this.followers.delete(id);
    for (const c of observed) {
      let f = this.followers.get(c.id);
      if (!f) this.followers.set(c.id, (f = { taskArn: c.taskArn, following: false }));
      if (!f.following && (phaseOf(c) === "running" || c.finishedAt !== f.covered)) void this.follow(c, f);
    }
  }

  /** Reads until the container stopped and its last exit's output is read; again while it restarts. */
  private async follow(c: ObservedContainer, f: Follower): Promise<void> {
    f.following = true;
    const target: LogTarget = {
      cluster: c.labels[LABELS.cluster] ?? "",
      containerInstanceArn: c.labels[LABELS.containerInstanceArn] ?? "",
      taskArn: c.taskArn,
      containerName: c.containerName,
    };
    try {
      // The first round goes by the state just observed; after each stream ends, Docker is asked again.
      for (let now: ObservedContainer | undefined = c; now && !this.signal.aborted; now = await this.docker.inspect(c.id)) {
        const stopped = phaseOf(now) !== "running";
        if (stopped && now.finishedAt === f.covered) return;
        await this.read(now, f, target);
        if (stopped) f.covered = now.finishedAt;
      }
    } catch (err) {
      if (!this.signal.aborted) this.log.warn("Could not read container logs", { task: c.taskArn, container: c.containerName, error: errorText(err) });
    } finally {
      f.following = false;
    }
  }

  /** One logs stream, to its end: at once for a stopped container, when it stops for a running one. */
  private async read(c: ObservedContainer, f: Follower, target: LogTarget): Promise<void> {
    const startedHere = Date.parse(c.startedAt ?? "") >= this.startedAt;
    const since = f.cursor ? sinceAfter(f.cursor) : sinceMs(startedHere ? 0 : this.startedAt - ADOPTION_LOOKBACK_MS);
    const parser = new DockerLogParser(!c.tty);
    const ship = (lines: LogLine[]) => {
      if (!lines.length) return;
      f.cursor = lines[lines.length - 1]!.cursor;
      this.shipper.add(
        c.id,
        target,
        lines.map((l) => ({ timestamp: l.timestamp, message: l.message, stream: l.stream })),
      );
    };
    const stream = await this.docker.logs(c.id, since, this.signal);
    if (!stream) return; // removed meanwhile
    for await (const chunk of stream) ship(parser.push(chunk as Buffer));
    ship(parser.end());
  }
}
