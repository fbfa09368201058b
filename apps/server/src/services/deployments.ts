/** Deployments: IDs as ECS writes them, and starting a new PRIMARY that makes the old ones ACTIVE. */
import { idBytes } from "../reproducible.ts";
import type { ActionContext } from "../aws/context.ts";

export function newDeploymentId(): string {
  // Each byte gives a digit (the first 1-9); the small bias of % 10 does not matter for an identifier.
  const bytes = idBytes("deployment", 19);
  const digits = [...bytes].map((b, i) => (i === 0 ? 1 + (b % 9) : b % 10)).join("");
  return `ecs-svc/${digits}`;
}

/**
 * The writes that start a deployment (the PRIMARY one becomes ACTIVE, a new one is PRIMARY), for the
 * caller's transaction: a service never has no PRIMARY deployment, or two.
 */
export function startDeployment(ctx: Pick<ActionContext, "db">, serviceArn: string, taskDefinitionArn: string, desiredCount: number, launchType: string) {
  const id = newDeploymentId();
  return [
    ctx.db.deployment.updateMany({ where: { serviceArn, status: "PRIMARY" }, data: { status: "ACTIVE", updatedAt: new Date() } }),
    ctx.db.deployment.create({
      data: { id, serviceArn, status: "PRIMARY", taskDefinitionArn, desiredCount, launchType, rolloutState: "IN_PROGRESS", rolloutStateReason: `ECS deployment ${id} in progress.` },
    }),
  ] as const;
}
