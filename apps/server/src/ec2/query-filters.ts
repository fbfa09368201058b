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

export function filterRows<T>(
  request: { ids?: string[] | undefined; filters?: Filter[] | undefined },
  rows: readonly T[],
  fields: (row: T) => Record<string, string>,
  ids: IdSelection,
): T[] {
  const named = request.ids ?? [];
  for (const id of named) {
    if (!rows.some((r) => fields(r)[ids.field] === id)) throw new AwsError(ids.notFound, `The ${ids.what} '${id}' does not exist`);
  }
  const filters = request.filters ?? [];
  return rows.filter((r) => {
    const f = fields(r);
    return (named.length === 0 || named.includes(f[ids.field]!)) && filters.every(({ Name, Values }) => (Values ?? []).includes(f[Name ?? ""] ?? ""));
  });
}
