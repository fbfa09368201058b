/** Finding the resources an ECS request names, by name, ID or ARN, with ECS's errors when absent. */
import { clusterName, parseTaskDefinitionRef, resourceId } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import { clientException, clusterNotFound, invalidParameter } from "../aws/errors.ts";

export async function requireCluster(ctx: ActionContext, ref: string | undefined) {
  const cluster = await ctx.db.cluster.findFirst({ where: { name: clusterName(ref) } });
  if (!cluster || cluster.status === "INACTIVE") throw clusterNotFound();
  return cluster;
}

/** `family`, `family:revision` or an ARN; a bare family means its latest ACTIVE revision. */
export async function requireTaskDefinition(ctx: ActionContext, ref: unknown) {
  if (typeof ref !== "string" || !ref) throw clientException("TaskDefinition can not be blank.");
  const { family, revision } = parseTaskDefinitionRef(ref);
  const row =
    revision !== undefined
      ? await ctx.db.taskDefinition.findUnique({ where: { accountId_family_revision: { accountId: ctx.scope.accountId, family, revision } } })
      : await ctx.db.taskDefinition.findFirst({ where: { family, status: "ACTIVE" }, orderBy: { revision: "desc" } });
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
