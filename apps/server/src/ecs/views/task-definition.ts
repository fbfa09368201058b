import type { TaskDefinition } from "@stevedore/shared";
import type { TaskDefinition as TaskDefinitionRow } from "../../db/client.ts";

/** The stored definition carries every registered field; status and dates come from the row. */
export function taskDefinitionView(row: TaskDefinitionRow): TaskDefinition {
  const def = JSON.parse(row.definition) as TaskDefinition;
  return {
    ...def,
    status: row.status as TaskDefinition["status"],
    ...(row.deregisteredAt ? { deregisteredAt: row.deregisteredAt.getTime() / 1000 } : {}),
  };
}
