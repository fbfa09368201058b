/**
 * Task scale-in protection (UpdateTaskProtection, GetTaskProtection): a service's scale-in leaves a
 * protected task alone until its protection expires (2 hours unless asked otherwise, at most 48).
 * Only a service's tasks can be protected, as on ECS.
 */
import { resourceId } from "@stevedore/shared";
import type { EcsAction } from "../service.ts";
import { invalidParameter } from "../../aws/errors.ts";
import type { ActionContext } from "../../aws/context.ts";
import { requireCluster, stringList } from "../lookup.ts";

const DEFAULT_MINUTES = 120;
const MAX_MINUTES = 2880;

type TaskRow = NonNullable<Awaited<ReturnType<ActionContext["db"]["task"]["findFirst"]>>>;

/** Whether the task's protection holds now. */
export const isProtected = (t: Pick<TaskRow, "protectionEnabled" | "protectionExpiresAt">, now = Date.now()) =>
  t.protectionEnabled && (!t.protectionExpiresAt || t.protectionExpiresAt.getTime() > now);

const protectedTask = (t: TaskRow) => ({
  taskArn: t.arn,
  protectionEnabled: isProtected(t),
  ...(isProtected(t) && t.protectionExpiresAt ? { expirationDate: t.protectionExpiresAt } : {}),
});

async function namedTasks(ctx: ActionContext, cluster: string, refs: string[]) {
  const rows = await ctx.db.task.findMany({ where: { cluster, id: { in: refs.map(resourceId) } } });
  const found: TaskRow[] = [];
  const failures: { arn: string; reason: string; detail?: string }[] = [];
  for (const ref of refs) {
    const t = rows.find((r) => r.id === resourceId(ref));
    if (!t) failures.push({ arn: ref, reason: "MISSING" });
    else if (!t.group?.startsWith("service:")) failures.push({ arn: t.arn, reason: "TASK_NOT_VALID", detail: "The task is not part of a service." });
    else if (t.lastStatus === "STOPPED" || t.desiredStatus === "STOPPED") failures.push({ arn: t.arn, reason: "TASK_NOT_VALID", detail: "The task is stopping or stopped." });
    else found.push(t);
  }
  return { found, failures };
}

export const updateTaskProtection: EcsAction<"UpdateTaskProtection"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const refs = stringList(input.tasks, "tasks");
  if (refs.length === 0 || refs.length > 10) throw invalidParameter("tasks must contain between 1 and 10 tasks.");
  const minutes = input.expiresInMinutes ?? DEFAULT_MINUTES;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) throw invalidParameter(`expiresInMinutes must be between 1 and ${MAX_MINUTES}.`);
  const { found, failures } = await namedTasks(ctx, cluster.name, refs);
  const enabled = input.protectionEnabled === true;
  const expiresAt = enabled ? new Date(Date.now() + minutes * 60_000) : null;
  await ctx.db.task.updateMany({ where: { id: { in: found.map((t) => t.id) } }, data: { protectionEnabled: enabled, protectionExpiresAt: expiresAt } });
  return { protectedTasks: found.map((t) => protectedTask({ ...t, protectionEnabled: enabled, protectionExpiresAt: expiresAt })), failures };
};

export const getTaskProtection: EcsAction<"GetTaskProtection"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const refs = stringList(input.tasks, "tasks");
  if (refs.length) {
    const { found, failures } = await namedTasks(ctx, cluster.name, refs);
    return { protectedTasks: found.map(protectedTask), failures };
  }
  const live = await ctx.db.task.findMany({ where: { cluster: cluster.name, desiredStatus: { not: "STOPPED" }, group: { startsWith: "service:" } }, orderBy: { createdAt: "asc" } });
  return { protectedTasks: live.map(protectedTask), failures: [] };
};

/**
 * ListServicesByNamespace: the services whose Service Connect configuration names the namespace.
 * Stevedore has no Cloud Map namespaces nor Service Connect yet, so no service does.
 */
export const listServicesByNamespace: EcsAction<"ListServicesByNamespace"> = async (input) => {
  if (!input.namespace) throw invalidParameter("namespace can not be blank.");
  return { serviceArns: [] };
};
