/** Deployments: IDs as ECS writes them, and starting a new PRIMARY that makes the old ones ACTIVE. */
import { randomInt } from "node:crypto";
import type { ActionContext } from "../aws/context.ts";

export function newDeploymentId(): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < 19) digits += String(randomInt(0, 10));
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
