/**
 * One step of a REPLICA service's rolling deployment, as a pure decision: how many PRIMARY tasks to
 * start and which tasks to stop, so that the service never runs more than maximumPercent of its
 * desired count, nor fewer healthy tasks than minimumHealthyPercent.
 */

export interface PlannedTask {
  id: string;
  /** Belongs to the PRIMARY deployment. */
  primary: boolean;
  /** RUNNING and not failing its health checks: counts toward minimumHealthyPercent. */
  healthy: boolean;
  /** On an instance that is DRAINING: to be replaced. */
  draining: boolean;
}

export interface ReplicaState {
  desiredCount: number;
  minimumHealthyPercent: number;
  maximumPercent: number;
  /** Tasks of the service that are not stopped or stopping. */
  tasks: PlannedTask[];
  /** Tasks asked to stop that have not stopped yet: they still count toward maximumPercent. */
  stopping: number;
  /** The PRIMARY deployment may launch tasks (a FAILED rollout may not). */
  mayLaunch: boolean;
}

export interface ReplicaPlan {
  start: number;
  /** Old-deployment or draining tasks to stop for the rollout. */
  replace: string[];
  /** PRIMARY tasks beyond the desired count. */
  scaleIn: number;
  /** Neither starting nor stopping is allowed, though the service is not where it should be. */
  blocked: boolean;
}

export function planReplicaStep(s: ReplicaState): ReplicaPlan {
  const maxTotal = Math.floor((s.desiredCount * s.maximumPercent) / 100);
  const minHealthy = Math.ceil((s.desiredCount * s.minimumHealthyPercent) / 100);
  const keep = s.tasks.filter((t) => t.primary && !t.draining);
  const outgoing = s.tasks.filter((t) => !t.primary || t.draining);

  const scaleIn = Math.max(0, keep.length - s.desiredCount);
  const missing = Math.max(0, s.desiredCount - keep.length);
  const start = s.mayLaunch ? Math.min(missing, Math.max(0, maxTotal - s.tasks.length - s.stopping)) : 0;

  // Outgoing tasks that are not healthy can always go; healthy ones only down to the minimum.
  const healthy = s.tasks.filter((t) => t.healthy).length;
  let spare = healthy - minHealthy;
  const replace: string[] = [];
  for (const t of [...outgoing.filter((x) => !x.healthy), ...outgoing.filter((x) => x.healthy)]) {
    if (t.healthy) {
      if (spare <= 0) break;
      spare--;
    }
    replace.push(t.id);
  }
  const settled = missing === 0 && outgoing.length === 0 && scaleIn === 0;
  // Blocked only when nothing is on its way: no task starting, none stopping, and still no move allowed.
  const inFlight = s.stopping > 0 || s.tasks.some((t) => !t.healthy);
  const blocked = !settled && !inFlight && start === 0 && replace.length === 0 && scaleIn === 0 && s.mayLaunch;
  return { start, replace, scaleIn, blocked };
}

/** Threshold of ECS's deployment circuit breaker: half the desired count, at least 3, at most 200. */
export const circuitBreakerThreshold = (desiredCount: number) => Math.min(200, Math.max(3, Math.ceil(desiredCount / 2)));

/**
 * ECS's throttle on a deployment whose tasks keep failing to start (without a circuit breaker to stop
 * it): after 3 such failures in 15 minutes, wait 5 s, doubling per further failure, up to 15 minutes.
 */
export const throttleDelayMs = (recentFailures: number) => (recentFailures < 3 ? 0 : Math.min(2 ** (recentFailures - 3) * 5_000, 15 * 60_000));
