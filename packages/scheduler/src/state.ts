/**
 * An instance as one placement call sees it: what it had, minus what this call has placed on it so
 * far. Every task of a call is the same task, so a count of placed tasks is all the history needed.
 */
import type { QueryTarget } from "./query/evaluate.ts";
import type { CandidateInstance, TaskDemand } from "./types.ts";

export interface InstanceState {
  /** Position in the request's instance list: the order ties are broken in. */
  readonly index: number;
  readonly instance: CandidateInstance;
  cpu: number;
  memory: number;
  /** Tasks this call has placed here. */
  placed: number;
}

export const initialStates = (instances: readonly CandidateInstance[]): InstanceState[] =>
  instances.map((instance, index) => ({ index, instance, cpu: instance.remaining.cpu, memory: instance.remaining.memory, placed: 0 }));

/** Tasks of `group` on the instance, counting this call's. */
export const groupCount = (s: InstanceState, group: string): number => (s.instance.groupCounts[group] ?? 0) + s.placed;

export function consume(s: InstanceState, demand: TaskDemand): void {
  s.cpu -= demand.cpu;
  s.memory -= demand.memory;
  s.placed++;
}

/**
 * The instance as the query language sees it. Tasks placed by this call count towards task:group and
 * runningTasksCount, so "runningTasksCount == 0" spreads a batch over empty instances.
 */
export function queryTarget(s: InstanceState, group: string): QueryTarget {
  if (s.placed === 0) return s.instance;
  return {
    ...s.instance,
    runningTasksCount: s.instance.runningTasksCount + s.placed,
    groupCounts: { ...s.instance.groupCounts, [group]: groupCount(s, group) },
  };
}
