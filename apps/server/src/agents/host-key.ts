/**
 * Who runs a task, as the notifier wakes agents: its container instance's agent, or for a Fargate
 * task (no container instance) its cluster's Fargate host.
 */
export const fargateHostKey = ({ accountId, cluster }: { accountId: string; cluster: string }) => `fargate/${accountId}/${cluster}`;

export const hostKey = (task: { containerInstanceId: string | null; accountId: string; cluster: string }) => task.containerInstanceId ?? fargateHostKey(task);
