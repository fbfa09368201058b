/**
 * Blob uploads in progress: each a file under the uploads folder and the running SHA-256 of what it
 * holds, so the digest is known the moment the last byte is written (nothing is read twice). A
 * session lives in memory; a restart ends it (the client starts the blob again). A request that
 * fails while writing ends its session, so no upload ever holds bytes its hash has not seen.
 */
import { createHash, randomUUID, type Hash } from "node:crypto";
import fs from "node:fs";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { BlobStore } from "./blob-store.ts";
import { sizeInvalid, uploadInvalid } from "./errors.ts";

/** An upload that received nothing for this long is abandoned (the client died mid-push). */
export const UPLOAD_IDLE_MS = 60 * 60 * 1000;

export interface UploadSession {
  readonly id: string;
  readonly accountId: string;
  readonly repositoryId: string;
  readonly file: string;
  /** Bytes received so far. */
  size: number;
  readonly hash: Hash;
  touchedAt: number;
  busy: boolean;
}

export class Uploads {
  private readonly sessions = new Map<string, UploadSession>();
  /** When each repository last received a chunk or started or ended an upload. */
  private readonly lastActivity = new Map<string, number>();

  constructor(
    private readonly blobs: BlobStore,
    /** The largest blob accepted (ECR: 52,000 MiB per layer). */
    private readonly maxBytes: number,
  ) {}

  async start(accountId: string, repositoryId: string): Promise<UploadSession> {
    const id = randomUUID();
    const file = this.blobs.uploadFile(id);
    await fs.promises.writeFile(file, "");
    const session: UploadSession = { id, accountId, repositoryId, file, size: 0, hash: createHash("sha256"), touchedAt: Date.now(), busy: false };
    this.sessions.set(id, session);
    this.lastActivity.set(repositoryId, session.touchedAt);
    return session;
  }

  /** The session, when it is this repository's. */
  get(id: string, accountId: string, repositoryId: string): UploadSession | undefined {
    const s = this.sessions.get(id);
    return s && s.accountId === accountId && s.repositoryId === repositoryId ? s : undefined;
  }

  /** Appends a request body, hashing it as it is written; the session ends if anything fails. */
  async append(session: UploadSession, body: Readable): Promise<void> {
    if (session.busy) throw uploadInvalid("Another request is writing to this upload", 416);
    session.busy = true;
    let size = session.size;
    const limit = this.maxBytes;
    const hashing = new Transform({
      // Room for a megabyte between the socket and the file: fewer pauses of the upload.
      highWaterMark: 1 << 20,
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > limit) return done(sizeInvalid(`The layer exceeds the maximum size of ${limit} bytes`, 413));
        session.hash.update(chunk);
        done(null, chunk);
      },
    });
    // The body is piped rather than part of the pipeline: a refused body is left unread (the
    // response closes the connection) instead of the socket being destroyed before the 413 is sent.
    const written = pipeline(hashing, fs.createWriteStream(session.file, { flags: "a", highWaterMark: 1 << 20 }));
    const gone = () => hashing.destroy(Object.assign(new Error("the client went away"), { code: "ECONNRESET" }));
    body.once("error", gone).once("aborted", gone).pipe(hashing);
    try {
      await written;
      session.size = size;
      session.touchedAt = Date.now();
      this.lastActivity.set(session.repositoryId, session.touchedAt);
    } catch (err) {
      body.unpipe(hashing);
      await this.discard(session);
      throw err;
    } finally {
      session.busy = false;
    }
  }

  /** The digest of everything received, the session going on. */
  digest(session: UploadSession): string {
    return `sha256:${session.hash.copy().digest("hex")}`;
  }

  /** Ends the session; its file is gone (moved into the blob store, or removed here). */
  async discard(session: UploadSession): Promise<void> {
    this.sessions.delete(session.id);
    await fs.promises.rm(session.file, { force: true });
  }

  /** Ends the session whose file the blob store took. */
  finish(session: UploadSession): void {
    this.sessions.delete(session.id);
    this.lastActivity.set(session.repositoryId, Date.now());
  }

  /**
   * Repositories with an upload open or active since `since`: a push in progress, whose blobs no
   * manifest names yet (the manifest comes last).
   */
  repositoriesUploading(since: number): Set<string> {
    for (const [repositoryId, at] of this.lastActivity) if (at < since) this.lastActivity.delete(repositoryId);
    return new Set([...this.sessions.values()].map((s) => s.repositoryId).concat([...this.lastActivity.keys()]));
  }

  /** Ends the uploads abandoned by now. */
  async expire(now: number): Promise<void> {
    for (const s of [...this.sessions.values()]) if (!s.busy && s.touchedAt < now - UPLOAD_IDLE_MS) await this.discard(s);
  }

  async discardAll(): Promise<void> {
    for (const s of [...this.sessions.values()]) await this.discard(s);
  }
}
