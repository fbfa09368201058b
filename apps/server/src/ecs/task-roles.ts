/**
 * A task's IAM roles: ECS assumes the execution role (image pulls, awslogs) and hands the task role
 * to the containers, so a task whose roles do not exist fails to launch, in ECS's words. Only that
 * they exist is checked; no permission is evaluated.
 */
import { parseRoleArn, type TaskDefinition } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import { findRole } from "../store/iam.ts";

export const unableToAssume = (arn: string) =>
  `ECS was unable to assume the role '${arn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`;

/** Why ECS could not assume one of the task's roles, or undefined when both exist. */
export async function missingTaskRole(ctx: ActionContext, def: Pick<TaskDefinition, "executionRoleArn" | "taskRoleArn">, taskRoleOverride?: string): Promise<string | undefined> {
  for (const arn of [def.executionRoleArn, taskRoleOverride ?? def.taskRoleArn]) {
    if (!arn) continue;
    const role = parseRoleArn(arn);
    // Only this account's roles are checked: accounts' trust in each other is not modelled, and task
    // definitions copied from the documentation name roles of its example account or a placeholder
    // (`${YOUR_EXECUTION_ROLE}`), which register unchanged and meet the safety policy at launch.
    if (!role || role.accountId !== ctx.scope.accountId) continue;
    const found = await findRole(ctx.allAccounts, role.accountId, role.name);
    if (!found || found.arn !== arn) return unableToAssume(arn);
  }
  return undefined;
}
