/**
 * Manifests: PUT stores the exact bytes pushed once every blob and manifest they name is in the
 * repository (MANIFEST_BLOB_UNKNOWN otherwise) and the tag may move (ECR's TAG_INVALID in an immutable
 * repository); GET and HEAD serve them by tag or digest; DELETE removes an image (by digest) or a tag.
 */
import { deleteImage, findImage, listReferrers, recordPull, untagImage } from "../../store/ecr-images.ts";
import { manifestDigest, storeManifest } from "../push-manifest.ts";
import { repositoryRef, requireRepository, v2Path, type RegistryRequest } from "./context.ts";
import { digestInvalid, immutableTag, manifestBlobUnknown, manifestUnknown, RegistryError } from "./errors.ts";
import { readBody, sendEmpty, sendJson } from "./http.ts";
import { MEDIA_TYPES } from "./manifest.ts";
import type { Reference } from "./routes.ts";

/** How often a pulled image's lastRecordedPullTime is refreshed: pulls do not each write to the database. */
const PULL_RECORD_EVERY_MS = 60_000;

export async function getManifest(r: RegistryRequest, name: string, reference: Reference): Promise<void> {
  const repo = await requireRepository(r, name);
  const image = await findImage(r.deps.db, repositoryRef(repo), reference);
  if (!image) throw manifestUnknown();
  const headers = { "Content-Type": image.mediaType, "Docker-Content-Digest": image.digest, ETag: `"${image.digest}"`, "Content-Length": image.manifest.length };
  if (r.req.method === "HEAD") return sendEmpty(r.res, 200, headers);
  await recordPull(r.deps.db, image, PULL_RECORD_EVERY_MS);
  r.res.writeHead(200, headers);
  r.res.end(image.manifest);
}

export async function putManifest(r: RegistryRequest, name: string, reference: Reference): Promise<void> {
  const repo = await requireRepository(r, name);
  const bytes = await readBody(r.req, r.deps.maxManifestBytes, "manifest");
  if ("digest" in reference && reference.digest !== manifestDigest(bytes)) {
    throw digestInvalid(`The manifest digest ${manifestDigest(bytes)} does not match the digest ${reference.digest} it was pushed as`);
  }
  const { digest, manifest, result } = await storeManifest(r.deps.db, repo, bytes, r.req.headers["content-type"], "tag" in reference ? reference.tag : undefined);
  if (!result.ok) {
    if ("tagTaken" in result) throw immutableTag(result.tagTaken, repo.name);
    throw manifestBlobUnknown("missingBlob" in result ? result.missingBlob : result.missingManifest);
  }
  sendEmpty(r.res, 201, {
    Location: v2Path(r, repo.name, `manifests/${digest}`),
    "Docker-Content-Digest": digest,
    ...(manifest.subject ? { "OCI-Subject": manifest.subject } : {}),
  });
}

export async function deleteManifest(r: RegistryRequest, name: string, reference: Reference): Promise<void> {
  const repo = await requireRepository(r, name);
  if ("tag" in reference) {
    if (!(await untagImage(r.deps.db, repositoryRef(repo), reference.tag))) throw manifestUnknown();
  } else {
    const outcome = await deleteImage(r.deps.db, repositoryRef(repo), reference.digest);
    if (outcome === "unknown") throw manifestUnknown();
    if (outcome === "referenced") throw new RegistryError(400, "UNSUPPORTED", `Requested image referenced by manifest list: [${reference.digest}]`);
    r.deps.collectSoon();
  }
  sendEmpty(r.res, 202);
}

/** The OCI referrers API: an index of the manifests whose subject is `digest` (empty when none). */
export async function getReferrers(r: RegistryRequest, name: string, digest: string): Promise<void> {
  const repo = await requireRepository(r, name);
  const artifactType = r.query.get("artifactType");
  const referrers = (await listReferrers(r.deps.db, repositoryRef(repo), digest))
    .map((image) => {
      const annotations = (JSON.parse(image.manifest.toString("utf8")) as { annotations?: Record<string, string> }).annotations;
      return {
        mediaType: image.mediaType,
        digest: image.digest,
        size: image.manifest.length,
        ...(image.artifactMediaType ? { artifactType: image.artifactMediaType } : {}),
        ...(annotations ? { annotations } : {}),
      };
    })
    .filter((d) => artifactType === null || d.artifactType === artifactType);
  sendJson(r.req, r.res, 200, { schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: referrers }, {
    "Content-Type": MEDIA_TYPES.ociIndex,
    ...(artifactType !== null ? { "OCI-Filters-Applied": "artifactType" } : {}),
  });
}
