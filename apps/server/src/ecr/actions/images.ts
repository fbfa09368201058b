/** Images: ListImages, DescribeImages, BatchGetImage, BatchDeleteImage, PutImage. */
import { immutableTagMessage, isImageTag, isSha256Digest } from "@stevedore/shared";
import type { ImageFailure, ImageIdentifier, TagStatus } from "@stevedore/shared/aws/models/ecr";
import type { ActionContext } from "../../aws/context.ts";
import { AwsError, invalidParameter } from "../../aws/errors.ts";
import { paginate } from "../../aws/pagination.ts";
import { deleteImageId, listImagesWithTags, type ImageWithTags } from "../../store/ecr-images.ts";
import type { EcrRepositoryRecord } from "../../store/ecr-repositories.ts";
import { storeManifest, manifestDigest } from "../push-manifest.ts";
import { RegistryError } from "../registry/errors.ts";
import type { EcrAction } from "../service.ts";
import { imageDetailView } from "../views.ts";
import { requireRepository } from "./repositories.ts";

const ref = (repo: EcrRepositoryRecord) => ({ accountId: repo.accountId, repositoryId: repo.id });

const byTagStatus = (status: TagStatus | undefined) => (i: ImageWithTags) =>
  status === "TAGGED" ? i.tags.length > 0 : status === "UNTAGGED" ? i.tags.length === 0 : true;

/** The image an id names: by digest, by tag, or both (which must agree). */
export function findById(images: ImageWithTags[], id: ImageIdentifier): ImageWithTags | undefined {
  return images.find((i) => (!id.imageDigest || i.image.digest === id.imageDigest) && (!id.imageTag || i.tags.includes(id.imageTag)));
}

/** ECR's ImageNotFoundException for an image id (DescribeImages). */
export const imageNotFound = (repo: EcrRepositoryRecord, id: ImageIdentifier) =>
  new AwsError(
    "ImageNotFoundException",
    `The image with imageId {imageDigest:'${id.imageDigest ?? "null"}', imageTag:'${id.imageTag ?? "null"}'} does not exist within the repository with name '${repo.name}' in the registry with id '${repo.accountId}'`,
  );

export const listImages: EcrAction<"ListImages"> = async (input, ctx) => {
  const repo = await requireRepository(ctx, input.repositoryName, input.registryId);
  const ids = (await listImagesWithTags(ctx.allAccounts, ref(repo)))
    .filter(byTagStatus(input.filter?.tagStatus))
    .flatMap(({ image, tags }): ImageIdentifier[] => (tags.length ? tags.map((imageTag) => ({ imageDigest: image.digest, imageTag })) : [{ imageDigest: image.digest }]));
  const { page, nextToken } = paginate(ids, input.maxResults ?? 100, input.nextToken, 1000);
  return { imageIds: page, ...(nextToken ? { nextToken } : {}) };
};

export const describeImages: EcrAction<"DescribeImages"> = async (input, ctx) => {
  const repo = await requireRepository(ctx, input.repositoryName, input.registryId);
  const images = await listImagesWithTags(ctx.allAccounts, ref(repo));
  let chosen = images.filter(byTagStatus(input.filter?.tagStatus));
  if (input.imageIds) {
    chosen = input.imageIds.map((id) => {
      const found = findById(images, id);
      if (!found) throw imageNotFound(repo, id);
      return found;
    });
    chosen = chosen.filter((i, n) => chosen.findIndex((j) => j.image.digest === i.image.digest) === n);
  }
  const { page, nextToken } = paginate(chosen, input.maxResults ?? 100, input.nextToken, 1000);
  return { imageDetails: page.map((i) => imageDetailView(repo, i)), ...(nextToken ? { nextToken } : {}) };
};

/** The failures Stevedore reports: those ECR and ECR Public share. */
type Failure = ImageFailure & { failureCode: "InvalidImageDigest" | "ImageTagDoesNotMatchDigest" | "ImageNotFound" | "MissingDigestAndTag" | "ImageReferencedByManifestList" };

/** Why an image id cannot name an image at all, as BatchGetImage and BatchDeleteImage report it. */
function idFailure(id: ImageIdentifier): Failure | undefined {
  if (!id.imageDigest && !id.imageTag) return { imageId: id, failureCode: "MissingDigestAndTag", failureReason: "Invalid request parameters: both tag and digest cannot be null" };
  if (id.imageDigest && !isSha256Digest(id.imageDigest)) return { imageId: id, failureCode: "InvalidImageDigest", failureReason: "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'" };
  return undefined;
}

const notFound = (id: ImageIdentifier): Failure => ({ imageId: id, failureCode: "ImageNotFound", failureReason: "Requested image not found" });

export const batchGetImage: EcrAction<"BatchGetImage"> = async (input, ctx) => {
  const repo = await requireRepository(ctx, input.repositoryName, input.registryId);
  const images = await listImagesWithTags(ctx.allAccounts, ref(repo));
  const found: ReturnType<typeof imageOf>[] = [];
  const failures: ImageFailure[] = [];
  for (const id of input.imageIds) {
    const failure = idFailure(id);
    const image = failure ? undefined : findById(images, id);
    if (failure || !image) failures.push(failure ?? notFound(id));
    else found.push(imageOf(repo, image, id));
  }
  return { images: found, failures };
};

function imageOf(repo: EcrRepositoryRecord, { image }: ImageWithTags, id: ImageIdentifier) {
  return {
    registryId: repo.accountId,
    repositoryName: repo.name,
    imageId: { imageDigest: image.digest, ...(id.imageTag ? { imageTag: id.imageTag } : {}) },
    imageManifest: image.manifest.toString("utf8"),
    imageManifestMediaType: image.mediaType,
  };
}

export const batchDeleteImage: EcrAction<"BatchDeleteImage"> = async (input, ctx) => {
  const repo = await requireRepository(ctx, input.repositoryName, input.registryId);
  return deleteImageIds(ctx, repo, input.imageIds);
};

/** BatchDeleteImage (ECR's and ECR Public's): each id deleted, or its failure in ECR's words. */
export async function deleteImageIds(ctx: ActionContext, repo: EcrRepositoryRecord, ids: ImageIdentifier[]): Promise<{ imageIds: ImageIdentifier[]; failures: Failure[] }> {
  const deleted: ImageIdentifier[] = [];
  const failures: Failure[] = [];
  for (const id of ids) {
    const failure = idFailure(id);
    if (failure) {
      failures.push(failure);
      continue;
    }
    const { outcome, digest } = await deleteImageId(ctx.allAccounts, ref(repo), { ...(id.imageDigest ? { digest: id.imageDigest } : {}), ...(id.imageTag ? { tag: id.imageTag } : {}) });
    if (outcome === "deleted" || outcome === "untagged") deleted.push({ imageDigest: digest!, ...(id.imageTag ? { imageTag: id.imageTag } : {}) });
    else if (outcome === "referenced") failures.push({ imageId: id, failureCode: "ImageReferencedByManifestList", failureReason: `Requested image referenced by manifest list: [${digest}]` });
    else if (outcome === "mismatch") failures.push({ imageId: id, failureCode: "ImageTagDoesNotMatchDigest", failureReason: "Invalid request parameters: image tag does not match the image digest" });
    else failures.push(notFound(id));
  }
  if (deleted.length) ctx.ecr.gc.collectSoon();
  return { imageIds: deleted, failures };
}

export const putImage: EcrAction<"PutImage"> = async (input, ctx) => {
  const repo = await requireRepository(ctx, input.repositoryName, input.registryId);
  const tag = input.imageTag;
  if (tag !== undefined && !isImageTag(tag)) throw invalidParameter(`Invalid parameter at 'imageTag' failed to satisfy constraint: 'must satisfy regular expression '[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}''`);
  const bytes = Buffer.from(input.imageManifest, "utf8");
  if (bytes.length > ctx.config.registryMaxManifestBytes) throw invalidParameter(`Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Manifest size exceeds the maximum of ${ctx.config.registryMaxManifestBytes} bytes'`);
  if (input.imageDigest && input.imageDigest !== manifestDigest(bytes)) {
    throw new AwsError("ImageDigestDoesNotMatchException", `The provided image digest ${input.imageDigest} does not match the digest of the image manifest ${manifestDigest(bytes)}`);
  }
  const images = await listImagesWithTags(ctx.allAccounts, ref(repo));
  const digest = manifestDigest(bytes);
  const same = images.find((i) => i.image.digest === digest);
  if (same && (tag === undefined ? true : same.tags.includes(tag))) {
    throw new AwsError("ImageAlreadyExistsException", `Image with digest '${digest}' and tag '${tag ?? "null"}' already exists in the repository with name '${repo.name}' in registry with id '${repo.accountId}'`);
  }
  const stored = await storeManifestAsApi(ctx, repo, bytes, input.imageManifestMediaType, tag);
  return {
    image: {
      registryId: repo.accountId,
      repositoryName: repo.name,
      imageId: { imageDigest: stored.digest, ...(tag ? { imageTag: tag } : {}) },
      imageManifest: input.imageManifest,
      imageManifestMediaType: stored.manifest.mediaType,
    },
  };
};

/** storeManifest with its outcomes in ECR's API exceptions. */
async function storeManifestAsApi(ctx: ActionContext, repo: EcrRepositoryRecord, bytes: Buffer, mediaType: string | undefined, tag: string | undefined) {
  let stored;
  try {
    stored = await storeManifest(ctx.allAccounts, repo, bytes, mediaType, tag);
  } catch (err) {
    if (err instanceof RegistryError) throw invalidParameter(`Invalid parameter at 'ImageManifest' failed to satisfy constraint: '${err.message}'`);
    throw err;
  }
  const { result } = stored;
  if (result.ok) return stored;
  if ("tagTaken" in result) {
    throw new AwsError("ImageTagAlreadyExistsException", immutableTagMessage(result.tagTaken, repo.name));
  }
  if ("missingBlob" in result) {
    throw new AwsError("LayersNotFoundException", `Layers with digests '[${result.missingBlob}]' required for pushing image into repository with name '${repo.name}' in the registry with id '${repo.accountId}' do not exist`);
  }
  throw new AwsError("ReferencedImagesNotFoundException", `Manifest references images '[${result.missingManifest}]' which do not exist in the repository with name '${repo.name}' in the registry with id '${repo.accountId}'`);
}
