/**
 * How ECR applies a lifecycle policy to a repository's images (LifecyclePolicies.html, "Lifecycle
 * policy evaluation rules"). Pure: the saved policy's run and its preview are this same function.
 *
 * Every rule is evaluated against every image, then the rules act in priority order: a rule acts on
 * its candidates (beyond its image count, or older than its age) except the images a higher-priority
 * rule selected by their tags, whether or not that rule acted on them. An image is acted on by one
 * rule at most. Rules see only the images of their storage class.
 */
import { ruleStorageClass, tagPatternMatches, type LifecycleActionType, type LifecyclePolicy, type LifecycleRule, type StorageClass } from "@stevedore/shared";

export interface LifecycleImage {
  digest: string;
  tags: readonly string[];
  /** Epoch ms: when the image was pushed (when it was last restored, for a restored image). */
  pushedAt: number;
  /** Epoch ms: the last recorded pull; sinceImagePulled falls back to pushedAt. */
  lastPulledAt?: number;
  storageClass: StorageClass;
  /** Epoch ms: when it moved to the archive class. */
  transitionedAt?: number;
}

export interface LifecycleDecision {
  digest: string;
  rulePriority: number;
  action: LifecycleActionType;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the policy does to these images at `now`, in rule priority order. */
export function evaluateLifecyclePolicy(policy: LifecyclePolicy, images: readonly LifecycleImage[], now: number): LifecycleDecision[] {
  const rules = [...policy.rules].sort((a, b) => a.rulePriority - b.rulePriority);
  const decisions: LifecycleDecision[] = [];
  const claimed = new Set<string>();
  for (const rule of rules) {
    const matched = images.filter((image) => image.storageClass === ruleStorageClass(rule) && selectsByTags(rule, image));
    for (const image of candidates(rule, matched, now)) {
      if (!claimed.has(image.digest)) decisions.push({ digest: image.digest, rulePriority: rule.rulePriority, action: rule.action.type });
    }
    for (const image of matched) claimed.add(image.digest);
  }
  return decisions;
}

/** Whether the image passes the rule's tagStatus and tag lists (an image must match every entry of the list). */
export function selectsByTags(rule: LifecycleRule, image: LifecycleImage): boolean {
  const { tagStatus, tagPrefixList, tagPatternList } = rule.selection;
  if (tagStatus === "any") return true;
  if (tagStatus === "untagged") return image.tags.length === 0;
  if (tagPrefixList) return tagPrefixList.every((prefix) => image.tags.some((tag) => tag.startsWith(prefix)));
  return (tagPatternList ?? []).every((pattern) => image.tags.some((tag) => tagPatternMatches(pattern, tag)));
}

function candidates(rule: LifecycleRule, matched: LifecycleImage[], now: number): LifecycleImage[] {
  const { countType, countNumber } = rule.selection;
  if (countType === "imageCountMoreThan") {
    const newestFirst = [...matched].sort((a, b) => since(rule, b) - since(rule, a) || a.digest.localeCompare(b.digest));
    return newestFirst.slice(countNumber);
  }
  const reference = (image: LifecycleImage) =>
    countType === "sinceImagePulled" ? (image.lastPulledAt ?? image.pushedAt) : since(rule, image);
  return matched.filter((image) => now - reference(image) > countNumber * DAY_MS);
}

/** The time images are ordered and aged by: push time, or the move to archive for archive rules. */
const since = (rule: LifecycleRule, image: LifecycleImage) =>
  ruleStorageClass(rule) === "archive" ? (image.transitionedAt ?? image.pushedAt) : image.pushedAt;
