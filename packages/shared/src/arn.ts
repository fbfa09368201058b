/** ARNs as ECS, Auto Scaling and EC2 spell them. Pure string functions. */

export interface AwsScope {
  region: string;
  accountId: string;
}

export const ecsArn = (scope: AwsScope, resource: string) =>
  `arn:aws:ecs:${scope.region}:${scope.accountId}:${resource}`;

export const clusterArn = (scope: AwsScope, name: string) => ecsArn(scope, `cluster/${name}`);
export const taskArn = (scope: AwsScope, cluster: string, id: string) => ecsArn(scope, `task/${cluster}/${id}`);
export const containerInstanceArn = (scope: AwsScope, cluster: string, id: string) =>
  ecsArn(scope, `container-instance/${cluster}/${id}`);
/**
 * Fargate has no container instances: the agent that runs a cluster's Fargate tasks polls with this
 * container instance ID, which no listed instance ever has.
 */
export const FARGATE_HOST_ID = "fargate";
export const fargateHostArn = (scope: AwsScope, cluster: string) => containerInstanceArn(scope, cluster, FARGATE_HOST_ID);
export const taskDefinitionArn = (scope: AwsScope, family: string, revision: number) =>
  ecsArn(scope, `task-definition/${family}:${revision}`);
export const containerArn = (scope: AwsScope, cluster: string, id: string) => ecsArn(scope, `container/${cluster}/${id}`);

/** The last path segment of an ARN, or the input itself when it is not an ARN (ECS accepts both). */
export function resourceId(arnOrId: string): string {
  if (!arnOrId.startsWith("arn:")) return arnOrId;
  const resource = arnOrId.split(":").slice(5).join(":");
  return resource.slice(resource.lastIndexOf("/") + 1);
}

/** A cluster given by name or ARN, as every ECS action accepts it. */
export function clusterName(nameOrArn: string | undefined): string {
  if (!nameOrArn) return "default";
  return nameOrArn.startsWith("arn:") ? resourceId(nameOrArn) : nameOrArn;
}

/** `family`, `family:revision` or a task definition ARN, split into its parts. */
export function parseTaskDefinitionRef(ref: string): { family: string; revision?: number } {
  const tail = ref.startsWith("arn:") ? ref.slice(ref.indexOf("task-definition/") + "task-definition/".length) : ref;
  const colon = tail.lastIndexOf(":");
  if (colon < 0) return { family: tail };
  const revision = Number(tail.slice(colon + 1));
  return Number.isInteger(revision) && revision > 0
    ? { family: tail.slice(0, colon), revision }
    : { family: tail };
}

export const autoScalingGroupArn = (scope: AwsScope, name: string, uuid: string) =>
  `arn:aws:autoscaling:${scope.region}:${scope.accountId}:autoScalingGroup:${uuid}:autoScalingGroupName/${name}`;
/** The group name at the end of an Auto Scaling group ARN (the input itself when it is a name). */
export function autoScalingGroupNameFromArn(arn: string): string {
  const marker = "autoScalingGroupName/";
  const i = arn.indexOf(marker);
  return i < 0 ? arn : arn.slice(i + marker.length);
}
export const launchConfigurationArn = (scope: AwsScope, name: string, uuid: string) =>
  `arn:aws:autoscaling:${scope.region}:${scope.accountId}:launchConfiguration:${uuid}:launchConfigurationName/${name}`;
