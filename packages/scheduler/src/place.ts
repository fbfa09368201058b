/**
 * Places `count` tasks: feasibility, then constraints, then strategies in order, then a seeded random
 * pick among the instances still tied, in instance order. Each placement consumes resources and counts
 * towards its group before the next task. Same answers as reference.ts, without its scans: checks that
 * cannot change are asked once per call, and only the instance that took a task is asked again.
 */
import { compilePlan, failures, firstRejection } from "./plan.ts";
import { RankIndex } from "./rank-index.ts";
import { nthOfUnion } from "./sorted.ts";
import { consume, initialStates } from "./state.ts";
import type { PlacementRequest, PlacementResult } from "./types.ts";

export function placeTasks(request: PlacementRequest): PlacementResult {
  const plan = compilePlan(request);
  const states = initialStates(request.instances);
  const staticChecks = plan.checks.filter((c) => c.static);
  const dynamicChecks = plan.checks.filter((c) => !c.static);
  const index = new RankIndex(plan.rankers, states, request.demand.group);
  for (const s of states) if (!firstRejection(staticChecks, s) && !firstRejection(dynamicChecks, s)) index.add(s);

  const placements: string[] = [];
  for (let n = 0; n < request.count; n++) {
    const tied = index.best();
    if (tied.length === 0) return { placements, failures: failures(plan, states) };
    const total = tied.reduce((sum, members) => sum + members.length, 0);
    const chosen = states[nthOfUnion(tied, Math.floor(request.random() * total))]!;
    consume(chosen, request.demand);
    index.placed(chosen, !firstRejection(dynamicChecks, chosen));
    placements.push(chosen.instance.id);
  }
  return { placements, failures: [] };
}
