/** Deployments: IDs as ECS writes them, and starting a new PRIMARY that makes the old ones ACTIVE. */
import { randomInt } from "node:crypto";
import type { ActionContext } from "../aws/context.ts";

export function newDeploymentId(): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < 19) digits += String(randomInt(0, 10));
  return `ecs-svc/${digits}`;
}

export async function startDeployment(ctx: ActionContext, serviceArn: string, taskDefinitionArn: string, desiredCount: number, launchType: string) {
  await ctx.db.deployment.updateMany({ where: { serviceArn, status: "PRIMARY" }, data: { status: "ACTIVE", updatedAt: new Date() } });
  const id = newDeploymentId();
  return ctx.db.deployment.create({
    data: { id, serviceArn, status: "PRIMARY", taskDefinitionArn, desiredCount, launchType, rolloutState: "IN_PROGRESS", rolloutStateReason: `ECS deployment ${id} in progress.` },
  });
}
