/** Checks ECR makes beyond its model's shapes, shared by its actions. */
import type { TagMutability, TagMutabilityExclusionFilter } from "@stevedore/shared";
import type { Tag } from "@stevedore/shared/aws/models/ecr";
import { AwsError, invalidParameter } from "../../aws/errors.ts";

/** Exclusion filters go with the *_WITH_EXCLUSION settings only, which need at least one. */
export function checkExclusionFilters(mutability: TagMutability, filters: TagMutabilityExclusionFilter[] | undefined): TagMutabilityExclusionFilter[] {
  const withExclusion = mutability.endsWith("_WITH_EXCLUSION");
  if (withExclusion && !filters?.length) throw invalidParameter(`Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'must be specified when imageTagMutability is ${mutability}'`);
  if (!withExclusion && filters?.length) throw invalidParameter(`Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'can only be specified when imageTagMutability is IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION'`);
  return filters ?? [];
}

const MAX_TAGS = 50;

/** Resource tags: keys 1-128 characters, not starting with aws:, at most 50 on a repository. */
export function checkTags(tags: Tag[]): Tag[] {
  for (const t of tags) {
    if (t.Key.toLowerCase().startsWith("aws:")) throw new AwsError("InvalidTagParameterException", "Tag keys cannot start with the reserved prefix 'aws:'");
  }
  if (new Set(tags.map((t) => t.Key)).size !== tags.length) throw new AwsError("InvalidTagParameterException", "Duplicate tag keys are not allowed");
  if (tags.length > MAX_TAGS) throw new AwsError("TooManyTagsException", `The number of tags exceeds the limit of ${MAX_TAGS}`);
  return tags;
}
