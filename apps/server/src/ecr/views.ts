/** ECR's API shapes of the store's records. */
import { ecrRepositoryArn } from "@stevedore/shared";
import type { EcrRepositoryRecord } from "../store/ecr-repositories.ts";
import type { EcrRegistry } from "./registry/registry-server.ts";

export function repositoryView(repo: EcrRepositoryRecord, registry: EcrRegistry) {
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
