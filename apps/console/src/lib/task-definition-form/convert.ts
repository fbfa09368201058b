/** The small conversions between API values and form text that to-form.ts and to-definition.ts share. */
import type { KeyValueRow } from "./values.ts";

/** `obj` without its undefined keys. */
export const compact = <T extends object>(obj: T): T =>
  Object.fromEntries(Object.entries(obj).filter(([, value]) => value !== undefined)) as T;

/**
 * `source` with `patch` laid over it: keys the patch sets win, keys it sets to undefined go, keys it
 * does not name stay. Undefined when there was no source and the patch says nothing.
 */
export function overlay<T extends object>(source: T | undefined, patch: Partial<T>): T | undefined {
  const out = compact({ ...source, ...patch });
  return source === undefined && Object.keys(out).length === 0 ? undefined : (out as T);
}

/** A built list or map, or undefined when it is empty, unless the source had it empty too. */
export function nonEmpty<T extends object>(built: T, source: T | undefined): T | undefined {
  if (Object.keys(built).length > 0) return built;
  return source !== undefined && Object.keys(source).length === 0 ? source : undefined;
}

/** An optional API value as the form's text. */
export const text = (value: string | number | undefined): string => (value === undefined ? "" : String(value));

/** Text back to an optional string: blank is absent. */
export const optionalText = (value: string): string | undefined => (value.trim() === "" ? undefined : value.trim());

/** Text back to an optional number: blank is absent, anything else a number (NaN for the schema to reject). */
export const optionalNumber = (value: string): number | undefined => (value.trim() === "" ? undefined : Number(value.trim()));

/** MiB as the console's GB text: 512 → "0.5". */
export const mibToGb = (mib: number | undefined): string => (mib === undefined ? "" : String(mib / 1024));

/** GB text back to MiB: "0.5" → 512 (a non-number stays NaN). */
export function gbToMib(value: string): number | undefined {
  const gb = optionalNumber(value);
  return gb === undefined ? undefined : Math.round(gb * 1024);
}

/** A string map as key/value rows. */
export const toRows = (map: Readonly<Record<string, string>> | undefined): KeyValueRow[] =>
  Object.entries(map ?? {}).map(([key, value]) => ({ key, value }));

/** Key/value rows back to a map; blank rows are left out. */
export const toRecord = (rows: readonly KeyValueRow[]): Record<string, string> =>
  Object.fromEntries(rows.filter((r) => r.key.trim() !== "" || r.value !== "").map((r) => [r.key.trim(), r.value]));
