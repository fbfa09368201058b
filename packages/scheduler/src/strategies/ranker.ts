/**
 * Step 3: strategies as rankers. ECS applies them in order, each choosing among the ties the one
 * before left, so together they rank instances lexicographically; lower ranks better.
 */
import type { InstanceState } from "../state.ts";
import type { CandidateInstance, PlacementStrategy } from "../types.ts";
import { binpackRanker } from "./binpack.ts";
import { spreadRanker } from "./spread.ts";

export type Ranker =
  /** A rank of the instance's own (binpack: resource left; spread by instance: tasks of the group on it). */
  | { kind: "instance"; key(s: InstanceState): number }
  /** Ranks by the tasks of the group, across the cluster, on instances sharing the instance's value (spread by attribute). */
  | { kind: "bucket"; value(instance: CandidateInstance): string | undefined };

/**
 * The rankers for `strategies`. random picks among the ties so far, as the final tie-break does, so
 * it ends the list: nothing after it can rank a single pick.
 */
export function rankers(strategies: readonly PlacementStrategy[], group: string): Ranker[] {
  const result: Ranker[] = [];
  for (const s of strategies) {
    if (s.type === "random") break;
    result.push(s.type === "binpack" ? binpackRanker(s.field) : spreadRanker(s.field, group));
  }
  return result;
}
