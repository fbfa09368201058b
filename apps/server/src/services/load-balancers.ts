/**
 * Services behind load balancers, as ECS runs them: CreateService's `loadBalancers` checked in ECS's
 * words; each task registered in its target groups once RUNNING (its instance and host port in
 * bridge mode, its own address and container port in awsvpc mode); a task counted healthy by a
 * deployment only once its targets are; a task that ECS stops first deregistered, and stopped only
 * once its targets have drained (ECS deregisters, waits for the target to be unused, then stops); a
 * target that fails its health checks past the grace period gets its task replaced.
 */
import type { StopCode } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import { invalidParameter } from "../aws/errors.ts";
import type { InstanceState } from "../ecs/cluster-state.ts";
import { stopTasks } from "../ecs/stop-tasks.ts";
import { deregisterTargets, findTargetGroup, listTargets, registerTargets } from "../store/elb.ts";
import { addEvent } from "./events.ts";
import { healthView } from "../elb/data-plane/health.ts";

/** The columns of a service and a task this module reads (rows as the scheduler has them). */
interface Service {
  arn: string;
  name: string;
  loadBalancers: string;
}
interface TaskRow {
  id: string;
  arn: string;
  accountId: string;
  cluster: string;
  containerInstanceId: string | null;
  desiredStatus: string;
  lastStatus: string;
  launchType: string;
  containers: string;
  bindIP: string | null;
}

function parsed<T>(text: string, fallback: T): T {
  try {
    return (JSON.parse(text) as T) ?? fallback;
  } catch {
    return fallback;
  }
}

export interface ServiceLoadBalancer {
  targetGroupArn?: string;
  loadBalancerName?: string;
  containerName?: string;
  containerPort?: number;
}

interface TaskDefinitionLike {
  networkMode?: string;
  containerDefinitions: ReadonlyArray<{ name?: string; portMappings?: ReadonlyArray<{ containerPort?: number }> }>;
}

const taskId = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);

/** CreateService's check of `loadBalancers` against the task definition and the target groups. */
export async function checkServiceLoadBalancers(ctx: ActionContext, lbs: readonly ServiceLoadBalancer[], def: TaskDefinitionLike): Promise<void> {
  if (lbs.length > 5) throw invalidParameter("A service can have at most 5 load balancers.");
  for (const lb of lbs) {
    if (lb.loadBalancerName) throw invalidParameter("Classic Load Balancers are not supported: use targetGroupArn.");
    if (!lb.targetGroupArn) throw invalidParameter("Target group ARN must be specified for an application load balancer.");
    const tg = await findTargetGroup(ctx.allAccounts, ctx.scope.accountId, lb.targetGroupArn);
    if (!tg) throw invalidParameter(`Unable to find target group: ${lb.targetGroupArn}`);
    const container = def.containerDefinitions.find((c) => c.name === lb.containerName);
    if (!container) throw invalidParameter(`The container ${lb.containerName ?? ""} does not exist in the task definition.`);
    if (!container.portMappings?.some((p) => p.containerPort === lb.containerPort)) throw invalidParameter(`The container ${lb.containerName} did not have a container port ${lb.containerPort ?? ""} defined.`);
    if (def.networkMode === "awsvpc" && tg.targetType !== "ip") {
      throw invalidParameter(`The provided target group ${tg.arn} has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.`);
    }
    if (def.networkMode !== "awsvpc" && tg.targetType === "ip") {
      throw invalidParameter(`The provided target group ${tg.arn} has target type ip, which is incompatible with the ${def.networkMode ?? "bridge"} network mode specified in the task definition.`);
    }
  }
}

export const serviceLoadBalancers = (service: Pick<Service, "loadBalancers">) => parsed<ServiceLoadBalancer[]>(service.loadBalancers, []).filter((lb) => lb.targetGroupArn);

interface TaskTarget {
  targetGroupArn: string;
  targetId: string;
  port: number;
}

/** A task's targets: undefined while its address or host port is not known yet. */
function targetsOf(service: Service, task: TaskRow, networkMode: string | undefined, instances: InstanceState[]): TaskTarget[] | undefined {
  const containers = parsed<Array<{ name: string; networkBindings?: Array<{ containerPort: number; hostPort: number }> }>>(task.containers, []);
  const result: TaskTarget[] = [];
  for (const lb of serviceLoadBalancers(service)) {
    if (networkMode === "awsvpc") {
      if (!task.bindIP) return undefined;
      result.push({ targetGroupArn: lb.targetGroupArn!, targetId: task.bindIP, port: lb.containerPort! });
      continue;
    }
    const instance = instances.find((i) => i.row.id === task.containerInstanceId);
    const binding = containers.find((c) => c.name === lb.containerName)?.networkBindings?.find((b) => b.containerPort === lb.containerPort);
    if (!instance || !binding) return undefined;
    result.push({ targetGroupArn: lb.targetGroupArn!, targetId: instance.row.ec2InstanceId, port: binding.hostPort });
  }
  return result;
}

/** Tasks asked to stop while their targets drain: task id → why. Lost at a restart, when the scheduler decides again. */
const stopsAfterDraining = new Map<string, { reason: string; code: StopCode }>();

export class ServiceTargets {
  private constructor(
    private readonly ctx: ActionContext,
    private readonly service: Service,
    private readonly targets: Map<string, TaskTarget[] | undefined>,
    private readonly registered: Set<string>,
  ) {}

  static async load<T extends TaskRow>(ctx: ActionContext, service: Service, live: readonly T[], networkModeOf: (t: T) => string | undefined, instances: InstanceState[]): Promise<ServiceTargets | undefined> {
    const lbs = serviceLoadBalancers(service);
    if (!lbs.length) return undefined;
    const registered = new Set<string>();
    for (const lb of lbs) for (const t of await listTargets(ctx.allAccounts, ctx.scope.accountId, lb.targetGroupArn)) registered.add(`${t.targetGroupArn}|${t.targetId}|${t.port}|${t.deregisteredAt ? "draining" : "registered"}`);
    const targets = new Map(live.map((t) => [t.id, targetsOf(service, t, networkModeOf(t), instances)]));
    return new ServiceTargets(ctx, service, targets, registered);
  }

  private has(t: TaskTarget, state: "registered" | "draining") {
    return this.registered.has(`${t.targetGroupArn}|${t.targetId}|${t.port}|${state}`);
  }

  /** Whether a task is on its way out (deregistered, draining). */
  leaving(task: TaskRow): boolean {
    return stopsAfterDraining.has(task.id);
  }

  /** Whether a task's targets are all healthy (ECS counts it healthy for a deployment then). */
  healthy(task: TaskRow): boolean {
    const targets = this.targets.get(task.id);
    if (!targets || this.leaving(task)) return false;
    return targets.every((t) => this.has(t, "registered") && this.ctx.elb.inService(t.targetGroupArn, t.targetId, t.port));
  }

  /** Registers RUNNING tasks that are not yet in their target groups. */
  async registerRunning(live: readonly TaskRow[]): Promise<void> {
    for (const task of live) {
      if (task.lastStatus !== "RUNNING" || task.desiredStatus !== "RUNNING" || this.leaving(task)) continue;
      const targets = this.targets.get(task.id);
      if (!targets) continue;
      for (const t of targets) {
        if (this.has(t, "registered") || this.has(t, "draining")) continue;
        await registerTargets(this.ctx.allAccounts, this.ctx.scope.accountId, t.targetGroupArn, [{ targetId: t.targetId, port: t.port }]);
        this.registered.add(`${t.targetGroupArn}|${t.targetId}|${t.port}|registered`);
        await addEvent(this.ctx, this.service.arn, `(service ${this.service.name}) registered 1 targets in (target-group ${t.targetGroupArn})`);
        this.ctx.elb.changed();
      }
    }
  }

  /** Stops tasks as ECS does behind a load balancer: deregister first, stop once drained (finishStops). */
  async stopAfterDraining(tasks: readonly TaskRow[], reason: string, code: StopCode): Promise<void> {
    for (const task of tasks) {
      const targets = (this.targets.get(task.id) ?? []).filter((t) => this.has(t, "registered"));
      if (!stopsAfterDraining.has(task.id)) stopsAfterDraining.set(task.id, { reason, code });
      if (!targets.length) continue;
      for (const t of targets) {
        await deregisterTargets(this.ctx.allAccounts, this.ctx.scope.accountId, t.targetGroupArn, [t]);
        this.registered.delete(`${t.targetGroupArn}|${t.targetId}|${t.port}|registered`);
        this.registered.add(`${t.targetGroupArn}|${t.targetId}|${t.port}|draining`);
        await addEvent(this.ctx, this.service.arn, `(service ${this.service.name}) deregistered 1 targets in (target-group ${t.targetGroupArn})`);
      }
      this.ctx.elb.changed();
    }
  }

  /** Stops the leaving tasks whose targets have drained; the ones stopped. */
  async finishStops<T extends TaskRow>(live: readonly T[]): Promise<T[]> {
    const ready = live.filter((task) => {
      if (!stopsAfterDraining.has(task.id)) return false;
      const targets = this.targets.get(task.id) ?? [];
      return targets.every((t) => !this.has(t, "registered") && !this.has(t, "draining"));
    });
    for (const task of ready) {
      const { reason, code } = stopsAfterDraining.get(task.id)!;
      await stopTasks(this.ctx, [task], reason, code);
      stopsAfterDraining.delete(task.id);
    }
    return ready;
  }

  /** RUNNING tasks whose targets ELB finds unhealthy, with the event ECS gives each. */
  unhealthy<T extends TaskRow>(live: readonly T[], pastGrace: (t: T) => boolean): Array<{ task: T; targetGroupArn: string; message: string }> {
    const found = [];
    for (const task of live) {
      if (task.lastStatus !== "RUNNING" || this.leaving(task) || !pastGrace(task)) continue;
      for (const t of this.targets.get(task.id) ?? []) {
        if (!this.has(t, "registered") || this.ctx.elb.healthOf(t.targetGroupArn, t.targetId, t.port) !== "unhealthy") continue;
        const reason = this.ctx.elb.healthStateOf(t.targetGroupArn, t.targetId, t.port);
        const description = reason ? healthView(reason).Description : "Health checks failed";
        const instance = t.targetId.startsWith("i-") ? ` (instance ${t.targetId})` : "";
        found.push({
          task,
          targetGroupArn: t.targetGroupArn,
          message: `(service ${this.service.name}) (task ${taskId(task.arn)})${instance} (port ${t.port}) is unhealthy in (target-group ${t.targetGroupArn}) due to (reason ${description}).`,
        });
        break;
      }
    }
    return found;
  }
}

/** Forgets the pending stops of tasks that are gone. */
export function forgetStopped(ids: Iterable<string>): void {
  for (const id of ids) stopsAfterDraining.delete(id);
}
