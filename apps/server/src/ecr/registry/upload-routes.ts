/**
 * Blob uploads (OCI distribution spec, "Pushing blobs"): POST starts one (or mounts a blob the account
 * has, or takes a whole blob with ?digest=), PATCH appends a chunk (Docker streams a whole layer in one
 * PATCH without Content-Range), PUT ?digest= ends it, GET says how far it got, DELETE cancels it.
 * The digest is checked against what was hashed while writing: a wrong one stores nothing.
 */
import { findRepository, type EcrRepositoryRecord } from "../../store/ecr-repositories.ts";
import { mountBlob, recordUploadedBlob } from "../../store/ecr-blobs.ts";
import { repositoryRef, requireRepository, v2Path, type RegistryRequest } from "./context.ts";
import { digestInvalid, uploadInvalid, uploadUnknown } from "./errors.ts";
import { sendEmpty, uploadRange } from "./http.ts";
import { digest as parseDigest } from "./routes.ts";
import { isRepositoryName } from "@stevedore/shared";
import type { UploadSession } from "./uploads.ts";

const blobLocation = (r: RegistryRequest, name: string, digest: string) => v2Path(r, name, `blobs/${digest}`);
const uploadLocation = (r: RegistryRequest, name: string, id: string) => v2Path(r, name, `blobs/uploads/${id}`);

export async function startUpload(r: RegistryRequest, name: string): Promise<void> {
  const repo = await requireRepository(r, name);
  const mount = r.query.get("mount");
  if (mount !== null && (await mounted(r, repo, parseDigest(mount)))) return;

  const session = await r.deps.uploads.start(r.accountId, repo.id);
  const digest = r.query.get("digest");
  if (digest !== null) {
    // A whole blob in the POST.
    await r.deps.uploads.append(session, r.req);
    return complete(r, repo, session, digest);
  }
  sendEmpty(r.res, 202, { Location: uploadLocation(r, name, session.id), "Docker-Upload-UUID": session.id, Range: uploadRange(0) });
}

/** A cross-repository mount: from the named repository of the account, or any when none is named. */
async function mounted(r: RegistryRequest, repo: EcrRepositoryRecord, digest: string): Promise<boolean> {
  const from = r.query.get("from");
  let fromId: string | undefined;
  if (from !== null) {
    // `from` is a path name: ECR Public's carries the registry alias.
    const fromName = from.startsWith(r.pathPrefix) ? from.slice(r.pathPrefix.length) : "";
    if (!isRepositoryName(fromName)) return false;
    const source = await findRepository(r.deps.db, r.accountId, r.registry, fromName);
    if (!source) return false;
    fromId = source.id;
  }
  const size = await mountBlob(r.deps.db, { ...repositoryRef(repo), digest }, fromId);
  if (size === undefined) return false;
  sendEmpty(r.res, 201, { Location: blobLocation(r, repo.name, digest), "Docker-Content-Digest": digest });
  return true;
}

async function session(r: RegistryRequest, name: string, id: string): Promise<{ repo: EcrRepositoryRecord; session: UploadSession }> {
  const repo = await requireRepository(r, name);
  const s = r.deps.uploads.get(id, r.accountId, repo.id);
  if (!s) throw uploadUnknown();
  return { repo, session: s };
}

export async function uploadStatus(r: RegistryRequest, name: string, id: string): Promise<void> {
  const { session: s } = await session(r, name, id);
  sendEmpty(r.res, 204, { Location: uploadLocation(r, name, s.id), Range: uploadRange(s.size), "Docker-Upload-UUID": s.id });
}

export async function appendChunk(r: RegistryRequest, name: string, id: string): Promise<void> {
  const { session: s } = await session(r, name, id);
  checkContentRange(r, s);
  await r.deps.uploads.append(s, r.req);
  sendEmpty(r.res, 202, { Location: uploadLocation(r, name, s.id), Range: uploadRange(s.size), "Docker-Upload-UUID": s.id });
}

export async function finishUpload(r: RegistryRequest, name: string, id: string): Promise<void> {
  const { repo, session: s } = await session(r, name, id);
  const digest = r.query.get("digest");
  checkContentRange(r, s);
  await r.deps.uploads.append(s, r.req);
  await complete(r, repo, s, digest);
}

export async function cancelUpload(r: RegistryRequest, name: string, id: string): Promise<void> {
  const { session: s } = await session(r, name, id);
  await r.deps.uploads.discard(s);
  sendEmpty(r.res, 204);
}

/** Checks the received bytes against `digest`; stores the blob when they match, nothing when they do not. */
async function complete(r: RegistryRequest, repo: EcrRepositoryRecord, s: UploadSession, digest: string | null): Promise<void> {
  const { uploads, blobs, db } = r.deps;
  if (digest === null) {
    await uploads.discard(s);
    throw digestInvalid("The digest parameter is required to complete an upload");
  }
  let expected: string;
  try {
    expected = parseDigest(digest);
  } catch (err) {
    await uploads.discard(s);
    throw err;
  }
  const actual = uploads.digest(s);
  if (actual !== expected) {
    await uploads.discard(s);
    throw digestInvalid(`The provided digest ${expected} does not match the digest of the uploaded content (${actual})`);
  }
  uploads.finish(s);
  await blobs.commit(r.accountId, expected, s.file, () => recordUploadedBlob(db, { ...repositoryRef(repo), digest: expected }, s.size));
  sendEmpty(r.res, 201, { Location: blobLocation(r, repo.name, expected), "Docker-Content-Digest": expected });
}

/**
 * A chunk's Content-Range must start where the upload stands (out of order: 416, with ECR's words).
 * Docker's streamed PATCH has none.
 */
function checkContentRange(r: RegistryRequest, s: UploadSession): void {
  const header = r.req.headers["content-range"];
  if (!header) return;
  const m = /^(?:bytes[ =])?(\d+)-(\d+)(?:\/(?:\d+|\*))?$/.exec(header.trim());
  if (!m) throw uploadInvalid("Invalid Content-Range header", 416);
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (start !== s.size) throw uploadInvalid(`First byte of the layer part is ${start} instead of ${s.size}`, 416);
  const length = r.req.headers["content-length"];
  if (end < start || (length !== undefined && Number(length) !== end - start + 1)) throw uploadInvalid("Content-Range does not match Content-Length", 416);
}
