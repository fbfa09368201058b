/**
 * Agents as callers: an agent proves which container instance (or Fargate host) it is with the token
 * issued at its registration; an embedded agent registers with its EC2 instance's launch token. Such a
 * caller may do what an agent does (register, report, poll, ship logs and stats), for its own host only.
 */
import { createHash, randomBytes } from "node:crypto";
import { AGENT_TOKEN_HEADER, INSTANCE_TOKEN_HEADER } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import { AuthFailure, type Caller } from "./identities.ts";

/** Which host an agent caller is. */
export interface AgentPrincipal {
  /** The container instance whose agent token it showed. */
  containerInstanceId?: string;
  /** The EC2 instance: from its launch token, or the registered instance's. */
  ec2InstanceId?: string;
  /** A cluster's Fargate host (the caller's account's). */
  fargateCluster?: string;
}

/** The ECS actions an agent calls; anything else is refused to an agent's token. */
export const AGENT_OPERATIONS = new Set(["RegisterContainerInstance", "SubmitTaskStateChange", "SubmitContainerStateChange", "DescribeClusters"]);

export const newToken = () => randomBytes(32).toString("base64url");
export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const v = headers[name];
  return typeof v === "string" && v ? v : undefined;
};

/** The agent caller the headers prove, undefined when they carry no agent token; AuthFailure when a token is not valid. */
export async function agentCaller(ctx: ActionContext, headers: Record<string, string | string[] | undefined>): Promise<Caller | undefined> {
  const agentToken = header(headers, AGENT_TOKEN_HEADER);
  const launchToken = header(headers, INSTANCE_TOKEN_HEADER);
  if (!agentToken && !launchToken) return undefined;
  if (agentToken) {
    // A deregistered instance's token still works: its agent polls to hear that it is deregistered.
    const instance = await ctx.allAccounts.containerInstance.findUnique({ where: { agentTokenHash: tokenHash(agentToken) } });
    if (instance) return agentOf(instance.accountId, { containerInstanceId: instance.id, ec2InstanceId: instance.ec2InstanceId });
    const host = ctx.fargate.hostOfToken(agentToken);
    if (host) return agentOf(host.accountId, { fargateCluster: host.cluster });
  }
  if (launchToken) {
    const ec2 = await ctx.allAccounts.ec2Instance.findFirst({ where: { launchToken, state: { in: ["pending", "running"] } } });
    if (ec2) return agentOf(ec2.accountId, { ec2InstanceId: ec2.id });
  }
  throw new AuthFailure("unknown-key");
}

/** Whether a task runs on the agent's host: its container instance, or its cluster's Fargate host. */
export const runsOn = (agent: AgentPrincipal, task: { containerInstanceId: string | null; cluster: string; launchType: string }) =>
  task.containerInstanceId !== null ? task.containerInstanceId === agent.containerInstanceId : task.launchType === "FARGATE" && task.cluster === agent.fargateCluster;

/** An agent acts in its host's account. */
function agentOf(accountId: string, agent: AgentPrincipal): Caller {
  const session = agent.ec2InstanceId ?? `fargate-${agent.fargateCluster}`;
  return { accountId, arn: `arn:aws:sts::${accountId}:assumed-role/ecsInstanceRole/${session}`, userId: `AROA${session}`, operator: false, agent };
}
