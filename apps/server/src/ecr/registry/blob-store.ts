/**
 * Blob files on disk, under `<dataDir>/ecr`: `<account>/blobs/sha256/<ab>/<hex>` for content,
 * `uploads/<id>` for uploads in progress. A blob enters by rename of a verified upload, so a file
 * under blobs/ is always whole; its database row is written after the rename, and removed before the
 * file is. Both run under the digest's lock, so a new upload of a digest never races its collection.
 */
import fs from "node:fs";
import path from "node:path";
import { isSha256Digest, REGISTRY_ID_PATTERN } from "@stevedore/shared";
import { KeyedLock } from "../../ecs/keyed-lock.ts";

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export class BlobStore {
  readonly root: string;
  private readonly uploadsDir: string;
  private readonly locks = new KeyedLock();

  constructor(dataDir: string) {
    this.root = path.join(dataDir, "ecr");
    this.uploadsDir = path.join(this.root, "uploads");
    fs.mkdirSync(this.uploadsDir, { recursive: true });
  }

  /** The file of a blob. Only well-formed account ids and digests make paths. */
  blobFile(accountId: string, digest: string): string {
    if (!REGISTRY_ID_PATTERN.test(accountId) || !isSha256Digest(digest)) throw new Error(`not a blob: ${accountId} ${digest}`);
    const hex = digest.slice("sha256:".length);
    return path.join(this.root, accountId, "blobs", "sha256", hex.slice(0, 2), hex);
  }

  uploadFile(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not an upload id: ${id}`);
    return path.join(this.uploadsDir, id);
  }

  /**
   * Moves a verified upload into place (or drops it when the blob is already there), then runs
   * `record`, the database commit, before any collection of this digest can run.
   */
  commit<T>(accountId: string, digest: string, uploadFile: string, record: () => Promise<T>): Promise<T> {
    return this.locks.run(`${accountId}/${digest}`, async () => {
      const file = this.blobFile(accountId, digest);
      if (fs.existsSync(file)) {
        await fs.promises.rm(uploadFile, { force: true });
      } else {
        await fs.promises.mkdir(path.dirname(file), { recursive: true });
        await fs.promises.rename(uploadFile, file);
      }
      return record();
    });
  }

  /** Removes the blob's file when `unrecord` (the database side) says no repository links it any more. */
  collect(accountId: string, digest: string, unrecord: () => Promise<boolean>): Promise<boolean> {
    return this.locks.run(`${accountId}/${digest}`, async () => {
      if (!(await unrecord())) return false;
      await fs.promises.rm(this.blobFile(accountId, digest), { force: true });
      return true;
    });
  }

  read(accountId: string, digest: string, range?: ByteRange): fs.ReadStream {
    // Large reads: fewer, bigger chunks towards the socket.
    return fs.createReadStream(this.blobFile(accountId, digest), { highWaterMark: 1 << 20, ...range });
  }

  /**
   * After a restart: uploads in progress died with the process, and a blob file whose row was never
   * committed (killed between rename and commit) belongs to nothing.
   */
  async recover(isRecorded: (accountId: string, digest: string) => Promise<boolean>): Promise<void> {
    await fs.promises.rm(this.uploadsDir, { recursive: true, force: true });
    await fs.promises.mkdir(this.uploadsDir, { recursive: true });
    for (const accountId of (await fs.promises.readdir(this.root)).filter((d) => REGISTRY_ID_PATTERN.test(d))) {
      const shards = path.join(this.root, accountId, "blobs", "sha256");
      for (const shard of await readdirIfAny(shards)) {
        for (const hex of await readdirIfAny(path.join(shards, shard))) {
          const digest = `sha256:${hex}`;
          if (!isSha256Digest(digest) || !(await isRecorded(accountId, digest))) await fs.promises.rm(path.join(shards, shard, hex), { force: true });
        }
      }
    }
  }
}

async function readdirIfAny(dir: string): Promise<string[]> {
  try {
    return await fs.promises.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}
