/**
 * A repository's images (manifests by digest), their tags and what each refers to. A push is one
 * transaction: the references are checked, then the image, its references and its tag are written
 * together, so a manifest is never stored without everything it names.
 *
 * Every function takes its account explicitly (the registry and the server's own rounds work across
 * accounts, and raw SQL is beyond the scoped client's reach): pass the unscoped client.
 */
import type { Db, EcrImage } from "../db/client.ts";

export interface ImageRecord {
  accountId: string;
  repositoryId: string;
  digest: string;
  mediaType: string;
  artifactMediaType: string | null;
  manifest: Buffer;
  sizeInBytes: number;
  subjectDigest: string | null;
  pushedAt: Date;
  lastPulledAt: Date | null;
  imageStatus: string;
  lastArchivedAt: Date | null;
  lastActivatedAt: Date | null;
}

const record = (row: EcrImage): ImageRecord => ({
  ...row,
  manifest: Buffer.from(row.manifest.buffer, row.manifest.byteOffset, row.manifest.byteLength),
  sizeInBytes: Number(row.sizeInBytes),
});

export interface RepositoryRef {
  accountId: string;
  repositoryId: string;
}

export interface NewImage {
  digest: string;
  mediaType: string;
  artifactMediaType?: string;
  manifest: Buffer;
  subjectDigest?: string;
  /** The blobs (config, layers) and, for an index, the manifests it names. */
  blobs: readonly string[];
  manifests: readonly string[];
  /** An image's layers; an index's size is its largest manifest's. */
  layersSize: number;
  tag?: string;
}

export type PutImageResult =
  | { ok: true; created: boolean }
  | { ok: false; missingBlob: string }
  | { ok: false; missingManifest: string }
  | { ok: false; tagTaken: string };

/**
 * Stores a pushed manifest (and moves its tag) if every blob and manifest it names is in the
 * repository and the tag may move (`isImmutable` says whether an existing tag is fixed). Raw SQL: a
 * push runs this once per manifest, and Prisma's query compilation cost more CPU than the rest of
 * the push's database work (measured with a CPU profile of docker push).
 */
export async function putImage(db: Db, repo: RepositoryRef, image: NewImage, isImmutable: (tag: string) => boolean, now = new Date()): Promise<PutImageResult> {
  const { accountId, repositoryId } = repo;
  const blobDigests = [...new Set(image.blobs)];
  const manifestDigests = [...new Set(image.manifests)];
  const [blobs, manifests] = [JSON.stringify(blobDigests), JSON.stringify(manifestDigests)];
  const references = JSON.stringify([...blobDigests.map((d) => [d, "blob"]), ...manifestDigests.map((d) => [d, "manifest"])]);
  return db.$transaction(async (tx): Promise<PutImageResult> => {
    const linked = new Set(
      (await tx.$queryRaw<{ digest: string }[]>`
        SELECT "digest" FROM "EcrRepositoryBlob"
        WHERE "accountId" = ${accountId} AND "repositoryId" = ${repositoryId} AND "digest" IN (SELECT value FROM json_each(${blobs}))`).map((b) => b.digest),
    );
    const missingBlob = image.blobs.find((d) => !linked.has(d));
    if (missingBlob) return { ok: false, missingBlob };
    const children = await tx.$queryRaw<{ digest: string; sizeInBytes: bigint }[]>`
      SELECT "digest", "sizeInBytes" FROM "EcrImage"
      WHERE "accountId" = ${accountId} AND "repositoryId" = ${repositoryId} AND "digest" IN (SELECT value FROM json_each(${manifests}))`;
    const missingManifest = image.manifests.find((d) => !children.some((c) => c.digest === d));
    if (missingManifest) return { ok: false, missingManifest };
    if (image.tag) {
      const [current] = await tx.$queryRaw<{ digest: string }[]>`
        SELECT "digest" FROM "EcrImageTag" WHERE "accountId" = ${accountId} AND "repositoryId" = ${repositoryId} AND "tag" = ${image.tag}`;
      if (current && current.digest !== image.digest && isImmutable(image.tag)) return { ok: false, tagTaken: image.tag };
    }
    const [exists] = await tx.$queryRaw<{ digest: string }[]>`
      SELECT "digest" FROM "EcrImage" WHERE "accountId" = ${accountId} AND "repositoryId" = ${repositoryId} AND "digest" = ${image.digest}`;
    if (!exists) {
      const sizeInBytes = image.manifests.length ? Math.max(0, ...children.map((c) => Number(c.sizeInBytes))) : image.layersSize;
      await tx.$executeRaw`
        INSERT INTO "EcrImage" ("accountId", "repositoryId", "digest", "mediaType", "artifactMediaType", "manifest", "sizeInBytes", "subjectDigest", "pushedAt")
        VALUES (${accountId}, ${repositoryId}, ${image.digest}, ${image.mediaType}, ${image.artifactMediaType ?? null}, ${new Uint8Array(image.manifest)}, ${sizeInBytes}, ${image.subjectDigest ?? null}, ${now})`;
      await tx.$executeRaw`
        INSERT INTO "EcrImageReference" ("accountId", "repositoryId", "imageDigest", "digest", "kind")
        SELECT ${accountId}, ${repositoryId}, ${image.digest}, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(${references})`;
    }
    if (image.tag) {
      await tx.$executeRaw`
        INSERT INTO "EcrImageTag" ("accountId", "repositoryId", "tag", "digest") VALUES (${accountId}, ${repositoryId}, ${image.tag}, ${image.digest})
        ON CONFLICT ("accountId", "repositoryId", "tag") DO UPDATE SET "digest" = excluded."digest"`;
    }
    return { ok: true, created: !exists };
  });
}

/** The image a tag or digest names. One raw query on the pull path: a fifth of a model query's time (measured). */
export async function findImage(db: Db, repo: RepositoryRef, ref: { digest: string } | { tag: string }): Promise<ImageRecord | undefined> {
  const { accountId, repositoryId } = repo;
  const [row] =
    "digest" in ref
      ? await db.$queryRaw<EcrImage[]>`
          SELECT * FROM "EcrImage" WHERE "accountId" = ${accountId} AND "repositoryId" = ${repositoryId} AND "digest" = ${ref.digest}`
      : await db.$queryRaw<EcrImage[]>`
          SELECT i.* FROM "EcrImageTag" t
          JOIN "EcrImage" i ON i."accountId" = t."accountId" AND i."repositoryId" = t."repositoryId" AND i."digest" = t."digest"
          WHERE t."accountId" = ${accountId} AND t."repositoryId" = ${repositoryId} AND t."tag" = ${ref.tag}`;
  return row ? record(row) : undefined;
}

/** Records a pull when the last recorded one is older than `everyMs` (ECR refreshes it at least daily). */
export async function recordPull(db: Db, image: ImageRecord, everyMs: number, now = new Date()): Promise<void> {
  if (image.lastPulledAt && now.getTime() - image.lastPulledAt.getTime() <= everyMs) return;
  await db.ecrImage.updateMany({ where: { accountId: image.accountId, repositoryId: image.repositoryId, digest: image.digest }, data: { lastPulledAt: now } });
}

/** The repository's tags in lexical order. */
export async function listTags(db: Db, repo: RepositoryRef): Promise<string[]> {
  const rows = await db.ecrImageTag.findMany({ where: repo, select: { tag: true } });
  return rows.map((r) => r.tag).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Removes a tag; its image stays (untagged if it was its last). */
export async function untagImage(db: Db, repo: RepositoryRef, tag: string): Promise<boolean> {
  const { count } = await db.ecrImageTag.deleteMany({ where: { ...repo, tag } });
  return count > 0;
}

/**
 * Deletes an image with its tags and references. "referenced" when an index of the repository still
 * names it (ECR's ImageReferencedByManifestList).
 */
export async function deleteImage(db: Db, repo: RepositoryRef, digest: string): Promise<"deleted" | "unknown" | "referenced"> {
  return db.$transaction(async (tx) => {
    if (!(await tx.ecrImage.findUnique({ where: { accountId_repositoryId_digest: { ...repo, digest } }, select: { digest: true } }))) return "unknown";
    if (await tx.ecrImageReference.findFirst({ where: { ...repo, digest, kind: "manifest" } })) return "referenced";
    await tx.ecrImageTag.deleteMany({ where: { ...repo, digest } });
    await tx.ecrImageReference.deleteMany({ where: { ...repo, imageDigest: digest } });
    await tx.ecrImage.delete({ where: { accountId_repositoryId_digest: { ...repo, digest } } });
    return "deleted";
  });
}

/** The images whose subject is `digest` (the OCI referrers of a manifest). */
export async function listReferrers(db: Db, repo: RepositoryRef, subjectDigest: string): Promise<ImageRecord[]> {
  const rows = await db.ecrImage.findMany({ where: { ...repo, subjectDigest }, orderBy: { pushedAt: "asc" } });
  return rows.map(record);
}

export interface ImageWithTags {
  image: ImageRecord;
  /** In lexical order. */
  tags: string[];
}

/** Every image of the repository with its tags, newest push first. */
export async function listImagesWithTags(db: Db, repo: RepositoryRef): Promise<ImageWithTags[]> {
  const [images, tags] = await Promise.all([
    db.ecrImage.findMany({ where: repo, orderBy: [{ pushedAt: "desc" }, { digest: "asc" }] }),
    db.ecrImageTag.findMany({ where: repo, orderBy: { tag: "asc" } }),
  ]);
  const byDigest = new Map<string, string[]>();
  for (const t of tags) byDigest.set(t.digest, [...(byDigest.get(t.digest) ?? []), t.tag]);
  return images.map((row) => ({ image: record(row), tags: byDigest.get(row.digest) ?? [] }));
}

/** The digests of the manifests an index of the repository names (they stay while the index does). */
export async function manifestsNamedByIndexes(db: Db, repo: RepositoryRef): Promise<Set<string>> {
  const rows = await db.ecrImageReference.findMany({ where: { ...repo, kind: "manifest" }, select: { digest: true } });
  return new Set(rows.map((r) => r.digest));
}

/**
 * BatchDeleteImage of one image id, as ECR does it: a digest deletes the image and its tags; a tag is
 * removed, and the image goes with its last tag. "referenced" when an index still names the image.
 */
export async function deleteImageId(db: Db, repo: RepositoryRef, id: { digest?: string; tag?: string }): Promise<{ outcome: "deleted" | "untagged" | "unknown" | "referenced" | "mismatch"; digest?: string }> {
  return db.$transaction(async (tx) => {
    const tagged = id.tag ? await tx.ecrImageTag.findUnique({ where: { accountId_repositoryId_tag: { ...repo, tag: id.tag } } }) : null;
    if (id.tag && !tagged) return { outcome: "unknown" as const };
    if (tagged && id.digest && tagged.digest !== id.digest) return { outcome: "mismatch" as const };
    const digest = tagged?.digest ?? id.digest!;
    if (!(await tx.ecrImage.findUnique({ where: { accountId_repositoryId_digest: { ...repo, digest } }, select: { digest: true } }))) return { outcome: "unknown" as const };
    const referenced = !!(await tx.ecrImageReference.findFirst({ where: { ...repo, digest, kind: "manifest" } }));
    if (tagged && !id.digest) {
      await tx.ecrImageTag.delete({ where: { accountId_repositoryId_tag: { ...repo, tag: tagged.tag } } });
      if (referenced || (await tx.ecrImageTag.count({ where: { ...repo, digest } }))) return { outcome: "untagged" as const, digest };
    } else if (referenced) {
      return { outcome: "referenced" as const, digest };
    }
    await tx.ecrImageTag.deleteMany({ where: { ...repo, digest } });
    await tx.ecrImageReference.deleteMany({ where: { ...repo, imageDigest: digest } });
    await tx.ecrImage.delete({ where: { accountId_repositoryId_digest: { ...repo, digest } } });
    return { outcome: "deleted" as const, digest };
  });
}

export interface LifecycleOutcome {
  digest: string;
  rulePriority: number;
  action: "expire" | "transition";
}

/**
 * Applies a lifecycle policy's decisions in one transaction: expired images are deleted (with their
 * tags and references), archived ones marked ARCHIVED; each leaves a row in the repository's history.
 * Images an index has come to name since the evaluation are left alone.
 */
export async function applyLifecycle(db: Db, repo: RepositoryRef & { repositoryName: string }, decisions: readonly LifecycleOutcome[], now = new Date()): Promise<number> {
  const { accountId, repositoryId } = repo;
  return db.$transaction(async (tx) => {
    let applied = 0;
    for (const d of decisions) {
      const key = { accountId_repositoryId_digest: { accountId, repositoryId, digest: d.digest } };
      const image = await tx.ecrImage.findUnique({ where: key });
      if (!image || (await tx.ecrImageReference.findFirst({ where: { accountId, repositoryId, digest: d.digest, kind: "manifest" } }))) continue;
      const tags = (await tx.ecrImageTag.findMany({ where: { accountId, repositoryId, digest: d.digest }, orderBy: { tag: "asc" } })).map((t) => t.tag);
      if (d.action === "expire") {
        await tx.ecrImageTag.deleteMany({ where: { accountId, repositoryId, digest: d.digest } });
        await tx.ecrImageReference.deleteMany({ where: { accountId, repositoryId, imageDigest: d.digest } });
        await tx.ecrImage.delete({ where: key });
      } else {
        await tx.ecrImage.update({ where: key, data: { imageStatus: "ARCHIVED", lastArchivedAt: now } });
      }
      await tx.ecrLifecycleEvent.create({
        data: { accountId, repositoryId, repositoryName: repo.repositoryName, imageDigest: d.digest, imageTags: JSON.stringify(tags), imagePushedAt: image.pushedAt, rulePriority: d.rulePriority, action: d.action, occurredAt: now },
      });
      applied++;
    }
    return applied;
  });
}

/**
 * Moves images' push (and last pull) times `days` into the past: the operator's way to age images for
 * labs and tests of lifecycle policies. All the repository's images, or those of the given tags or digests.
 */
export async function ageImages(db: Db, repo: RepositoryRef, days: number, only?: { tags?: string[]; digests?: string[] }): Promise<number> {
  const shift = days * 24 * 60 * 60 * 1000;
  return db.$transaction(async (tx) => {
    const tagged = only?.tags?.length ? (await tx.ecrImageTag.findMany({ where: { ...repo, tag: { in: only.tags } } })).map((t) => t.digest) : [];
    const digests = only ? [...tagged, ...(only.digests ?? [])] : undefined;
    const images = await tx.ecrImage.findMany({ where: { ...repo, ...(digests ? { digest: { in: digests } } : {}) } });
    for (const image of images) {
      await tx.ecrImage.update({
        where: { accountId_repositoryId_digest: { ...repo, digest: image.digest } },
        data: { pushedAt: new Date(image.pushedAt.getTime() - shift), ...(image.lastPulledAt ? { lastPulledAt: new Date(image.lastPulledAt.getTime() - shift) } : {}) },
      });
    }
    return images.length;
  });
}
