/** EC2's Describe* selection: the IDs named (each must exist) and filters (Name, Values: any value). */
import type { Filter } from "@stevedore/shared/aws/models/ec2";
import { AwsError } from "../aws/errors.ts";

export interface IdSelection {
  /** The filter field holding a row's ID. */
  field: string;
  /** EC2's error code and wording for an unknown ID: "The <what> '<id>' does not exist". */
  notFound: string;
  what: string;
}

/** A filter value as EC2 takes it: `*` any characters, `?` one, `\\*` a literal star. */
function valueMatcher(value: string): (field: string) => boolean {
  if (!/[*?]/.test(value)) return (field) => field === value;
  const source = value.replace(/\\([*?\\])|([*?])|([.+^${}()|[\]\\])/g, (_, escaped: string | undefined, wild: string | undefined, special: string | undefined) =>
    escaped ? `\\${escaped}` : wild === "*" ? ".*" : wild === "?" ? "." : `\\${special}`,
  );
  const re = new RegExp(`^${source}$`, "s");
  return (field) => re.test(field);
}

/** A row's filter fields: one value, or several (a row's tags, its security groups). */
export type FilterFields = Record<string, string | string[]>;

export function filterRows<T>(
  request: { ids?: string[] | undefined; filters?: Filter[] | undefined },
  rows: readonly T[],
  fields: (row: T) => FilterFields,
  ids: IdSelection,
): T[] {
  const named = request.ids ?? [];
  for (const id of named) {
    if (!rows.some((r) => String(fields(r)[ids.field]) === id)) throw new AwsError(ids.notFound, `The ${ids.what} '${id}' does not exist`);
  }
  const filters = (request.filters ?? []).map(({ Name, Values }) => ({ name: Name ?? "", matchers: (Values ?? []).map(valueMatcher) }));
  return rows.filter((r) => {
    const f = fields(r);
    const id = f[ids.field];
    if (named.length && !named.includes(String(id))) return false;
    return filters.every(({ name, matchers }) => {
      const value = f[name] ?? "";
      const values = Array.isArray(value) ? value : [value];
      return values.some((v) => matchers.some((m) => m(v)));
    });
  });
}

/** The filter fields of a resource's tags: `tag:<key>`, `tag-key` and `tag-value`. */
export function tagFields(tags: readonly { Key: string; Value: string }[]): FilterFields {
  return {
    ...Object.fromEntries(tags.map((t) => [`tag:${t.Key}`, t.Value])),
    "tag-key": tags.map((t) => t.Key),
    "tag-value": tags.map((t) => t.Value),
  };
}
