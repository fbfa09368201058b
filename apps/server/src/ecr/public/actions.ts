/**
 * ECR Public (the ecr-public API): repositories of the account's public registry with their catalog
 * data, its images, and the registry itself, under its alias at `public.ecr.localhost:<port>/<alias>`.
 * Pushes use GetAuthorizationToken's password; pulls need none.
 */
import { ecrPublicRepositoryArn, repositoryNotFoundMessage } from "@stevedore/shared";
import type { ImageDetail, Repository, RepositoryCatalogData, RepositoryCatalogDataInput } from "@stevedore/shared/aws/models/ecrPublic";
import type { ActionContext } from "../../aws/context.ts";
import { AwsError } from "../../aws/errors.ts";
import { paginate } from "../../aws/pagination.ts";
import { listImagesWithTags, type ImageWithTags } from "../../store/ecr-images.ts";
import { deleteImageIds, findById, imageNotFound } from "../actions/images.ts";
import { imageDetailView } from "../views.ts";
import { createRepository as storeRepository, deleteRepository as dropRepository, findRepository, listRepositories, modifyRepository, type EcrRepositoryRecord } from "../../store/ecr-repositories.ts";
import { checkTags } from "../actions/checks.ts";
import { authorizationToken } from "../auth-tokens.ts";
import { publicRegistryAlias } from "../registry-hosts.ts";
import type { EcrPublicAction } from "./service.ts";

const notFound = (name: string, registryId: string) => new AwsError("RepositoryNotFoundException", repositoryNotFoundMessage(name, registryId));

async function requirePublicRepository(ctx: ActionContext, name: string, registryId?: string): Promise<EcrRepositoryRecord> {
  const registry = registryId ?? ctx.scope.accountId;
  const repo = registry === ctx.scope.accountId ? await findRepository(ctx.allAccounts, registry, "public", name) : undefined;
  if (!repo) throw notFound(name, registry);
  return repo;
}

const registryUri = (ctx: ActionContext, accountId: string) => `${ctx.ecr.publicAddress}/${publicRegistryAlias(accountId)}`;

function repositoryView(ctx: ActionContext, repo: EcrRepositoryRecord): Repository {
  return {
    repositoryArn: ecrPublicRepositoryArn(repo.accountId, repo.name),
    registryId: repo.accountId,
    repositoryName: repo.name,
    repositoryUri: `${registryUri(ctx, repo.accountId)}/${repo.name}`,
    createdAt: repo.createdAt,
  };
}

/** Catalog data as ECR Public stores it (the logo image is not kept: there is no gallery to show it). */
function catalogData(input: RepositoryCatalogDataInput | undefined): RepositoryCatalogData {
  const { logoImageBlob: _logo, ...rest } = input ?? {};
  return { ...rest, marketplaceCertified: false };
}

/** ECR Public's image detail: ECR's, less what ECR Public does not report. */
function imageView(repo: EcrRepositoryRecord, image: ImageWithTags): ImageDetail {
  const { registryId, repositoryName, imageDigest, imageTags, imageSizeInBytes, imagePushedAt, imageManifestMediaType, artifactMediaType } = imageDetailView(repo, image);
  return { registryId, repositoryName, imageDigest, imageTags, imageSizeInBytes, imagePushedAt, imageManifestMediaType, artifactMediaType };
}

export const createRepository: EcrPublicAction<"CreateRepository"> = async (input, ctx) => {
  const { accountId, region } = ctx.scope;
  const data = catalogData(input.catalogData);
  const repo = await storeRepository(ctx.allAccounts, { accountId, region, registry: "public", name: input.repositoryName, catalogData: { ...data }, tags: checkTags((input.tags ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" }))) });
  if (!repo) throw new AwsError("RepositoryAlreadyExistsException", `The repository with name '${input.repositoryName}' already exists in the registry with id '${accountId}'`);
  ctx.ecr.publishPublic();
  return { repository: repositoryView(ctx, repo), catalogData: data };
};

export const describeRepositories: EcrPublicAction<"DescribeRepositories"> = async (input, ctx) => {
  const registry = input.registryId ?? ctx.scope.accountId;
  const repos = registry === ctx.scope.accountId ? await listRepositories(ctx.allAccounts, registry, "public", input.repositoryNames) : [];
  for (const name of input.repositoryNames ?? []) if (!repos.some((r) => r.name === name)) throw notFound(name, registry);
  const { page, nextToken } = paginate(repos, input.maxResults ?? 100, input.nextToken, 1000);
  return { repositories: page.map((r) => repositoryView(ctx, r)), ...(nextToken ? { nextToken } : {}) };
};

export const deleteRepository: EcrPublicAction<"DeleteRepository"> = async (input, ctx) => {
  const repo = await requirePublicRepository(ctx, input.repositoryName, input.registryId);
  if ((await dropRepository(ctx.allAccounts, repo, input.force === true)) === "not-empty") {
    throw new AwsError("RepositoryNotEmptyException", `The repository with name '${repo.name}' in registry with id '${repo.accountId}' cannot be deleted because it still contains images`);
  }
  ctx.ecr.gc.collectSoon();
  return { repository: repositoryView(ctx, repo) };
};

export const describeImages: EcrPublicAction<"DescribeImages"> = async (input, ctx) => {
  const repo = await requirePublicRepository(ctx, input.repositoryName, input.registryId);
  const images = await listImagesWithTags(ctx.allAccounts, { accountId: repo.accountId, repositoryId: repo.id });
  const chosen = input.imageIds
    ? input.imageIds.map((id) => {
        const found = findById(images, id);
        if (!found) throw imageNotFound(repo, id);
        return found;
      })
    : images;
  const { page, nextToken } = paginate(chosen, input.maxResults ?? 100, input.nextToken, 1000);
  return { imageDetails: page.map((i) => imageView(repo, i)), ...(nextToken ? { nextToken } : {}) };
};

export const describeImageTags: EcrPublicAction<"DescribeImageTags"> = async (input, ctx) => {
  const repo = await requirePublicRepository(ctx, input.repositoryName, input.registryId);
  const images = await listImagesWithTags(ctx.allAccounts, { accountId: repo.accountId, repositoryId: repo.id });
  const details = images.flatMap(({ image, tags }) =>
    tags.map((imageTag) => ({ imageTag, createdAt: image.pushedAt, imageDetail: { imageDigest: image.digest, imageSizeInBytes: image.sizeInBytes, imagePushedAt: image.pushedAt, imageManifestMediaType: image.mediaType, ...(image.artifactMediaType ? { artifactMediaType: image.artifactMediaType } : {}) } })),
  );
  const { page, nextToken } = paginate(details, input.maxResults ?? 100, input.nextToken, 1000);
  return { imageTagDetails: page, ...(nextToken ? { nextToken } : {}) };
};

export const batchDeleteImage: EcrPublicAction<"BatchDeleteImage"> = async (input, ctx) => {
  const repo = await requirePublicRepository(ctx, input.repositoryName, input.registryId);
  return deleteImageIds(ctx, repo, input.imageIds);
};

export const getAuthorizationToken: EcrPublicAction<"GetAuthorizationToken"> = async (_input, ctx) => {
  const { password, expiresAt } = ctx.ecr.tokens.issue(ctx.scope.accountId, "ecr-public");
  ctx.ecr.publishPublic();
  return { authorizationData: { authorizationToken: authorizationToken(password), expiresAt: new Date(expiresAt) } };
};

export const getRepositoryCatalogData: EcrPublicAction<"GetRepositoryCatalogData"> = async (input, ctx) => {
  const repo = await requirePublicRepository(ctx, input.repositoryName, input.registryId);
  return { catalogData: repo.catalogData as RepositoryCatalogData };
};

export const putRepositoryCatalogData: EcrPublicAction<"PutRepositoryCatalogData"> = async (input, ctx) => {
  const repo = await requirePublicRepository(ctx, input.repositoryName, input.registryId);
  const data = catalogData(input.catalogData);
  await modifyRepository(ctx.allAccounts, repo.accountId, "public", repo.name, () => ({ catalogData: { ...data } }));
  return { catalogData: data };
};

export const describeRegistries: EcrPublicAction<"DescribeRegistries"> = async (_input, ctx) => {
  const { accountId } = ctx.scope;
  const alias = publicRegistryAlias(accountId);
  return {
    registries: [
      {
        registryId: accountId,
        registryArn: `arn:aws:ecr-public::${accountId}:registry/${accountId}`,
        registryUri: registryUri(ctx, accountId),
        verified: false,
        aliases: [{ name: alias, status: "ACTIVE", primaryRegistryAlias: true, defaultRegistryAlias: true }],
      },
    ],
  };
};

export const getRegistryCatalogData: EcrPublicAction<"GetRegistryCatalogData"> = async () => ({ registryCatalogData: {} });
