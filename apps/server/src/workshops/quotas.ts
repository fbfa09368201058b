/**
 * Each workshop account's quotas (README "Running a workshop"), in AWS's words when exceeded: EC2's
 * instance limit as RunInstances' InstanceLimitExceeded or a failed Auto Scaling launch, ECS's concurrent task and memory limits as RunTask's
 * LimitExceededException and a service event. The default account has none.
 */
import type { TaskDefinition, TaskOverride } from "@stevedore/shared";
import { taskReservation } from "@stevedore/scheduler";
import type { ActionContext } from "../aws/context.ts";
import { accountQuotas, quotaUsage } from "../store/workshop-accounts.ts";

const TROUBLESHOOTING = "For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";

/** How many more EC2 instances the account may launch (Infinity without a quota). */
export function instancesAllowed(ctx: Pick<ActionContext, "sql" | "scope">, wanted: number): { allowed: number; limit?: number; used?: number } {
  const limit = accountQuotas(ctx.sql, ctx.scope.accountId)?.instances;
  if (limit === null || limit === undefined) return { allowed: wanted };
  const used = quotaUsage(ctx.sql, ctx.scope.accountId).instances;
  return { allowed: Math.max(0, Math.min(wanted, limit - used)), limit, used };
}

/** EC2's InstanceLimitExceeded message, as RunInstances answers it. */
export const instanceLimitText = (requested: number, limit: number) =>
  `You have requested more instances (${requested}) than your current instance limit of ${limit} allows for the specified instance type. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.`;

/** The same, as an Auto Scaling launch that failed on it says. */
export const instanceLimitMessage = (requested: number, limit: number) => `${instanceLimitText(requested, limit)} Launching EC2 instance failed.`;

/**
 * How many of `count` new tasks of `def` the account's quotas let start, and why not all of them
 * (ECS's message for the first limit reached).
 */
export function tasksAllowed(ctx: Pick<ActionContext, "sql" | "scope">, def: TaskDefinition, overrides: TaskOverride, count: number): { allowed: number; reason?: string } {
  const quotas = accountQuotas(ctx.sql, ctx.scope.accountId);
  if (!quotas || (quotas.runningTasks === null && quotas.memoryMiB === null)) return { allowed: count };
  const used = quotaUsage(ctx.sql, ctx.scope.accountId);
  let allowed = count;
  let reason: string | undefined;
  if (quotas.runningTasks !== null && used.liveTasks + allowed > quotas.runningTasks) {
    allowed = Math.max(0, quotas.runningTasks - used.liveTasks);
    reason = `You've reached the limit on the number of tasks you can run concurrently. ${TROUBLESHOOTING}`;
  }
  const memory = taskReservation(def, overrides).memory;
  if (quotas.memoryMiB !== null && memory > 0 && used.memoryMiB + allowed * memory > quotas.memoryMiB) {
    allowed = Math.max(0, Math.floor((quotas.memoryMiB - used.memoryMiB) / memory));
    reason = `You've reached the limit on the amount of memory (${quotas.memoryMiB} MiB) your tasks can reserve concurrently. ${TROUBLESHOOTING}`;
  }
  return { allowed, ...(reason ? { reason } : {}) };
}
