/** EC2's Describe* selection: the IDs named (each must exist) and `Filter.N` (Name, Value.M: any value). */
import { AwsError } from "../aws/errors.ts";
import type { QueryParams } from "../aws/query-protocol.ts";

export interface IdSelection {
  /** The request's list of IDs, e.g. SubnetId (SubnetId.1, SubnetId.2, ...). */
  param: string;
  /** The filter field holding a row's ID. */
  field: string;
  /** EC2's error code and wording for an unknown ID: "The <what> '<id>' does not exist". */
  notFound: string;
  what: string;
}

export function filterRows<T>(p: QueryParams, rows: readonly T[], fields: (row: T) => Record<string, string>, ids: IdSelection): T[] {
  const named = p.list(ids.param);
  for (const id of named) {
    if (!rows.some((r) => fields(r)[ids.field] === id)) throw new AwsError(ids.notFound, `The ${ids.what} '${id}' does not exist`);
  }
  const filters = p.structs("Filter").map((f) => ({
    name: f.Name ?? "",
    values: Object.entries(f).flatMap(([k, v]) => (k.startsWith("Value.") ? [v] : [])),
  }));
  return rows.filter((r) => {
    const f = fields(r);
    return (named.length === 0 || named.includes(f[ids.field]!)) && filters.every(({ name, values }) => values.includes(f[name] ?? ""));
  });
}
