/** Blobs: HEAD (does the repository have it), GET (whole or a byte range), DELETE (unlink from the repository). */
import { pipeline } from "node:stream/promises";
import { unlinkBlob, useLinkedBlob } from "../../store/ecr-blobs.ts";
import { repositoryRef, requireRepository, type RegistryRequest } from "./context.ts";
import { blobUnknown, unsupported } from "./errors.ts";
import { parseRange, sendEmpty } from "./http.ts";

export async function getBlob(r: RegistryRequest, name: string, digest: string): Promise<void> {
  const repo = await requireRepository(r, name);
  const size = await useLinkedBlob(r.deps.db, { ...repositoryRef(repo), digest }, r.deps.touchAfterMs);
  if (size === undefined) throw blobUnknown(digest);
  const headers = { "Docker-Content-Digest": digest, "Content-Type": "application/octet-stream", "Accept-Ranges": "bytes", ETag: `"${digest}"` };
  if (r.req.method === "HEAD") return sendEmpty(r.res, 200, { ...headers, "Content-Length": size });
  const range = parseRange(r.req.headers.range, size);
  if (range === "unsatisfiable") return sendEmpty(r.res, 416, { "Content-Range": `bytes */${size}` });
  const file = r.deps.blobs.read(r.accountId, digest, range);
  if (range) {
    r.res.writeHead(206, { ...headers, "Content-Length": range.end - range.start + 1, "Content-Range": `bytes ${range.start}-${range.end}/${size}` });
  } else {
    r.res.writeHead(200, { ...headers, "Content-Length": size });
  }
  await pipeline(file, r.res);
}

export async function deleteBlob(r: RegistryRequest, name: string, digest: string): Promise<void> {
  const repo = await requireRepository(r, name);
  const outcome = await unlinkBlob(r.deps.db, { ...repositoryRef(repo), digest });
  if (outcome === "unknown") throw blobUnknown(digest);
  if (outcome === "referenced") throw unsupported("The layer is part of an image of the repository; delete the image instead");
  r.deps.collectSoon();
  sendEmpty(r.res, 202);
}
