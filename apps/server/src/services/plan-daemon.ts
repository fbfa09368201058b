/**
 * One step of a DAEMON service, as a pure decision: a task of the PRIMARY deployment on every eligible
 * instance (ACTIVE, matching the service's memberOf constraints), none elsewhere, none of older
 * deployments. An instance whose old task is still live gets its new one once that task is gone.
 */

export interface DaemonInstance {
  id: string;
  /** ACTIVE and matched by every memberOf constraint. */
  eligible: boolean;
}

export interface DaemonTask {
  id: string;
  instanceId: string | null;
  /** Belongs to the PRIMARY deployment. */
  primary: boolean;
  running: boolean;
}

export interface DaemonPlan {
  /** Tasks on instances that are no longer eligible, then tasks of older deployments. */
  stop: string[];
  /** Eligible instances without any live task: one new task each. */
  launchOn: string[];
  /** The service's desired count: the eligible instances that have or get a PRIMARY task. */
  desiredCount: number;
  /** Nothing to do and every task RUNNING. */
  steady: boolean;
}

export function planDaemonStep(instances: readonly DaemonInstance[], tasks: readonly DaemonTask[]): DaemonPlan {
  const eligible = instances.filter((i) => i.eligible);
  const eligibleIds = new Set(eligible.map((i) => i.id));
  const gone = tasks.filter((t) => t.instanceId === null || !eligibleIds.has(t.instanceId));
  const old = tasks.filter((t) => !t.primary && !gone.includes(t));
  const launchOn = eligible.filter((i) => !tasks.some((t) => t.instanceId === i.id)).map((i) => i.id);
  const desiredCount = eligible.filter((i) => launchOn.includes(i.id) || tasks.some((t) => t.instanceId === i.id && t.primary)).length;
  const stop = [...gone, ...old].map((t) => t.id);
  return { stop, launchOn, desiredCount, steady: launchOn.length === 0 && stop.length === 0 && tasks.every((t) => t.running) };
}
