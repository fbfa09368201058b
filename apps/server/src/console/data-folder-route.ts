/**
 * GET /stevedore/v1/data-folder: what Stevedore keeps on this machine and for how long, for the
 * console's operator view (AWS has no such API). Only the operator's principals see it.
 */
import fs from "node:fs";
import path from "node:path";
import type { Response } from "express";
import type { ActionContext } from "../aws/context.ts";
import { databaseFile } from "../db/client.ts";
import { METRIC_RETENTION_MS } from "../metrics/ingest-route.ts";

/** Files looked at before the size is reported as at least what was counted. */
const MAX_ENTRIES = 200_000;

function folderBytes(dir: string): { bytes: number; complete: boolean } {
  let bytes = 0;
  let seen = 0;
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) return { bytes, complete: false };
      const p = path.join(current, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) bytes += fs.statSync(p, { throwIfNoEntry: false })?.size ?? 0;
    }
  }
  return { bytes, complete: true };
}

export async function handleDataFolder(res: Response, ctx: ActionContext): Promise<void> {
  if (!ctx.caller.operator) {
    res.status(403).json({ __type: "AccessDeniedException", message: "Only the operator sees the data folder." });
    return;
  }
  const db = ctx.allAccounts;
  const [tasks, logEvents, metricSamples, serviceEvents] = await Promise.all([db.task.count(), db.logEvent.count(), db.metricSample.count(), db.serviceEvent.count()]);
  const file = databaseFile(ctx.config.dataDir);
  res.json({
    path: ctx.config.dataDir,
    databaseBytes: ["", "-wal", "-shm"].reduce((sum, suffix) => sum + (fs.statSync(file + suffix, { throwIfNoEntry: false })?.size ?? 0), 0),
    instanceDisks: folderBytes(path.join(ctx.config.dataDir, "instances")),
    rows: { tasks, logEvents, metricSamples, serviceEvents },
    retention: {
      stoppedResourcesMinutes: ctx.config.stoppedTaskRetentionMs / 60_000,
      metricSamplesMinutes: METRIC_RETENTION_MS / 60_000,
      serviceEventsKept: 100,
      logEvents: "as each log group's retentionInDays says; a task's own output goes with the task",
    },
  });
}
