/**
 * A repository's lifecycle policy against its images: the preview (what the policy would do) and the
 * run (doing it) are the same evaluation. Images an index names are left out: they go with the index.
 */
import { checkLifecyclePolicy, type LifecyclePolicy } from "@stevedore/shared";
import type { Db } from "../../db/client.ts";
import { applyLifecycle, listImagesWithTags, manifestsNamedByIndexes } from "../../store/ecr-images.ts";
import type { EcrRepositoryRecord } from "../../store/ecr-repositories.ts";
import type { PreviewResult } from "../../store/ecr-lifecycle.ts";
import { evaluateLifecyclePolicy, type LifecycleImage } from "./evaluate.ts";

const ref = (repo: EcrRepositoryRecord) => ({ accountId: repo.accountId, repositoryId: repo.id });

/** What `policy` would do to the repository's images at `now`, in rule priority order. */
export async function lifecycleResults(db: Db, repo: EcrRepositoryRecord, policy: LifecyclePolicy, now: number): Promise<PreviewResult[]> {
  const [images, named] = await Promise.all([listImagesWithTags(db, ref(repo)), manifestsNamedByIndexes(db, ref(repo))]);
  const eligible = images.filter(({ image }) => !named.has(image.digest));
  const candidates: LifecycleImage[] = eligible.map(({ image, tags }) => ({
    digest: image.digest,
    tags,
    pushedAt: (image.lastActivatedAt ?? image.pushedAt).getTime(),
    ...(image.lastPulledAt ? { lastPulledAt: image.lastPulledAt.getTime() } : {}),
    storageClass: image.imageStatus === "ARCHIVED" ? ("archive" as const) : ("standard" as const),
    ...(image.lastArchivedAt ? { transitionedAt: image.lastArchivedAt.getTime() } : {}),
  }));
  const byDigest = new Map(eligible.map((e) => [e.image.digest, e]));
  return evaluateLifecyclePolicy(policy, candidates, now).map((d) => {
    const { image, tags } = byDigest.get(d.digest)!;
    const storageClass = image.imageStatus === "ARCHIVED" ? "archive" : "standard";
    return { imageDigest: d.digest, imageTags: tags, imagePushedAt: image.pushedAt, appliedRulePriority: d.rulePriority, action: d.action, storageClass };
  });
}

/** Applies the repository's saved policy; the number of images expired or archived. */
export async function applyRepositoryPolicy(db: Db, repo: EcrRepositoryRecord, now: number): Promise<number> {
  const policy = repo.lifecyclePolicyText ? checkLifecyclePolicy(repo.lifecyclePolicyText).policy : undefined;
  if (!policy) return 0;
  const results = await lifecycleResults(db, repo, policy, now);
  if (!results.length) return 0;
  return applyLifecycle(
    db,
    { ...ref(repo), repositoryName: repo.name },
    results.map((r) => ({ digest: r.imageDigest, rulePriority: r.appliedRulePriority, action: r.action })),
    new Date(now),
  );
}
