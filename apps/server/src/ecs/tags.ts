import type { Tag } from "@stevedore/shared";
import { invalidParameter } from "../aws/errors.ts";

/** Tags as ECS accepts them: at most 50, keys 1-128 characters, values up to 256. */
export function validateTags(value: unknown): Tag[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidParameter("tags must be a list.");
  if (value.length > 50) throw invalidParameter("The number of tags exceeds the limit of 50.");
  return value.map((t) => {
    const key = (t as Tag)?.key;
    const val = (t as Tag)?.value;
    if (typeof key !== "string" || key.length < 1 || key.length > 128) throw invalidParameter("Tag keys must be between 1 and 128 characters.");
    if (val !== undefined && (typeof val !== "string" || val.length > 256)) throw invalidParameter("Tag values must be at most 256 characters.");
    return val === undefined ? { key } : { key, value: val };
  });
}
