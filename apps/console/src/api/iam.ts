/**
 * IAM, as far as the console needs it: the account's ecsTaskExecutionRole, which AWS's console creates
 * when a task definition form names it and the account does not have it yet (new accounts start
 * without the ECS roles, as on AWS).
 */
import { AWS_MANAGED_POLICIES, AwsApiError, awsManagedPolicyArn, ECS_TASKS_TRUST_POLICY, iamArn, parseRoleArn } from "@stevedore/shared";
import { callQuery } from "./query-client.ts";

const VERSION = "2010-05-08";
export const TASK_EXECUTION_ROLE = "ecsTaskExecutionRole";
const EXECUTION_POLICY = AWS_MANAGED_POLICIES.find((p) => p.name === "AmazonECSTaskExecutionRolePolicy")!;

export const taskExecutionRoleArn = (accountId: string) => iamArn(accountId, "role", "/", TASK_EXECUTION_ROLE);

/** Creates the account's ecsTaskExecutionRole (trusting ECS tasks, with AWS's execution policy) when `arn` names it and it is missing. */
export async function ensureTaskExecutionRole(arn: string | undefined): Promise<void> {
  const role = arn ? parseRoleArn(arn) : undefined;
  if (!role || role.name !== TASK_EXECUTION_ROLE || arn !== taskExecutionRoleArn(role.accountId)) return;
  try {
    await callQuery("GetRole", VERSION, { RoleName: TASK_EXECUTION_ROLE });
    return;
  } catch (err) {
    if (!(err instanceof AwsApiError) || err.code !== "NoSuchEntity") throw err;
  }
  await callQuery("CreateRole", VERSION, { RoleName: TASK_EXECUTION_ROLE, AssumeRolePolicyDocument: ECS_TASKS_TRUST_POLICY, Description: "Allows ECS tasks to call AWS services on your behalf." });
  await callQuery("AttachRolePolicy", VERSION, { RoleName: TASK_EXECUTION_ROLE, PolicyArn: awsManagedPolicyArn(EXECUTION_POLICY) });
}
