/**
 * The virtual machines' lifecycle: a launched instance boots an agent; a terminated one has its
 * tasks stopped by that agent (as a shutdown would), then loses its agent and its registration.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { STOPPED_REASONS } from "@stevedore/shared";
import { forAccount, type ActionContext } from "../aws/context.ts";
import { instanceRoot, type EmbeddedAgents } from "../agents/embedded-agents.ts";
import { launchInstance, type LaunchSpec } from "./instances.ts";
import { newToken } from "../identity/agent-callers.ts";
import { background } from "../background.ts";

const SHUTDOWN_WAIT_MS = 40_000;

export class Fleet {
  private readonly terminating = new Map<string, Promise<boolean>>();
  private closing = false;

  constructor(private readonly agents: EmbeddedAgents) {}

  async launch(ctx: ActionContext, spec: LaunchSpec) {
    const instance = await launchInstance(ctx, spec);
    this.agents.start(instance);
    return instance;
  }

  /** Boots the agents of instances that were running when the server last stopped. */
  async adopt(ctx: ActionContext): Promise<void> {
    for (const found of await ctx.allAccounts.ec2Instance.findMany({ where: { state: "running" } })) {
      // Instances launched before launch tokens get theirs now, so their agents can register again.
      const instance = found.launchToken ? found : await ctx.allAccounts.ec2Instance.update({ where: { id: found.id }, data: { launchToken: newToken() } });
      this.agents.start(instance);
    }
    for (const instance of await ctx.allAccounts.ec2Instance.findMany({ where: { state: "shutting-down" } })) {
      background(`terminating ${instance.id}`, this.terminate(forAccount(ctx, instance.accountId), instance.id));
    }
    for (const instance of await ctx.allAccounts.ec2Instance.findMany({ where: { state: "stopping" } })) {
      background(`stopping ${instance.id}`, this.stop(forAccount(ctx, instance.accountId), instance.id));
    }
  }

  /** Stops an instance (StopInstances): its tasks stop and its agent goes, its disk stays; resolves true once stopped. */
  stop(ctx: ActionContext, instanceId: string): Promise<boolean> {
    const existing = this.terminating.get(instanceId);
    if (existing) return existing;
    const done = this.shutDown(ctx, instanceId, "stop").finally(() => this.terminating.delete(instanceId));
    this.terminating.set(instanceId, done);
    return done;
  }

  /** Starts a stopped instance again (StartInstances): its agent boots and registers anew. */
  async start(ctx: ActionContext, instanceId: string): Promise<void> {
    const instance = await ctx.db.ec2Instance.update({ where: { id: instanceId }, data: { state: "running", lifecycleState: "InService", stateReason: null, launchToken: newToken() } });
    this.agents.start(instance);
  }

  /** Terminates an instance; resolves true once it is gone, false if a server shutdown interrupted it. */
  terminate(ctx: ActionContext, instanceId: string): Promise<boolean> {
    const existing = this.terminating.get(instanceId);
    if (existing) return existing;
    const done = this.shutDown(ctx, instanceId).finally(() => this.terminating.delete(instanceId));
    this.terminating.set(instanceId, done);
    return done;
  }

  /** Stops the agents of these instances (an account's reset): their containers are then the reset's to remove. */
  async stopAgents(instanceIds: readonly string[]): Promise<void> {
    await Promise.all(instanceIds.map((id) => this.agents.stop(id)));
  }

  async settled(): Promise<void> {
    await Promise.all(this.terminating.values());
  }

  /**
   * The server is stopping: terminations in progress stop where they are. The instance stays
   * "shutting-down", and adopt() finishes it at the next start.
   */
  async close(): Promise<void> {
    this.closing = true;
    await this.settled();
  }

  private async shutDown(ctx: ActionContext, instanceId: string, how: "terminate" | "stop" = "terminate"): Promise<boolean> {
    const stopping = how === "stop";
    await ctx.db.ec2Instance.update({ where: { id: instanceId }, data: stopping ? { state: "stopping" } : { state: "shutting-down", lifecycleState: "Terminating" } });
    const containerInstances = await ctx.db.containerInstance.findMany({ where: { ec2InstanceId: instanceId, status: { not: "INACTIVE" } } });
    const ids = containerInstances.map((c) => c.id);
    const reason = STOPPED_REASONS.instanceTerminated(instanceId);
    await ctx.db.task.updateMany({
      where: { containerInstanceId: { in: ids }, desiredStatus: { not: "STOPPED" } },
      data: { desiredStatus: "STOPPED", stoppedReason: reason, stopCode: "TerminationNotice", stoppingAt: new Date() },
    });
    ids.forEach((id) => ctx.notifier.bump(id));
    // Give the agent the time a shutdown gives processes to stop its containers.
    const deadline = Date.now() + SHUTDOWN_WAIT_MS;
    while (Date.now() < deadline && (await ctx.db.task.count({ where: { containerInstanceId: { in: ids }, lastStatus: { not: "STOPPED" } } })) > 0) {
      if (this.closing) return false;
      await new Promise((r) => setTimeout(r, 250));
    }
    if (this.closing) return false;
    await this.agents.stop(instanceId);
    const now = new Date();
    await ctx.db.task.updateMany({
      where: { containerInstanceId: { in: ids }, lastStatus: { not: "STOPPED" } },
      data: { lastStatus: "STOPPED", desiredStatus: "STOPPED", stoppedAt: now, executionStoppedAt: now },
    });
    await ctx.db.containerInstance.updateMany({ where: { id: { in: ids } }, data: { status: "INACTIVE", deregisteredAt: now } });
    for (const cluster of new Set(containerInstances.map((c) => c.cluster))) ctx.clusterStates.noteInstancesChanged(ctx.scope.accountId, cluster);
    if (stopping) {
      await ctx.db.ec2Instance.update({ where: { id: instanceId }, data: { state: "stopped", stateReason: "Client.UserInitiatedShutdown" } });
      return true;
    }
    await ctx.db.ec2Instance.update({ where: { id: instanceId }, data: { state: "terminated", lifecycleState: "Terminated", terminatedAt: now } });
    // A terminated instance's disk goes with it.
    await fs.rm(path.dirname(instanceRoot(ctx.config, instanceId)), { recursive: true, force: true });
    return true;
  }
}
