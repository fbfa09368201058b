/** EC2's TagSpecifications: the tags a create call gives each kind of resource it makes. */
import type { TagSpecification } from "@stevedore/shared/aws/models/ec2";

export interface Ec2Tag {
  Key: string;
  Value: string;
}

export const tagsOf = (specs: TagSpecification[] | undefined, resourceType: string): Ec2Tag[] =>
  (specs ?? []).filter((s) => s.ResourceType === resourceType).flatMap((s) => (s.Tags ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" })));

/** Tags with `added` set (a key's new value replaces its old one). */
export function withTags(tags: readonly Ec2Tag[], added: readonly Ec2Tag[]): Ec2Tag[] {
  const map = new Map(tags.map((t) => [t.Key, t.Value]));
  for (const t of added) map.set(t.Key, t.Value);
  return [...map].map(([Key, Value]) => ({ Key, Value }));
}

/** Tags without `removed`: a key alone removes the tag, a key and value only when the value matches. */
export const withoutTags = (tags: readonly Ec2Tag[], removed: readonly { Key?: string; Value?: string }[] | undefined): Ec2Tag[] =>
  removed === undefined ? [] : tags.filter((t) => !removed.some((r) => r.Key === t.Key && (r.Value === undefined || r.Value === t.Value)));
