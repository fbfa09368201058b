/**
 * The service scheduler: level-triggered, it compares each service's desired state with its tasks
 * every second (and at once when poked) and acts on the difference: replaces what stopped or fails
 * its health checks, rolls deployments within their percentages, trips the circuit breaker, and
 * reports what it did as service events.
 */
import { isProtected } from "../ecs/actions/task-protection.ts";
import { ecsArn, serviceGroup, serviceNameOfGroup } from "@stevedore/shared";
import { evaluate, parseExpression, seededRandom, selectTasksToStop, unableToPlaceMessage, type PlacementStrategy } from "@stevedore/scheduler";
import { forAccount, type ActionContext } from "../aws/context.ts";
import type { Deployment, Service, Task as TaskRow } from "../db/client.ts";
import { fromJson } from "../db/json.ts";
import { loadInstances, type InstanceState } from "../ecs/cluster-state.ts";
import { taskDefinitionsByArn } from "../ecs/task-definition-cache.ts";
import { KeyedLock } from "../ecs/keyed-lock.ts";
import { launchTasks, recordRefusedTasks, type LaunchRequest } from "../ecs/launch-tasks.ts";
import type { StrategyItem } from "../ecs/compute.ts";
import type { AwsVpcConfiguration } from "../ecs/network-configuration.ts";
import { stopTasks } from "../ecs/stop-tasks.ts";
import { taskDefinitionView } from "../ecs/views/task-definition.ts";
import { startDeployment } from "./deployments.ts";
import { addEvent, eventText, lastEvent } from "./events.ts";
import { circuitBreakerThreshold, planReplicaStep, throttleDelayMs } from "./plan-replica.ts";
import { planDaemonStep } from "./plan-daemon.ts";
import { servicePlacementRules } from "./placement-rules.ts";
import { background } from "../background.ts";
import { tasksAllowed } from "../workshops/quotas.ts";
import { ServiceTargets } from "./load-balancers.ts";
import { placementSeed } from "../reproducible.ts";

const FAILED_TO_START = "ECS deployment circuit breaker: tasks failed to start.";
/** How long every task must have run before a deployment counts as steady: a task that exits at once never is. */
const STABLE_AFTER_MS = 5_000;
const HEALTH_CHECK_REASON = "Task failed container health checks";
const ELB_HEALTH_CHECK_REASON = "Task failed ELB health checks in";

export const serviceArnFor = (ctx: ActionContext, cluster: string, group: string | null) =>
  serviceNameOfGroup(group) !== undefined ? ecsArn(ctx.scope, `service/${cluster}/${serviceNameOfGroup(group)}`) : undefined;

export class ServiceScheduler {
  private readonly lock = new KeyedLock();
  /**
   * Reconciles waiting for their turn, by service: a reconcile reads everything afresh when it begins,
   * so a burst of pokes (one per task report) while one runs needs only one more after it.
   */
  private readonly queued = new Map<string, Promise<void>>();
  private readonly delayed = new Map<string, NodeJS.Timeout>();
  private timer?: NodeJS.Timeout;
  private ctx?: ActionContext;

  start(ctx: ActionContext, intervalMs = 1000): void {
    this.ctx = ctx;
    this.timer = setInterval(() => background("service scheduler round", this.tick()), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    for (const timer of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
  }

  /**
   * Reconciles one service: at once after an API call; `afterMs` later after a task of it changed, so
   * the reports of many tasks starting or stopping together are acted on together.
   */
  poke(serviceArn: string, afterMs = 0): void {
    const ctx = this.ctx;
    if (!ctx) return;
    if (afterMs <= 0) {
      void this.reconcile(ctx, serviceArn);
      return;
    }
    if (this.delayed.has(serviceArn)) return;
    const timer = setTimeout(() => {
      this.delayed.delete(serviceArn);
      void this.reconcile(ctx, serviceArn);
    }, afterMs);
    this.delayed.set(serviceArn, timer);
  }

  private async tick(): Promise<void> {
    const ctx = this.ctx!;
    const services = await ctx.allAccounts.service.findMany({ where: { status: { in: ["ACTIVE", "DRAINING"] } }, select: { arn: true } });
    await Promise.all(services.map((s) => this.reconcile(ctx, s.arn)));
  }

  private reconcile(ctx: ActionContext, arn: string): Promise<void> {
    const waiting = this.queued.get(arn);
    if (waiting) return waiting;
    const run = this.lock.run(arn, async () => {
      this.queued.delete(arn);
      try {
        // A service is reconciled in its own account, whoever poked it.
        const service = await ctx.allAccounts.service.findUnique({ where: { arn } });
        if (service && service.status !== "INACTIVE") await reconcileService(forAccount(ctx, service.accountId), service);
      } catch (err) {
        console.error(`service scheduler: ${arn}:`, err);
      }
    });
    this.queued.set(arn, run);
    return run;
  }
}

async function reconcileService(ctx: ActionContext, service: Service): Promise<void> {
  const group = serviceGroup(service.name);
  let primary = await ctx.db.deployment.findFirst({ where: { serviceArn: service.arn, status: "PRIMARY" } });
  if (!primary) return;
  let live = await ctx.db.task.findMany({ where: { cluster: service.cluster, group, desiredStatus: { not: "STOPPED" }, lastStatus: { not: "STOPPED" } } });
  const instances = await loadInstances(ctx, service.cluster, { status: ["ACTIVE", "DRAINING"] });
  const defs = await taskDefinitionsByArn(ctx, live.map((t) => t.taskDefinitionArn));
  const targets = await ServiceTargets.load(ctx, service, live, (t) => defs.get(t.taskDefinitionArn)?.networkMode, instances);
  if (targets) {
    // Behind a load balancer: tasks whose targets have drained stop now; RUNNING ones join their target groups.
    const stopped = await targets.finishStops(live);
    if (stopped.length) await addEvent(ctx, service.arn, eventText.stopped(service.name, stopped.map((t) => t.arn)));
    live = live.filter((t) => !stopped.includes(t));
    await targets.registerRunning(live);
  }

  if (service.status === "DRAINING") return drain(ctx, service, live, targets);

  await stopUnhealthy(ctx, service, live);
  if (targets) await stopElbUnhealthy(ctx, service, live, targets);
  primary = await checkCircuitBreaker(ctx, service, primary);
  const healthyLive = live.filter((t) => !(t.healthStatus === "UNHEALTHY" && pastGrace(service, t)));

  if (service.schedulingStrategy === "DAEMON") await reconcileDaemon(ctx, service, primary, healthyLive, instances, targets);
  else await reconcileReplica(ctx, service, primary, healthyLive, instances, targets);
}

const pastGrace = (service: Service, task: TaskRow) =>
  !!task.startedAt && Date.now() - task.startedAt.getTime() >= (service.healthCheckGracePeriodSeconds ?? 0) * 1000;

async function stopUnhealthy(ctx: ActionContext, service: Service, live: TaskRow[]) {
  const unhealthy = live.filter((t) => t.lastStatus === "RUNNING" && t.healthStatus === "UNHEALTHY" && pastGrace(service, t));
  if (unhealthy.length === 0) return;
  await stopTasks(ctx, unhealthy, HEALTH_CHECK_REASON, "ServiceSchedulerInitiated");
  for (const t of unhealthy) await addEvent(ctx, service.arn, eventText.failedHealthChecks(service.name, t.arn));
}

/** Tasks whose targets fail ELB's health checks past the grace period: replaced, deregistered first. */
async function stopElbUnhealthy(ctx: ActionContext, service: Service, live: TaskRow[], targets: ServiceTargets) {
  for (const { task, targetGroupArn, message } of targets.unhealthy(live, (t) => pastGrace(service, t))) {
    await addEvent(ctx, service.arn, message);
    await targets.stopAfterDraining([task], `${ELB_HEALTH_CHECK_REASON} (target-group ${targetGroupArn})`, "ServiceSchedulerInitiated");
  }
}

/** Failed tasks of the PRIMARY deployment: stopped before or while proving themselves. */
async function failedTaskCount(ctx: ActionContext, deployment: Deployment): Promise<number> {
  return ctx.db.task.count({
    where: {
      startedBy: deployment.id,
      lastStatus: "STOPPED",
      OR: [{ stopCode: { in: ["TaskFailedToStart", "EssentialContainerExited"] } }, { stoppedReason: HEALTH_CHECK_REASON }, { stoppedReason: { startsWith: ELB_HEALTH_CHECK_REASON } }],
    },
  });
}

async function checkCircuitBreaker(ctx: ActionContext, service: Service, primary: Deployment): Promise<Deployment> {
  if (primary.rolloutState !== "IN_PROGRESS") return primary;
  const failed = await failedTaskCount(ctx, primary);
  if (failed !== primary.failedTasks) primary = await ctx.db.deployment.update({ where: { id: primary.id }, data: { failedTasks: failed, updatedAt: new Date() } });
  const breaker = fromJson<{ deploymentCircuitBreaker?: { enable: boolean; rollback: boolean } }>(service.deploymentConfiguration, {}).deploymentCircuitBreaker;
  if (!breaker?.enable || service.schedulingStrategy !== "REPLICA" || failed < circuitBreakerThreshold(service.desiredCount)) return primary;
  primary = await ctx.db.deployment.update({ where: { id: primary.id }, data: { rolloutState: "FAILED", rolloutStateReason: FAILED_TO_START, updatedAt: new Date() } });
  await addEvent(ctx, service.arn, eventText.deploymentFailed(service.name, primary.id));
  if (!breaker.rollback) return primary;
  const good = await ctx.db.deployment.findFirst({ where: { serviceArn: service.arn, rolloutState: "COMPLETED" }, orderBy: { createdAt: "desc" } });
  if (!good) return primary;
  const [, , rollback] = await ctx.db.$transaction([
    ctx.db.service.update({ where: { arn: service.arn }, data: { taskDefinitionArn: good.taskDefinitionArn, updatedAt: new Date(), version: { increment: 1 } } }),
    ...startDeployment(ctx, service.arn, good.taskDefinitionArn, service.desiredCount, service.launchType),
  ]);
  await addEvent(ctx, service.arn, eventText.rollingBack(service.name, good.id));
  return rollback;
}

async function placementOf(ctx: ActionContext, service: Service, taskDefinitionArn: string) {
  const defRow = await ctx.db.taskDefinition.findUniqueOrThrow({ where: { arn: taskDefinitionArn } });
  const def = taskDefinitionView(defRow);
  return { def, ...servicePlacementRules(service, def) };
}

async function launch(ctx: ActionContext, service: Service, primary: Deployment, wanted: number, siblings: TaskRow[], instanceIds?: string[]) {
  const { def, strategies, constraints } = await placementOf(ctx, service, primary.taskDefinitionArn);
  // The account's quotas (workshops): as many as they allow start; the rest wait, with ECS's event.
  const quota = tasksAllowed(ctx, def, {}, wanted);
  if (quota.reason) await addEvent(ctx, service.arn, `(service ${service.name}) was unable to place a task. Reason: ${quota.reason}`, true);
  const count = quota.allowed;
  if (count === 0) return;
  const network = fromJson<{ awsvpcConfiguration?: AwsVpcConfiguration }>(service.networkConfiguration, {}).awsvpcConfiguration;
  const request: LaunchRequest = {
    cluster: service.cluster,
    def,
    overrides: {},
    group: serviceGroup(service.name),
    startedBy: primary.id,
    tags: [],
    count,
    strategies,
    constraints,
    ...(instanceIds ? { instanceIds } : {}),
    compute: {
      launchType: service.launchType === "FARGATE" ? "FARGATE" : "EC2",
      strategy: fromJson<StrategyItem[]>(service.capacityProviderStrategy, []),
      ...(service.platformVersion ? { platformVersion: service.platformVersion } : {}),
    },
    ...(network ? { network } : {}),
    siblings,
  };
  const result = await launchTasks(ctx, request);
  if (result.refused) {
    await recordRefusedTasks(ctx, request, result.refused);
    await addEvent(ctx, service.arn, eventText.refused(service.name, result.refused), true);
    return;
  }
  if (result.tasks.length) await addEvent(ctx, service.arn, eventText.started(service.name, result.tasks.map((t) => t.arn)));
  if (result.tasks.length < count && !instanceIds) {
    await addEvent(ctx, service.arn, unableToPlaceMessage(service.name, result.failures), true);
  }
}

async function stopForService(ctx: ActionContext, service: Service, primary: Deployment, tasks: TaskRow[], targets?: ServiceTargets) {
  if (tasks.length === 0) return;
  const reason = `Scaling activity initiated by (deployment ${primary.id})`;
  if (targets) {
    // ECS deregisters first and stops once the targets have drained.
    const fresh = tasks.filter((t) => !targets.leaving(t));
    await targets.stopAfterDraining(tasks, reason, "ServiceSchedulerInitiated");
    if (fresh.length) await addEvent(ctx, service.arn, `(service ${service.name}) has begun draining connections on ${fresh.length} tasks.`);
    return;
  }
  await stopTasks(ctx, tasks, reason, "ServiceSchedulerInitiated");
  await addEvent(ctx, service.arn, eventText.stopped(service.name, tasks.map((t) => t.arn)));
}

/** Exponential backoff after repeated failures when no circuit breaker stops the rollout. */
async function throttled(ctx: ActionContext, service: Service, primary: Deployment): Promise<boolean> {
  const recent = await ctx.db.task.findMany({
    // As ECS documents: only tasks that never reached RUNNING start the throttle.
    where: { startedBy: primary.id, lastStatus: "STOPPED", startedAt: null, stopCode: { in: ["TaskFailedToStart", "EssentialContainerExited"] }, stoppedAt: { gte: new Date(Date.now() - 15 * 60_000) } },
    orderBy: { stoppedAt: "desc" },
    take: 20,
  });
  const wait = throttleDelayMs(recent.length);
  const waiting = wait > 0 && Date.now() - recent[0]!.stoppedAt!.getTime() < wait;
  if (waiting) await addEvent(ctx, service.arn, eventText.cannotStart(service.name), true);
  return waiting;
}

async function reconcileReplica(ctx: ActionContext, service: Service, primary: Deployment, all: TaskRow[], instances: InstanceState[], targets?: ServiceTargets) {
  // Tasks draining from their target groups are on their way out: stopping, not live.
  const leaving = targets ? all.filter((t) => targets.leaving(t)) : [];
  const live = all.filter((t) => !leaving.includes(t));
  const stopping = leaving.length + await ctx.db.task.count({ where: { cluster: service.cluster, group: serviceGroup(service.name), desiredStatus: "STOPPED", lastStatus: { not: "STOPPED" } } });
  const config = fromJson<{ minimumHealthyPercent: number; maximumPercent: number }>(service.deploymentConfiguration, { minimumHealthyPercent: 100, maximumPercent: 200 });
  const draining = new Set(instances.filter((i) => i.row.status === "DRAINING").map((i) => i.row.id));
  const defs = await taskDefinitionsByArn(ctx, live.map((t) => t.taskDefinitionArn));
  const hasHealthCheck = (t: TaskRow) => defs.get(t.taskDefinitionArn)?.containerDefinitions.some((c) => c.essential !== false && c.healthCheck) ?? false;
  const healthy = (t: TaskRow) =>
    t.lastStatus === "RUNNING" && (!hasHealthCheck(t) || t.healthStatus === "HEALTHY" || !pastGrace(service, t)) && (!targets || targets.healthy(t));
  const mayLaunch = primary.rolloutState !== "FAILED" && !(await throttled(ctx, service, primary));
  const plan = planReplicaStep({
    desiredCount: service.desiredCount,
    minimumHealthyPercent: config.minimumHealthyPercent,
    maximumPercent: config.maximumPercent,
    tasks: live.map((t) => ({ id: t.id, primary: t.startedBy === primary.id, healthy: healthy(t), draining: !!t.containerInstanceId && draining.has(t.containerInstanceId) })),
    mayLaunch,
    stopping,
  });
  await stopForService(ctx, service, primary, live.filter((t) => plan.replace.includes(t.id)), targets);
  if (plan.scaleIn > 0) {
    // Protected tasks (UpdateTaskProtection) are not chosen: the service runs above its desired count until their protection ends.
    const candidates = live.filter((t) => t.startedBy === primary.id && !plan.replace.includes(t.id) && !isProtected(t));
    const ids = selectTasksToStop({
      // A Fargate task is its own host.
      tasks: candidates.map((t) => ({ id: t.id, instanceId: t.containerInstanceId ?? t.id, cpu: 0, memory: 0, ...(t.availabilityZone ? { availabilityZone: t.availabilityZone } : {}) })),
      instances: instances.map((i) => i.candidate),
      count: Math.min(plan.scaleIn, candidates.length),
      strategies: fromJson<PlacementStrategy[]>(service.placementStrategy, []),
      random: seededRandom(placementSeed()),
    });
    await stopForService(ctx, service, primary, candidates.filter((t) => ids.includes(t.id)), targets);
  }
  if (plan.start > 0) await launch(ctx, service, primary, plan.start, live);
  if (plan.blocked) await addEvent(ctx, service.arn, eventText.blocked(service.name), true);

  const settled = plan.start === 0 && plan.replace.length === 0 && plan.scaleIn === 0 && !plan.blocked && leaving.length === 0;
  const stable = (t: TaskRow) => healthy(t) && !!t.startedAt && Date.now() - t.startedAt.getTime() >= STABLE_AFTER_MS;
  const allUp = live.length === service.desiredCount && live.every((t) => t.startedBy === primary.id && stable(t));
  if (settled && allUp) await markSteady(ctx, service, primary);
}

async function reconcileDaemon(ctx: ActionContext, service: Service, primary: Deployment, live: TaskRow[], instances: InstanceState[], targets?: ServiceTargets) {
  const { constraints } = await placementOf(ctx, service, primary.taskDefinitionArn);
  const expressions = constraints.filter((c) => c.type === "memberOf" && c.expression).map((c) => parseExpression(c.expression!));
  const plan = planDaemonStep(
    instances.map((i) => ({ id: i.row.id, eligible: i.row.status === "ACTIVE" && expressions.every((e) => evaluate(e, i.candidate)) })),
    live.map((t) => ({ id: t.id, instanceId: t.containerInstanceId, primary: t.startedBy === primary.id, running: t.lastStatus === "RUNNING" })),
  );
  await stopForService(ctx, service, primary, live.filter((t) => plan.stop.includes(t.id)), targets);
  for (const instanceId of plan.launchOn) await launch(ctx, service, primary, 1, live, [instanceId]);
  if (plan.desiredCount !== service.desiredCount || primary.desiredCount !== plan.desiredCount) {
    await ctx.db.$transaction([
      ctx.db.service.update({ where: { arn: service.arn }, data: { desiredCount: plan.desiredCount, version: { increment: 1 } } }),
      ctx.db.deployment.update({ where: { id: primary.id }, data: { desiredCount: plan.desiredCount } }),
    ]);
  }
  if (plan.steady) await markSteady(ctx, service, primary);
}

async function markSteady(ctx: ActionContext, service: Service, primary: Deployment) {
  if (primary.rolloutState === "IN_PROGRESS") {
    await ctx.db.$transaction([
      ctx.db.deployment.update({ where: { id: primary.id }, data: { rolloutState: "COMPLETED", rolloutStateReason: `ECS deployment ${primary.id} completed.`, updatedAt: new Date() } }),
      ctx.db.deployment.updateMany({ where: { serviceArn: service.arn, status: "ACTIVE" }, data: { status: "INACTIVE", updatedAt: new Date() } }),
    ]);
    await addEvent(ctx, service.arn, eventText.deploymentCompleted(service.name, primary.id));
  }
  const last = await lastEvent(ctx, service.arn);
  if (!last?.message.endsWith("has reached a steady state.")) await addEvent(ctx, service.arn, eventText.steadyState(service.name));
}

async function drain(ctx: ActionContext, service: Service, live: TaskRow[], targets?: ServiceTargets) {
  const primary = await ctx.db.deployment.findFirst({ where: { serviceArn: service.arn, status: "PRIMARY" } });
  if (live.length) {
    if (primary) await stopForService(ctx, service, primary, live, targets);
    return;
  }
  const stopping = await ctx.db.task.count({ where: { cluster: service.cluster, group: serviceGroup(service.name), lastStatus: { not: "STOPPED" } } });
  if (stopping > 0) return;
  await ctx.db.$transaction([
    ctx.db.service.update({ where: { arn: service.arn }, data: { status: "INACTIVE", updatedAt: new Date(), version: { increment: 1 } } }),
    ctx.db.deployment.updateMany({ where: { serviceArn: service.arn, status: { in: ["PRIMARY", "ACTIVE"] } }, data: { status: "INACTIVE" } }),
  ]);
}

