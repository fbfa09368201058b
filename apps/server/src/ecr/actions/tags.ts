/** TagResource, UntagResource, ListTagsForResource: a repository's tags, by its ARN. */
import { ecrRepositoryArn } from "@stevedore/shared";
import type { ActionContext } from "../../aws/context.ts";
import { invalidParameter } from "../../aws/errors.ts";
import { modifyRepository } from "../../store/ecr-repositories.ts";
import type { EcrAction } from "../service.ts";
import { checkTags } from "./checks.ts";
import { repositoryNotFound, requireRepository } from "./repositories.ts";

/** The caller's repository an ARN names (arn:aws:ecr:<region>:<account>:repository/<name>). */
async function repositoryOfArn(ctx: ActionContext, arn: string) {
  const m = /^arn:aws:ecr:([a-z0-9-]+):(\d{12}):repository\/(.+)$/.exec(arn);
  if (!m) throw invalidParameter(`Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'`);
  const [, region, account, name] = m as unknown as [string, string, string, string];
  if (region !== ctx.scope.region || ecrRepositoryArn({ region, accountId: account }, name) !== arn) throw repositoryNotFound(name, account);
  return requireRepository(ctx, name, account);
}

export const tagResource: EcrAction<"TagResource"> = async (input, ctx) => {
  const repo = await repositoryOfArn(ctx, input.resourceArn);
  await modifyRepository(ctx.allAccounts, repo.accountId, "private", repo.name, (current) => {
    const keys = new Set(input.tags.map((t) => t.Key));
    return { tags: checkTags([...current.tags.filter((t) => !keys.has(t.Key)), ...input.tags]) };
  });
  return {};
};

export const untagResource: EcrAction<"UntagResource"> = async (input, ctx) => {
  const repo = await repositoryOfArn(ctx, input.resourceArn);
  await modifyRepository(ctx.allAccounts, repo.accountId, "private", repo.name, (current) => ({ tags: current.tags.filter((t) => !input.tagKeys.includes(t.Key)) }));
  return {};
};

export const listTagsForResource: EcrAction<"ListTagsForResource"> = async (input, ctx) => {
  const repo = await repositoryOfArn(ctx, input.resourceArn);
  return { tags: repo.tags };
};
