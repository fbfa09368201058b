/** What ELB's actions share: tag checks and Marker/PageSize pagination. */
import type { Tag } from "@stevedore/shared/aws/models/elbv2";
import { AwsError } from "../../aws/errors.ts";
import { validation } from "../errors.ts";

export function checkTags(tags: readonly Tag[]): Tag[] {
  if (tags.length > 50) throw new AwsError("TooManyTags", "You've reached the limit on the number of tags for this resource");
  const keys = tags.map((t) => t.Key);
  if (new Set(keys).size !== keys.length) throw new AwsError("DuplicateTagKeys", `Tag key '${keys.find((k, i) => keys.indexOf(k) !== i)}' is duplicated`);
  for (const t of tags) if (t.Key.toLowerCase().startsWith("aws:")) throw validation("Tag keys starting with 'aws:' are reserved for internal use");
  return tags.map((t) => ({ Key: t.Key, Value: t.Value ?? "" }));
}

/** A page of `items` from Marker (the offset it resumes at), PageSize 1-400. */
export function pageOf<T>(items: T[], marker: string | undefined, pageSize: number | undefined): { page: T[]; next?: string } {
  const size = pageSize ?? 400;
  let start = 0;
  if (marker) {
    start = Number(Buffer.from(marker, "base64url").toString("utf8"));
    if (!Number.isInteger(start) || start < 0) throw validation("The marker is not valid");
  }
  const page = items.slice(start, start + size);
  return start + size < items.length ? { page, next: Buffer.from(String(start + size)).toString("base64url") } : { page };
}
