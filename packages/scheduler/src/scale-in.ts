/**
 * Which tasks a service stops when it scales in, per the docs: spread stops tasks so that the rest
 * "maintain a balance across Availability Zones" (within a zone, at random); binpack stops the task
 * whose instance "has the most available resources left after task termination"; random at random;
 * with no strategy, tasks on instances in the zone with the most of the service's tasks, favouring
 * instances with the most. Strategies apply in order, each breaking the ties of the one before.
 */
import { SERVICE_DEFAULT_STRATEGIES } from "./defaults.ts";
import { spreadValue } from "./strategies/spread.ts";
import type { CandidateInstance, PlacementStrategy, Random } from "./types.ts";

export interface ServiceTask {
  id: string;
  /** The container instance id (CandidateInstance.id) the task runs on. */
  instanceId: string;
  /** What the task reserves (taskReservation). */
  cpu: number;
  memory: number;
  /** A Fargate task's zone: it runs on no instance, so spread by zone reads it from the task. */
  availabilityZone?: string;
}

export interface ScaleInRequest {
  /** The service's tasks that may be stopped. */
  tasks: readonly ServiceTask[];
  /** The cluster's instances: attributes for spread, remaining resources for binpack. */
  instances: readonly CandidateInstance[];
  count: number;
  /** The service's strategies; none means the default (SERVICE_DEFAULT_STRATEGIES). */
  strategies: readonly PlacementStrategy[];
  random: Random;
}

/** The ids of the tasks to stop, in the order chosen. */
export function selectTasksToStop(request: ScaleInRequest): string[] {
  const instances = new Map(request.instances.map((i) => [i.id, i]));
  const strategies = request.strategies.length ? request.strategies : SERVICE_DEFAULT_STRATEGIES;
  let remaining = [...request.tasks];
  // Resources freed on each instance by the tasks chosen so far.
  const freed = new Map<string, { cpu: number; memory: number }>();
  const stopped: string[] = [];
  while (stopped.length < request.count && remaining.length > 0) {
    let ties = remaining;
    for (const strategy of strategies) {
      if (strategy.type === "random") break;
      const score = strategy.type === "spread" ? spreadScore(strategy.field, remaining, instances) : binpackScore(strategy.field, instances, freed);
      ties = keepMax(ties, score);
    }
    const chosen = ties[Math.floor(request.random() * ties.length)]!;
    stopped.push(chosen.id);
    remaining = remaining.filter((t) => t !== chosen);
    const f = freed.get(chosen.instanceId) ?? { cpu: 0, memory: 0 };
    freed.set(chosen.instanceId, { cpu: f.cpu + chosen.cpu, memory: f.memory + chosen.memory });
  }
  return stopped;
}

/** The service's remaining tasks sharing the task's value: stopping from the fullest bucket keeps the best balance. */
function spreadScore(field = "instanceId", tasks: readonly ServiceTask[], instances: Map<string, CandidateInstance>): (t: ServiceTask) => number {
  const value = (t: ServiceTask) => {
    const instance = instances.get(t.instanceId);
    if (instance) return spreadValue(instance, field);
    if (field === "attribute:ecs.availability-zone") return t.availabilityZone;
    return field === "instanceId" || field === "host" ? t.instanceId : undefined;
  };
  const perValue = new Map<string | undefined, number>();
  for (const t of tasks) perValue.set(value(t), (perValue.get(value(t)) ?? 0) + 1);
  return (t) => perValue.get(value(t))!;
}

/** What the task's instance has available once the task (and those already chosen there) is stopped. */
function binpackScore(
  field: string | undefined,
  instances: Map<string, CandidateInstance>,
  freed: Map<string, { cpu: number; memory: number }>,
): (t: ServiceTask) => number {
  const resource = field === "cpu" ? "cpu" : "memory";
  return (t) => (instances.get(t.instanceId)?.remaining[resource] ?? 0) + (freed.get(t.instanceId)?.[resource] ?? 0) + t[resource];
}

function keepMax<T>(items: readonly T[], score: (item: T) => number): T[] {
  let best = -Infinity;
  let kept: T[] = [];
  for (const item of items) {
    const s = score(item);
    if (s > best) (best = s), (kept = [item]);
    else if (s === best) kept.push(item);
  }
  return kept;
}
