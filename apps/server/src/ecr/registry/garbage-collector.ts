/**
 * Reclaims the disk of deleted and expired images while the registry keeps serving: reference
 * counting in the database instead of a stop-the-world mark and sweep. A repository's link to a blob
 * goes when no image of the repository refers to it and it has not been used for a grace time (a
 * push in progress uses its links: uploads, mounts and HEAD checks touch them, and a repository with
 * an upload going on keeps all of its links); a blob file goes when no link names it. A push that
 * needs a blob being collected waits for the collection (the digest's lock) and uploads it anew.
 */
import type { Db } from "../../db/client.ts";
import { forgetUnlinkedBlob, releaseUnusedLinks } from "../../store/ecr-blobs.ts";
import type { BlobStore } from "./blob-store.ts";
import type { Uploads } from "./uploads.ts";

export class GarbageCollector {
  private timer: NodeJS.Timeout | undefined;
  private soon: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly uploads: Uploads,
    /** How long an unreferenced link outlives its last use. */
    private readonly graceMs: number,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.collectSoon(), this.intervalMs);
    this.timer.unref();
  }

  /** A sweep shortly (coalesced): images or links just went away. */
  collectSoon(): void {
    if (this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      void this.sweep().catch((err) => console.error("registry garbage collection:", err));
    }, 100);
    this.soon.unref();
  }

  /** One sweep (one at a time); resolves with the number of blob files removed. */
  async sweep(now = Date.now()): Promise<number> {
    while (this.running) await this.running;
    let removed = 0;
    const run = (async () => {
      const cutoff = now - this.graceMs;
      await this.uploads.expire(now);
      const orphans = await releaseUnusedLinks(this.db, new Date(cutoff), [...this.uploads.repositoriesUploading(cutoff)]);
      for (const { accountId, digest } of orphans) {
        if (await this.blobs.collect(accountId, digest, () => forgetUnlinkedBlob(this.db, accountId, digest))) removed++;
      }
    })();
    this.running = run.finally(() => (this.running = undefined));
    await run;
    return removed;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.soon);
    this.soon = undefined;
    await this.running;
  }
}
