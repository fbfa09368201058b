/**
 * The names and user data the Create cluster wizard gives the resources it makes for an EC2 cluster,
 * as the console's CloudFormation template names them. Pure: unit-tested under apps/console/test.
 */

/** Names are at most 255 characters: a long cluster name is shortened to fit around the fixed parts. */
const MAX_NAME = 255;
const fit = (prefix: string, cluster: string, suffix: string) =>
  `${prefix}${cluster.slice(0, MAX_NAME - prefix.length - suffix.length)}${suffix}`;

export const launchConfigurationName = (cluster: string) => fit("EC2ContainerService-", cluster, "-LaunchConfiguration");
export const autoScalingGroupName = (cluster: string) => fit("", cluster, "-ECS-Infra-ECSAutoScalingGroup");
export const capacityProviderName = (cluster: string, suffix: string) => fit("Infra-ECS-Cluster-", cluster, `-${suffix}`);

/** The user data that joins an instance to the cluster. */
export const userDataScript = (cluster: string) => `#!/bin/bash\necho ECS_CLUSTER=${cluster} >> /etc/ecs/ecs.config;`;

/** Base64 of UTF-8 text (btoa exists in browsers and in Node 20). */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** `n` random lowercase hex digits. */
export function randomHex(n: number): string {
  const bytes = new Uint8Array(Math.ceil(n / 2));
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0"))
    .join("")
    .slice(0, n);
}
