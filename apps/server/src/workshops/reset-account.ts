/**
 * An account's reset: everything it made goes (clusters, instances, tasks and their containers,
 * services, task definitions, Auto Scaling groups, logs, metrics, repositories and their images),
 * its keys stay, so a student starts a lab again as they are. Its API requests are refused meanwhile.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { AccountContainerSweep } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import { forgetTaskDefinitionsOf } from "../ecs/task-definition-cache.ts";
import type { WorkshopAccountsStore } from "../store/workshop-accounts.ts";

/** A start already under way when the agents stopped may still create a container: swept again until none is left. */
const SWEEPS = 3;
const BETWEEN_SWEEPS_MS = 1_000;

export class AccountResets {
  private readonly resetting = new Set<string>();

  constructor(
    private readonly store: WorkshopAccountsStore,
    private readonly sweep: AccountContainerSweep | undefined,
  ) {}

  /** Whether the account is being reset (its requests wait for the end: they are refused). */
  isResetting(accountId: string): boolean {
    return this.resetting.has(accountId);
  }

  async reset(ctx: ActionContext, accountId: string): Promise<{ containersRemoved: number }> {
    if (this.resetting.has(accountId)) throw new Error(`Account ${accountId} is already being reset.`);
    this.resetting.add(accountId);
    try {
      return await this.wipe(ctx, accountId);
    } finally {
      this.resetting.delete(accountId);
    }
  }

  private async wipe(ctx: ActionContext, accountId: string): Promise<{ containersRemoved: number }> {
    const db = ctx.allAccounts;
    // First nothing of the account runs anew: its agents stop (instances' and Fargate hosts').
    const instances = await db.ec2Instance.findMany({ where: { accountId }, select: { id: true } });
    await ctx.fleet.stopAgents(instances.map((i) => i.id));
    const clusters = await db.cluster.findMany({ where: { accountId }, select: { name: true } });
    const scope = { region: ctx.scope.region, accountId };
    await Promise.all(clusters.map((c) => ctx.fargate.stop({ scope }, c.name)));
    // Then its records, in one transaction: services, groups and capacity providers go with the rest,
    // so the scheduler and managed scaling find nothing of it to act on.
    await this.store.wipe(accountId);
    let containersRemoved = 0;
    for (let pass = 0; this.sweep && pass < SWEEPS; pass++) {
      if (pass) await new Promise((r) => setTimeout(r, BETWEEN_SWEEPS_MS));
      const removed = await this.sweep(accountId);
      containersRemoved += removed;
      if (pass && !removed) break;
    }
    // What a work under way wrote meanwhile (a task report, a scaling activity) goes too.
    await this.store.wipe(accountId);
    await Promise.all([
      ...instances.map((i) => fs.rm(path.join(ctx.config.dataDir, "instances", i.id), { recursive: true, force: true })),
      fs.rm(path.join(ctx.config.dataDir, "fargate", accountId), { recursive: true, force: true }),
      fs.rm(path.join(ctx.config.dataDir, "ecr", accountId), { recursive: true, force: true }),
    ]);
    // The account's load balancers' proxies stop with their records gone.
    ctx.elb.changed();
    await ctx.elb.settled();
    ctx.clusterStates.forgetAccount(accountId);
    forgetTaskDefinitionsOf(ctx, accountId);
    for (const i of instances) ctx.notifier.bump(i.id);
    return { containersRemoved };
  }
}
