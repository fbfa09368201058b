/**
 * Fargate capacity: a cluster with Fargate tasks gets one agent in this process (its Fargate host)
 * that runs them on the main Docker Engine, each on an address of its own as Fargate gives each task
 * its own network interface. It is started with the cluster's first Fargate task and again when the
 * server starts, and stopped when the cluster is deleted. A host is its account's cluster's.
 */
import { fargateHostArn } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import type { EmbeddedAgents } from "../agents/embedded-agents.ts";
import { fargateHostKey } from "../agents/host-key.ts";
import { newToken } from "../identity/agent-callers.ts";

export interface FargateHost {
  accountId: string;
  cluster: string;
}

export class FargateHosts {
  /** Each host's agent token, by its key: a host gets a new one each time it starts. */
  private readonly tokens = new Map<string, { host: FargateHost; token: string }>();

  constructor(private readonly agents: EmbeddedAgents) {}

  ensure(ctx: Pick<ActionContext, "scope">, cluster: string): void {
    const host = { accountId: ctx.scope.accountId, cluster };
    const key = fargateHostKey(host);
    if (this.agents.has(key)) return;
    const token = newToken();
    this.tokens.set(key, { host, token });
    this.agents.startFargate(host.accountId, cluster, fargateHostArn(ctx.scope, cluster), token);
  }

  /** The host whose agent holds this token. */
  hostOfToken(token: string): FargateHost | undefined {
    for (const entry of this.tokens.values()) if (entry.token === token) return entry.host;
    return undefined;
  }

  /** The cluster is deleted (it has no tasks left): its host goes. */
  stop(ctx: Pick<ActionContext, "scope">, cluster: string): Promise<void> {
    const key = fargateHostKey({ accountId: ctx.scope.accountId, cluster });
    this.tokens.delete(key);
    return this.agents.stop(key);
  }

  /** Starts the hosts of clusters whose Fargate tasks were not done when the server last stopped. */
  async adopt(ctx: ActionContext): Promise<void> {
    const live = await ctx.allAccounts.task.findMany({
      where: { launchType: "FARGATE", lastStatus: { not: "STOPPED" } },
      select: { accountId: true, cluster: true },
      distinct: ["accountId", "cluster"],
    });
    for (const { accountId, cluster } of live) this.ensure({ scope: { region: ctx.scope.region, accountId } }, cluster);
  }
}
