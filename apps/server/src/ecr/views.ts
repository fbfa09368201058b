/** ECR's API shapes of the store's records. */
import { ecrRepositoryArn } from "@stevedore/shared";
import type { ImageDetail, Repository } from "@stevedore/shared/aws/models/ecr";
import type { ImageWithTags } from "../store/ecr-images.ts";
import type { EcrRepositoryRecord } from "../store/ecr-repositories.ts";
import type { EcrRegistry } from "./registry/registry-server.ts";

export function repositoryView(repo: EcrRepositoryRecord, registry: EcrRegistry): Repository {
  return {
    repositoryArn: ecrRepositoryArn({ region: repo.region, accountId: repo.accountId }, repo.name),
    registryId: repo.accountId,
    repositoryName: repo.name,
    repositoryUri: `${registry.privateAddress(repo.accountId)}/${repo.name}`,
    createdAt: repo.createdAt,
    imageTagMutability: repo.imageTagMutability,
    ...(repo.tagMutabilityExclusions.length ? { imageTagMutabilityExclusionFilters: repo.tagMutabilityExclusions } : {}),
    imageScanningConfiguration: { scanOnPush: repo.scanOnPush },
    encryptionConfiguration: repo.encryption,
  };
}

export function imageDetailView(repo: EcrRepositoryRecord, { image, tags }: ImageWithTags): ImageDetail {
  return {
    registryId: repo.accountId,
    repositoryName: repo.name,
    imageDigest: image.digest,
    ...(tags.length ? { imageTags: tags } : {}),
    imageSizeInBytes: image.sizeInBytes,
    imagePushedAt: image.pushedAt,
    imageManifestMediaType: image.mediaType,
    ...(image.artifactMediaType ? { artifactMediaType: image.artifactMediaType } : {}),
    ...(image.lastPulledAt ? { lastRecordedPullTime: image.lastPulledAt } : {}),
    ...(image.subjectDigest ? { subjectManifestDigest: image.subjectDigest } : {}),
    imageStatus: image.imageStatus as ImageDetail["imageStatus"],
    ...(image.lastArchivedAt ? { lastArchivedAt: image.lastArchivedAt } : {}),
    ...(image.lastActivatedAt ? { lastActivatedAt: image.lastActivatedAt } : {}),
  };
}

