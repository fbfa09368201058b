/**
 * Pure log line bookkeeping for the Logs tabs: lines of several tasks merged in time order (newest
 * last), de-duplicated, capped so a page left open for hours keeps a bounded list, plus the per-task
 * cursors the poller follows with `after`. No React: unit-tested under apps/console/test.
 */
import type { LogEvent } from "../../api/logs.ts";

/** How many lines a Logs tab keeps; older ones are dropped as new ones arrive. */
export const MAX_KEPT_LINES = 5000;
/** How many of the kept (and matching) lines a Logs tab draws. */
export const MAX_SHOWN_LINES = 1000;

export interface LogLine extends LogEvent {
  taskId: string;
  /** Unique across tasks: "taskId/id". */
  key: string;
}

export const toLine = (taskId: string, e: LogEvent): LogLine => ({ ...e, taskId, key: `${taskId}/${e.id}` });

/** Time order; lines of one task keep their id order, ties between tasks by task id. */
export function compareLines(a: LogLine, b: LogLine): number {
  if (a.taskId === b.taskId) return a.id - b.id;
  return a.timestamp - b.timestamp || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0) || a.id - b.id;
}

/**
 * `existing` (already in order) with `incoming` merged in, without duplicates, keeping the newest `cap`.
 * New lines usually all come after the kept ones, which is a plain append.
 */
export function mergeLines(existing: readonly LogLine[], incoming: readonly LogLine[], cap = MAX_KEPT_LINES): LogLine[] {
  if (incoming.length === 0) return existing.length > cap ? existing.slice(existing.length - cap) : (existing as LogLine[]);
  const seen = new Set(existing.map((l) => l.key));
  const fresh: LogLine[] = [];
  for (const l of incoming) {
    if (seen.has(l.key)) continue;
    seen.add(l.key);
    fresh.push(l);
  }
  if (fresh.length === 0) return existing.length > cap ? existing.slice(existing.length - cap) : (existing as LogLine[]);
  fresh.sort(compareLines);
  const last = existing.at(-1);
  let merged: LogLine[];
  if (!last || compareLines(last, fresh[0]!) <= 0) {
    merged = existing.concat(fresh);
  } else {
    merged = [];
    let i = 0;
    let j = 0;
    while (i < existing.length && j < fresh.length) merged.push(compareLines(existing[i]!, fresh[j]!) <= 0 ? existing[i++]! : fresh[j++]!);
    while (i < existing.length) merged.push(existing[i++]!);
    while (j < fresh.length) merged.push(fresh[j++]!);
  }
  return merged.length > cap ? merged.slice(merged.length - cap) : merged;
}

/** Lines whose message, container or task id contains `needle` (case-insensitive), and of `container` if given. */
export function filterLines(lines: readonly LogLine[], needle: string, container?: string): LogLine[] {
  const n = needle.trim().toLowerCase();
  if (!n && !container) return lines as LogLine[];
  return lines.filter(
    (l) =>
      (!container || l.container === container) &&
      (!n || l.message.toLowerCase().includes(n) || l.container.toLowerCase().includes(n) || l.taskId.includes(n)),
  );
}

/** The newest `max` lines (what a Logs tab draws), and how many were left out. */
export function tail<T>(lines: readonly T[], max = MAX_SHOWN_LINES): { shown: T[]; hidden: number } {
  if (lines.length <= max) return { shown: lines as T[], hidden: 0 };
  return { shown: lines.slice(lines.length - max), hidden: lines.length - max };
}

/** Per-task `after` cursors: the last event id seen of each task. */
export type Cursors = Readonly<Record<string, number>>;

export function advanceCursor(cursors: Cursors, taskId: string, next: number): Cursors {
  return (cursors[taskId] ?? 0) >= next ? cursors : { ...cursors, [taskId]: next };
}

export interface LogTaskRef {
  taskId: string;
  lastStatus?: string;
  /** Epoch seconds or ms. */
  createdAt?: number;
  stoppedAt?: number;
}

/**
 * Which of a service's tasks its Logs tab reads: every task that is not stopped, then the most recently
 * stopped ones, up to `max` in all (a service that churned for days has far more stopped tasks).
 */
export function logTasks<T extends LogTaskRef>(tasks: readonly T[], max = 20): T[] {
  const time = (t: T) => Number(t.stoppedAt ?? t.createdAt ?? 0);
  const live = tasks.filter((t) => t.lastStatus !== "STOPPED").sort((a, b) => Number(b.createdAt ?? 0) - Number(a.createdAt ?? 0));
  const stopped = tasks.filter((t) => t.lastStatus === "STOPPED").sort((a, b) => time(b) - time(a));
  return [...live, ...stopped].slice(0, max);
}
