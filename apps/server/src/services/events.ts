/** Service events in ECS's words, newest first, with ECS's dedupe of repeated messages. */
import { idUuid } from "../reproducible.ts";
import type { ActionContext } from "../aws/context.ts";

const SIX_HOURS_MS = 6 * 60 * 60 * 1000;
const taskId = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);

export const eventText = {
  started: (service: string, arns: string[]) => `(service ${service}) has started ${arns.length} tasks: ${arns.map((a) => `(task ${taskId(a)})`).join(" ")}.`,
  stopped: (service: string, arns: string[]) => `(service ${service}) has stopped ${arns.length} running tasks: ${arns.map((a) => `(task ${taskId(a)})`).join(" ")}.`,
  steadyState: (service: string) => `(service ${service}) has reached a steady state.`,
  deploymentCompleted: (service: string, deployment: string) => `(service ${service}) (deployment ${deployment}) deployment completed.`,
  deploymentFailed: (service: string, deployment: string) => `(service ${service}) (deployment ${deployment}) deployment failed: tasks failed to start.`,
  rollingBack: (service: string, deployment: string) => `(service ${service}) rolling back to deployment ${deployment}.`,
  failedHealthChecks: (service: string, arn: string) => `(service ${service}) (task ${taskId(arn)}) failed container health checks.`,
  blocked: (service: string) =>
    `(service ${service}) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.`,
  refused: (service: string, reason: string) => `(service ${service}) was unable to start tasks: ${reason}`,
  cannotStart: (service: string) =>
    `(service ${service}) is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
};

/**
 * Adds an event. A message that repeats one already given since the last steady state, within six
 * hours, is left out, as ECS omits duplicates until the cause is resolved.
 */
export async function addEvent(ctx: ActionContext, serviceArn: string, message: string, dedupe = false): Promise<void> {
  if (dedupe) {
    const since = new Date(Date.now() - SIX_HOURS_MS);
    const recent = await ctx.db.serviceEvent.findMany({ where: { serviceArn, createdAt: { gte: since } }, orderBy: { createdAt: "desc" }, take: 100 });
    for (const e of recent) {
      if (e.message === message) return;
      if (e.message.endsWith("has reached a steady state.")) break;
    }
  }
  await ctx.db.serviceEvent.create({ data: { id: idUuid("service-event"), serviceArn, message } });
}

export async function lastEvent(ctx: ActionContext, serviceArn: string) {
  return ctx.db.serviceEvent.findFirst({ where: { serviceArn }, orderBy: { createdAt: "desc" } });
}
