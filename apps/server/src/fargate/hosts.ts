/**
 * Fargate capacity: a cluster with Fargate tasks gets one agent in this process (its Fargate host)
 * that runs them on the main Docker Engine, each on an address of its own as Fargate gives each task
 * its own network interface. It is started with the cluster's first Fargate task and again when the
 * server starts, and stopped when the cluster is deleted.
 */
import { fargateHostArn } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import type { EmbeddedAgents } from "../agents/embedded-agents.ts";
import { fargateHostKey } from "../agents/host-key.ts";
import { newToken } from "../identity/agent-callers.ts";

export class FargateHosts {
  /** Each cluster's host's agent token: a host gets a new one each time it starts. */
  private readonly tokens = new Map<string, string>();

  constructor(private readonly agents: EmbeddedAgents) {}

  ensure(ctx: Pick<ActionContext, "scope">, cluster: string): void {
    if (this.agents.has(fargateHostKey(cluster))) return;
    const token = newToken();
    this.tokens.set(cluster, token);
    this.agents.startFargate(cluster, fargateHostArn(ctx.scope, cluster), token);
  }

  /** The cluster whose Fargate host holds this agent token. */
  clusterOfToken(token: string): string | undefined {
    for (const [cluster, t] of this.tokens) if (t === token) return cluster;
    return undefined;
  }

  /** The cluster is deleted (it has no tasks left): its host goes. */
  stop(cluster: string): Promise<void> {
    this.tokens.delete(cluster);
    return this.agents.stop(fargateHostKey(cluster));
  }

  /** Starts the hosts of clusters whose Fargate tasks were not done when the server last stopped. */
  async adopt(ctx: ActionContext): Promise<void> {
    const live = await ctx.db.task.findMany({ where: { launchType: "FARGATE", lastStatus: { not: "STOPPED" } }, select: { cluster: true }, distinct: ["cluster"] });
    for (const { cluster } of live) this.ensure(ctx, cluster);
  }
}
