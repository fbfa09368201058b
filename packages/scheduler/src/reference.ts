/**
 * The placement algorithm written as plainly as it reads in the docs: for every task, ask every check
 * of every instance, then narrow the survivors strategy by strategy, recounting spread buckets over the
 * whole cluster, and pick a survivor at random. O(instances) per task; the tests and the benchmark
 * hold place.ts to the same answers.
 */
import { compilePlan, failures, firstRejection } from "./plan.ts";
import { consume, groupCount, initialStates, type InstanceState } from "./state.ts";
import type { Ranker } from "./strategies/ranker.ts";
import type { PlacementRequest, PlacementResult } from "./types.ts";

export function placeTasksReference(request: PlacementRequest): PlacementResult {
  const plan = compilePlan(request);
  const states = initialStates(request.instances);
  const placements: string[] = [];
  for (let n = 0; n < request.count; n++) {
    // Survivors stay in instance order, so the random pick below is the same one place.ts makes.
    let ties = states.filter((s) => !firstRejection(plan.checks, s));
    if (ties.length === 0) return { placements, failures: failures(plan, states) };
    for (const ranker of plan.rankers) ties = keepMin(ties, rankOf(ranker, states, request.demand.group));
    const chosen = ties[Math.floor(request.random() * ties.length)]!;
    consume(chosen, request.demand);
    placements.push(chosen.instance.id);
  }
  return { placements, failures: [] };
}

function rankOf(ranker: Ranker, states: readonly InstanceState[], group: string): (s: InstanceState) => number {
  if (ranker.kind === "instance") return ranker.key;
  const perValue = new Map<string | undefined, number>();
  for (const s of states) {
    const value = ranker.value(s.instance);
    perValue.set(value, (perValue.get(value) ?? 0) + groupCount(s, group));
  }
  return (s) => perValue.get(ranker.value(s.instance))!;
}

function keepMin<T>(items: readonly T[], key: (item: T) => number): T[] {
  let best = Infinity;
  let kept: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (k < best) (best = k), (kept = [item]);
    else if (k === best) kept.push(item);
  }
  return kept;
}
