/** Finding the resources an ECS request names, by name, ID or ARN, with ECS's errors when absent. */
import { clusterName, parseTaskDefinitionRef, resourceId } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import { clientException, clusterNotFound, invalidParameter } from "../aws/errors.ts";
import type { Cluster, TaskDefinition as TaskDefinitionRow } from "../db/client.ts";

/**
 * A name, ID or ARN as this account may use it: an ARN of another account or region names nothing
 * here (ECS answers "not found"), even where this account has a resource of the same name.
 */
export function ownRef(ctx: Pick<ActionContext, "scope">, ref: string): string {
  if (!ref.startsWith("arn:")) return ref;
  const [, , , region, account] = ref.split(":");
  return region === ctx.scope.region && account === ctx.scope.accountId ? ref : FOREIGN;
}
/** No resource has this name: names never hold a NUL character. */
const FOREIGN = "\u0000another account's resource";

/** Every ECS action starts here: read on the store's fast path (store/raw-sql.ts). */
export async function requireCluster(ctx: ActionContext, ref: string | undefined): Promise<Cluster> {
  const cluster = ctx.sql.get<Cluster>("Cluster", `SELECT * FROM "Cluster" WHERE "accountId" = ? AND "name" = ?`, [ctx.scope.accountId, clusterName(ref && ownRef(ctx, ref))]);
  if (!cluster || cluster.status === "INACTIVE") throw clusterNotFound();
  return cluster;
}

/** `family`, `family:revision` or an ARN; a bare family means its latest ACTIVE revision. */
export async function requireTaskDefinition(ctx: ActionContext, ref: unknown) {
  if (typeof ref !== "string" || !ref) throw clientException("TaskDefinition can not be blank.");
  const { family, revision } = parseTaskDefinitionRef(ownRef(ctx, ref));
  const row =
    revision !== undefined
      ? ctx.sql.get<TaskDefinitionRow>("TaskDefinition", `SELECT * FROM "TaskDefinition" WHERE "accountId" = ? AND "family" = ? AND "revision" = ?`, [ctx.scope.accountId, family, revision])
      : ctx.sql.get<TaskDefinitionRow>("TaskDefinition", `SELECT * FROM "TaskDefinition" WHERE "accountId" = ? AND "family" = ? AND "status" = 'ACTIVE' ORDER BY "revision" DESC LIMIT 1`, [ctx.scope.accountId, family]);
  if (!row) throw clientException("Unable to describe task definition.");
  return row;
}

export async function requireTask(ctx: ActionContext, cluster: string, ref: unknown) {
  if (typeof ref !== "string" || !ref) throw invalidParameter("Task can not be blank.");
  const task = await ctx.db.task.findFirst({ where: { id: resourceId(ref), cluster } });
  if (!task) throw invalidParameter("The referenced task was not found.");
  return task;
}

export function stringList(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw invalidParameter(`${field} must be a list of strings.`);
  }
  return value as string[];
}

export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidParameter(`${field} must be a string.`);
  return value;
}
