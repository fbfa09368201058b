/**
 * Image tag mutability (image-tag-mutability.html): MUTABLE or IMMUTABLE for every tag of a
 * repository, or either with exclusion filters, wildcard patterns of the tags that take the other
 * setting.
 */
import { tagPatternMatches } from "./lifecycle-policy.ts";

export const TAG_MUTABILITIES = ["MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION"] as const;
export type TagMutability = (typeof TAG_MUTABILITIES)[number];

export interface TagMutabilityExclusionFilter {
  filterType: "WILDCARD";
  filter: string;
}

/** Whether pushing `tag` over an existing tag of that name is refused. */
export function isTagImmutable(mutability: TagMutability, exclusions: readonly TagMutabilityExclusionFilter[], tag: string): boolean {
  const excluded = exclusions.some((f) => tagPatternMatches(f.filter, tag));
  switch (mutability) {
    case "MUTABLE":
      return false;
    case "IMMUTABLE":
      return true;
    case "IMMUTABLE_WITH_EXCLUSION":
      return !excluded;
    case "MUTABLE_WITH_EXCLUSION":
      return excluded;
  }
}

/** ECR's words when a push would move an immutable tag (the API's ImageTagAlreadyExistsException, the registry's TAG_INVALID). */
export const immutableTagMessage = (tag: string, repository: string) =>
  `The image tag '${tag}' already exists in the '${repository}' repository and cannot be overwritten because the repository is immutable.`;
