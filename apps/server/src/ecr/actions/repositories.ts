/** CreateRepository, DescribeRepositories. */
import type { ActionContext } from "../../aws/context.ts";
import { AwsError } from "../../aws/errors.ts";
import { createRepository as storeRepository, findRepository, listRepositories } from "../../store/ecr-repositories.ts";
import type { EcrAction } from "../service.ts";
import { repositoryView } from "../views.ts";

export const repositoryNotFound = (name: string, registryId: string) =>
  new AwsError("RepositoryNotFoundException", `The repository with name '${name}' does not exist in the registry with id '${registryId}'`);

export const createRepository: EcrAction<"CreateRepository"> = async (input, ctx) => {
  const { accountId, region } = ctx.scope;
  const repo = await storeRepository(ctx.db, {
    accountId, region, registry: "private", name: input.repositoryName,
    imageTagMutability: input.imageTagMutability ?? "MUTABLE",
    scanOnPush: input.imageScanningConfiguration?.scanOnPush === true,
  });
  if (!repo) throw new AwsError("RepositoryAlreadyExistsException", `The repository with name '${input.repositoryName}' already exists in the registry with id '${accountId}'`);
  ctx.ecr.publish(accountId);
  return { repository: repositoryView(repo, ctx.ecr) };
};

export const describeRepositories: EcrAction<"DescribeRepositories"> = async (input, ctx) => {
  const { accountId } = ctx.scope;
  const names = input.repositoryNames;
  const repos = await listRepositories(ctx.db, accountId, "private", names);
  for (const name of names ?? []) if (!repos.some((r) => r.name === name)) throw repositoryNotFound(name, accountId);
  return { repositories: repos.map((r) => repositoryView(r, ctx.ecr)) };
};

export async function requireRepository(ctx: ActionContext, name: string) {
  const repo = await findRepository(ctx.db, ctx.scope.accountId, "private", name);
  if (!repo) throw repositoryNotFound(name, ctx.scope.accountId);
  return repo;
}
