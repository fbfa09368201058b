/**
 * Follows the container output of some tasks: reads each task's lines from its cursor (`after`),
 * merges them in time order, keeps the newest MAX_KEPT_LINES, and while `follow` is on polls again
 * every LIVE_INTERVAL_MS. Cursors survive a change of the task list, so a task that joins (a new
 * deployment's) is read from its start and the others only from where they were.
 */
import { AwsApiError } from "@stevedore/shared";
import { useEffect, useRef, useState } from "react";
import { getTaskLogs } from "../../api/logs.ts";
import { LIVE_INTERVAL_MS } from "../../api/query-keys.ts";
import { advanceCursor, MAX_KEPT_LINES, mergeLines, toLine, type Cursors, type LogLine } from "./log-lines.ts";

/** Lines per request, and requests per task in one round (a long backlog is read to its end, keeping the newest). */
const PAGE = 1000;
const PAGES_PER_ROUND = 50;

export interface LogFollowerState {
  lines: LogLine[];
  /** True until the first round has answered. */
  loading: boolean;
  error?: Error;
  /** The server has no task logs route. */
  unavailable: boolean;
  /** When the last round answered (ms). */
  updatedAt?: number;
}

export function useLogFollower(cluster: string, taskIds: readonly string[], follow: boolean): LogFollowerState {
  const [state, setState] = useState<LogFollowerState>({ lines: [], loading: true, unavailable: false });
  const cursors = useRef<Cursors>({});
  const idsKey = taskIds.join(",");

  useEffect(() => {
    const ids = idsKey ? idsKey.split(",") : [];
    // Only the followed tasks keep a cursor, so a page open for days keeps a bounded map.
    cursors.current = Object.fromEntries(Object.entries(cursors.current).filter(([id]) => ids.includes(id)));
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    // Cursors move only when the lines read with them are kept (not when the round is abandoned).
    const readTask = async (taskId: string): Promise<{ taskId: string; after: number; lines: LogLine[] }> => {
      let after = cursors.current[taskId] ?? 0;
      let lines: LogLine[] = [];
      for (let i = 0; i < PAGES_PER_ROUND; i++) {
        // A task read for the first time starts from its newest lines, not from its first.
        const first = after === 0 && i === 0;
        const page = await getTaskLogs(cluster, taskId, first ? { tail: MAX_KEPT_LINES } : { after, limit: PAGE }, controller.signal);
        lines = lines.concat(page.events.map((e) => toLine(taskId, e)));
        if (lines.length > MAX_KEPT_LINES) lines = lines.slice(lines.length - MAX_KEPT_LINES);
        after = Math.max(after, page.next);
        if (page.events.length < PAGE) break;
      }
      return { taskId, after, lines };
    };

    const round = async () => {
      const results = await Promise.allSettled(ids.map(readTask));
      if (stopped) return;
      const incoming: LogLine[] = [];
      for (const r of results) {
        if (r.status !== "fulfilled") continue;
        cursors.current = advanceCursor(cursors.current, r.value.taskId, r.value.after);
        incoming.push(...r.value.lines);
      }
      const failures = results
        .filter((r): r is PromiseRejectedResult => r.status === "rejected")
        .map((r) => r.reason as unknown)
        // A task the server no longer knows has nothing more to say.
        .filter((e) => !(e instanceof AwsApiError && e.status === 404 && e.code !== "NotAvailable"));
      const unavailable = failures.some((e) => e instanceof AwsApiError && e.code === "NotAvailable");
      const error = unavailable ? undefined : (failures[0] as Error | undefined);
      setState((s) => ({
        lines: mergeLines(s.lines, incoming),
        loading: false,
        error,
        unavailable,
        updatedAt: Date.now(),
      }));
      if (follow && !stopped && !unavailable) timer = setTimeout(() => void round(), LIVE_INTERVAL_MS);
    };
    void round();
    return () => {
      stopped = true;
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [cluster, idsKey, follow]);

  return state;
}
