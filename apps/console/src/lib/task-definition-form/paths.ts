/**
 * Where a form row lands in the RegisterTaskDefinition body, as issue paths are written
 * (formatIssuePath): the form shows an issue next to the field whose path it names.
 */
import type { TaskDefinitionFormValues } from "./values.ts";

export const containerPath = (index: number): string => `containerDefinitions[${index}]`;

/** The position of rows[index] among the rows before it that land in the same list. */
const positionAmong = <T>(rows: readonly T[], index: number, sameList: (a: T, b: T) => boolean): number =>
  rows.slice(0, index).filter((row) => sameList(row, rows[index]!)).length;

/** An environment row of container `c`: `environment[j]` or, for ValueFrom, `secrets[j]`. */
export function environmentPath(values: TaskDefinitionFormValues, c: number, index: number): string {
  const rows = values.containers[c]!.environment;
  const list = rows[index]!.valueType === "value" ? "environment" : "secrets";
  return `${containerPath(c)}.${list}[${positionAmong(rows, index, (a, b) => a.valueType === b.valueType)}]`;
}

/** A row of the Storage section's mount points or volumes from, in its container's list. */
export function storageRowPath(
  values: TaskDefinitionFormValues,
  list: "mountPoints" | "volumesFrom",
  index: number,
): string | undefined {
  const rows: readonly { container: string }[] = values[list];
  const c = values.containers.findIndex((container) => container.key === rows[index]!.container);
  if (c < 0) return undefined;
  return `${containerPath(c)}.${list}[${positionAmong(rows, index, (a, b) => a.container === b.container)}]`;
}
