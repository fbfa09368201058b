/**
 * Lifecycle policies: Put/Get/DeleteLifecyclePolicy, and the preview (StartLifecyclePolicyPreview,
 * GetLifecyclePolicyPreview). A preview is the saved run's own evaluation, done at once: it is
 * COMPLETE by the time StartLifecyclePolicyPreview answers.
 */
import { checkLifecyclePolicy, lifecyclePolicyErrorMessage, type LifecyclePolicy } from "@stevedore/shared";
import type { LifecyclePolicyPreviewResult } from "@stevedore/shared/aws/models/ecr";
import { AwsError, invalidParameter } from "../../aws/errors.ts";
import { paginate } from "../../aws/pagination.ts";
import { findPreview, savePreview } from "../../store/ecr-lifecycle.ts";
import { modifyRepository, type EcrRepositoryRecord } from "../../store/ecr-repositories.ts";
import { lifecycleResults } from "../lifecycle/repository-lifecycle.ts";
import type { EcrAction } from "../service.ts";
import { requireRepository } from "./repositories.ts";

function parsePolicy(text: string): LifecyclePolicy {
  const checked = checkLifecyclePolicy(text);
  if (!checked.policy) throw invalidParameter(lifecyclePolicyErrorMessage(checked.issues[0]!));
  return checked.policy;
}

const policyNotFound = (repo: EcrRepositoryRecord) =>
  new AwsError("LifecyclePolicyNotFoundException", `Lifecycle policy does not exist for the repository with name '${repo.name}' in the registry with id '${repo.accountId}'`);

export const putLifecyclePolicy: EcrAction<"PutLifecyclePolicy"> = async (input, ctx) => {
  parsePolicy(input.lifecyclePolicyText);
  const repo = await requireRepository(ctx, input.repositoryName, input.registryId);
  await modifyRepository(ctx.allAccounts, repo.accountId, "private", repo.name, () => ({ lifecyclePolicyText: input.lifecyclePolicyText, lifecyclePolicyUpdatedAt: new Date(), lifecycleEvaluatedAt: null }));
  return { registryId: repo.accountId, repositoryName: repo.name, lifecyclePolicyText: input.lifecyclePolicyText };
};

export const getLifecyclePolicy: EcrAction<"GetLifecyclePolicy"> = async (input, ctx) => {
  const repo = await requireRepository(ctx, input.repositoryName, input.registryId);
  if (!repo.lifecyclePolicyText) throw policyNotFound(repo);
  return {
    registryId: repo.accountId,
    repositoryName: repo.name,
    lifecyclePolicyText: repo.lifecyclePolicyText,
    ...(repo.lifecycleEvaluatedAt ? { lastEvaluatedAt: repo.lifecycleEvaluatedAt } : {}),
  };
};

export const deleteLifecyclePolicy: EcrAction<"DeleteLifecyclePolicy"> = async (input, ctx) => {
  const repo = await requireRepository(ctx, input.repositoryName, input.registryId);
  if (!repo.lifecyclePolicyText) throw policyNotFound(repo);
  await modifyRepository(ctx.allAccounts, repo.accountId, "private", repo.name, () => ({ lifecyclePolicyText: null, lifecyclePolicyUpdatedAt: null, lifecycleEvaluatedAt: null }));
  return {
    registryId: repo.accountId,
    repositoryName: repo.name,
    lifecyclePolicyText: repo.lifecyclePolicyText,
    ...(repo.lifecycleEvaluatedAt ? { lastEvaluatedAt: repo.lifecycleEvaluatedAt } : {}),
  };
};

export const startLifecyclePolicyPreview: EcrAction<"StartLifecyclePolicyPreview"> = async (input, ctx) => {
  const repo = await requireRepository(ctx, input.repositoryName, input.registryId);
  const text = input.lifecyclePolicyText ?? repo.lifecyclePolicyText;
  if (!text) throw policyNotFound(repo);
  const policy = parsePolicy(text);
  const results = await lifecycleResults(ctx.allAccounts, repo, policy, Date.now());
  await savePreview(ctx.allAccounts, { accountId: repo.accountId, repositoryId: repo.id }, { status: "COMPLETE", policyText: text, results });
  return { registryId: repo.accountId, repositoryName: repo.name, lifecyclePolicyText: text, status: "COMPLETE" };
};

export const getLifecyclePolicyPreview: EcrAction<"GetLifecyclePolicyPreview"> = async (input, ctx) => {
  const repo = await requireRepository(ctx, input.repositoryName, input.registryId);
  const preview = await findPreview(ctx.allAccounts, { accountId: repo.accountId, repositoryId: repo.id });
  if (!preview) {
    throw new AwsError("LifecyclePolicyPreviewNotFoundException", `There is no lifecycle policy preview for the repository with name '${repo.name}' in the registry with id '${repo.accountId}'`);
  }
  const status = input.filter?.tagStatus;
  let results = preview.results.filter((r) => (status === "TAGGED" ? r.imageTags.length > 0 : status === "UNTAGGED" ? r.imageTags.length === 0 : true));
  if (input.imageIds) {
    results = results.filter((r) => input.imageIds!.some((id) => (!id.imageDigest || id.imageDigest === r.imageDigest) && (!id.imageTag || r.imageTags.includes(id.imageTag))));
  }
  const { page, nextToken } = paginate(results, input.maxResults ?? 100, input.nextToken, 100);
  const transitions = preview.results.filter((r) => r.action === "transition").length;
  return {
    registryId: repo.accountId,
    repositoryName: repo.name,
    lifecyclePolicyText: preview.policyText,
    status: preview.status as "COMPLETE",
    previewResults: page.map(
      (r): LifecyclePolicyPreviewResult => ({
        imageTags: r.imageTags,
        imageDigest: r.imageDigest,
        imagePushedAt: r.imagePushedAt,
        action: r.action === "expire" ? { type: "EXPIRE" } : { type: "TRANSITION", targetStorageClass: "ARCHIVE" },
        appliedRulePriority: r.appliedRulePriority,
        storageClass: r.storageClass === "archive" ? "ARCHIVE" : "STANDARD",
      }),
    ),
    summary: {
      expiringImageTotalCount: preview.results.length - transitions,
      ...(transitions ? { transitioningImageTotalCounts: [{ targetStorageClass: "ARCHIVE", imageTotalCount: transitions }] } : {}),
    },
    ...(nextToken ? { nextToken } : {}),
  };
};
