/**
 * Repositories: CreateRepository, DescribeRepositories, DeleteRepository, PutImageTagMutability,
 * PutImageScanningConfiguration, Set/Get/DeleteRepositoryPolicy (kept and shown, not enforced), and
 * DescribeRegistry. Each account sees only its own registry: a registryId naming another is a
 * registry without repositories.
 */
import { repositoryNotFoundMessage } from "@stevedore/shared";
import type { ActionContext } from "../../aws/context.ts";
import { AwsError, invalidParameter } from "../../aws/errors.ts";
import { paginate } from "../../aws/pagination.ts";
import { createRepository as storeRepository, deleteRepository as dropRepository, findRepository, listRepositories, modifyRepository, type EcrRepositoryRecord } from "../../store/ecr-repositories.ts";
import type { EcrAction } from "../service.ts";
import { repositoryView } from "../views.ts";
import { checkExclusionFilters, checkTags } from "./checks.ts";

export const repositoryNotFound = (name: string, registryId: string) => new AwsError("RepositoryNotFoundException", repositoryNotFoundMessage(name, registryId));

/** The caller's repository `name` (in the registry `registryId` names, the caller's own by default). */
export async function requireRepository(ctx: ActionContext, name: string, registryId?: string): Promise<EcrRepositoryRecord> {
  const registry = registryId ?? ctx.scope.accountId;
  const repo = registry === ctx.scope.accountId ? await findRepository(ctx.allAccounts, registry, "private", name) : undefined;
  if (!repo) throw repositoryNotFound(name, registry);
  return repo;
}

/** A read-modify-write of the caller's repository (see modifyRepository). */
async function changeRepository(ctx: ActionContext, name: string, registryId: string | undefined, change: Parameters<typeof modifyRepository>[4]) {
  await requireRepository(ctx, name, registryId);
  const repo = await modifyRepository(ctx.allAccounts, ctx.scope.accountId, "private", name, change);
  if (!repo) throw repositoryNotFound(name, ctx.scope.accountId);
  return repo;
}

export const createRepository: EcrAction<"CreateRepository"> = async (input, ctx) => {
  const { accountId, region } = ctx.scope;
  if (input.registryId !== undefined && input.registryId !== accountId) throw invalidParameter(`Invalid parameter at 'registryId' failed to satisfy constraint: 'must be the caller's registry id ${accountId}'`);
  const mutability = input.imageTagMutability ?? "MUTABLE";
  const exclusions = checkExclusionFilters(mutability, input.imageTagMutabilityExclusionFilters);
  const encryption = input.encryptionConfiguration ?? { encryptionType: "AES256" as const };
  if (encryption.encryptionType === "AES256" && encryption.kmsKey) throw invalidParameter("Invalid parameter at 'encryptionConfiguration' failed to satisfy constraint: 'KMS key cannot be specified for AES256 encryption type'");
  const kmsKey = encryption.encryptionType === "AES256" ? undefined : (encryption.kmsKey ?? `arn:aws:kms:${region}:${accountId}:alias/aws/ecr`);
  const repo = await storeRepository(ctx.allAccounts, {
    accountId,
    region,
    registry: "private",
    name: input.repositoryName,
    imageTagMutability: mutability,
    tagMutabilityExclusions: exclusions,
    scanOnPush: input.imageScanningConfiguration?.scanOnPush === true,
    encryption: { encryptionType: encryption.encryptionType, ...(kmsKey ? { kmsKey } : {}) },
    tags: checkTags(input.tags ?? []),
  });
  if (!repo) throw new AwsError("RepositoryAlreadyExistsException", `The repository with name '${input.repositoryName}' already exists in the registry with id '${accountId}'`);
  ctx.ecr.publish(accountId);
  return { repository: repositoryView(repo, ctx.ecr) };
};

export const describeRepositories: EcrAction<"DescribeRepositories"> = async (input, ctx) => {
  const registry = input.registryId ?? ctx.scope.accountId;
  const names = input.repositoryNames;
  const repos = registry === ctx.scope.accountId ? await listRepositories(ctx.allAccounts, registry, "private", names) : [];
  for (const name of names ?? []) if (!repos.some((r) => r.name === name)) throw repositoryNotFound(name, registry);
  const { page, nextToken } = paginate(repos, input.maxResults ?? 100, input.nextToken, 1000);
  return { repositories: page.map((r) => repositoryView(r, ctx.ecr)), ...(nextToken ? { nextToken } : {}) };
};

export const deleteRepository: EcrAction<"DeleteRepository"> = async (input, ctx) => {
  const repo = await requireRepository(ctx, input.repositoryName, input.registryId);
  if ((await dropRepository(ctx.allAccounts, repo, input.force === true)) === "not-empty") {
    throw new AwsError("RepositoryNotEmptyException", `The repository with name '${repo.name}' in registry with id '${repo.accountId}' cannot be deleted because it still contains images`);
  }
  ctx.ecr.gc.collectSoon();
  return { repository: repositoryView(repo, ctx.ecr) };
};

export const putImageTagMutability: EcrAction<"PutImageTagMutability"> = async (input, ctx) => {
  const exclusions = checkExclusionFilters(input.imageTagMutability, input.imageTagMutabilityExclusionFilters);
  const repo = await changeRepository(ctx, input.repositoryName, input.registryId, () => ({ imageTagMutability: input.imageTagMutability, tagMutabilityExclusions: exclusions }));
  return {
    registryId: repo.accountId,
    repositoryName: repo.name,
    imageTagMutability: repo.imageTagMutability,
    ...(exclusions.length ? { imageTagMutabilityExclusionFilters: exclusions } : {}),
  };
};

export const putImageScanningConfiguration: EcrAction<"PutImageScanningConfiguration"> = async (input, ctx) => {
  const scanOnPush = input.imageScanningConfiguration.scanOnPush === true;
  const repo = await changeRepository(ctx, input.repositoryName, input.registryId, () => ({ scanOnPush }));
  return { registryId: repo.accountId, repositoryName: repo.name, imageScanningConfiguration: { scanOnPush } };
};

export const setRepositoryPolicy: EcrAction<"SetRepositoryPolicy"> = async (input, ctx) => {
  if (!isPolicyDocument(input.policyText)) throw invalidParameter("Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'");
  const repo = await changeRepository(ctx, input.repositoryName, input.registryId, () => ({ policyText: input.policyText }));
  return { registryId: repo.accountId, repositoryName: repo.name, policyText: input.policyText };
};

const policyNotFound = (repo: EcrRepositoryRecord) =>
  new AwsError("RepositoryPolicyNotFoundException", `Repository policy does not exist for the repository with name '${repo.name}' in the registry with id '${repo.accountId}'`);

export const getRepositoryPolicy: EcrAction<"GetRepositoryPolicy"> = async (input, ctx) => {
  const repo = await requireRepository(ctx, input.repositoryName, input.registryId);
  if (!repo.policyText) throw policyNotFound(repo);
  return { registryId: repo.accountId, repositoryName: repo.name, policyText: repo.policyText };
};

export const deleteRepositoryPolicy: EcrAction<"DeleteRepositoryPolicy"> = async (input, ctx) => {
  const repo = await requireRepository(ctx, input.repositoryName, input.registryId);
  if (!repo.policyText) throw policyNotFound(repo);
  await changeRepository(ctx, repo.name, input.registryId, () => ({ policyText: null }));
  return { registryId: repo.accountId, repositoryName: repo.name, policyText: repo.policyText };
};

export const describeRegistry: EcrAction<"DescribeRegistry"> = async (_input, ctx) => ({
  registryId: ctx.scope.accountId,
  replicationConfiguration: { rules: [] },
});

/** A repository policy as ECR checks it here: a JSON object with a Statement list (IAM's grammar is not checked). */
function isPolicyDocument(text: string): boolean {
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    return !!doc && typeof doc === "object" && !Array.isArray(doc) && (Array.isArray(doc.Statement) || (typeof doc.Statement === "object" && doc.Statement !== null));
  } catch {
    return false;
  }
}
