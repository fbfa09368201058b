/**
 * Who runs a task, as the notifier wakes agents: its container instance's agent, or for a Fargate
 * task (no container instance) its cluster's Fargate host.
 */
export const fargateHostKey = (cluster: string) => `fargate/${cluster}`;

export const hostKey = (task: { containerInstanceId: string | null; cluster: string }) => task.containerInstanceId ?? fargateHostKey(task.cluster);
