/**
 * A pushed manifest stored in its repository, for the registry's PUT of a manifest and ECR's PutImage
 * alike: parsed, its digest computed from the exact bytes, then stored with its tag in one
 * transaction if everything it names is there and the tag may move. Each caller words the outcome
 * in its own protocol's errors.
 */
import { createHash } from "node:crypto";
import { isTagImmutable } from "@stevedore/shared";
import type { Db } from "../db/client.ts";
import { putImage, type PutImageResult } from "../store/ecr-images.ts";
import type { EcrRepositoryRecord } from "../store/ecr-repositories.ts";
import { parseManifest, type ParsedManifest } from "./registry/manifest.ts";

export interface StoredManifest {
  digest: string;
  manifest: ParsedManifest;
  result: PutImageResult;
}

export const manifestDigest = (bytes: Buffer) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

/** Parses (throwing the registry's MANIFEST_INVALID) and stores the manifest under `tag`, if any. */
export async function storeManifest(db: Db, repo: EcrRepositoryRecord, bytes: Buffer, mediaType: string | undefined, tag: string | undefined): Promise<StoredManifest> {
  const manifest = parseManifest(bytes, mediaType);
  const digest = manifestDigest(bytes);
  const result = await putImage(
    db,
    { accountId: repo.accountId, repositoryId: repo.id },
    {
      digest,
      mediaType: manifest.mediaType,
      ...(manifest.artifactType ? { artifactMediaType: manifest.artifactType } : {}),
      manifest: bytes,
      ...(manifest.subject ? { subjectDigest: manifest.subject } : {}),
      blobs: manifest.blobs.map((b) => b.digest),
      manifests: manifest.manifests.map((m) => m.digest),
      layersSize: manifest.layersSize,
      ...(tag ? { tag } : {}),
    },
    (t) => isTagImmutable(repo.imageTagMutability, repo.tagMutabilityExclusions, t),
  );
  return { digest, manifest, result };
}
