/**
 * Places `count` tasks: feasibility, then constraints, then strategies in order, then a seeded random
 * pick among the instances still tied, in instance order. Each placement consumes resources and counts
 * towards its group before the next task. Same answers as reference.ts, without its scans: checks that
 * cannot change are asked once per instance (and remembered across calls, see static-checks.ts), only
 * the instance that took a task is asked again, and the ranking is a scan for a few tasks (RunTask's
 * ten at most, a service's step) or an index kept in rank order for many.
 */
import { compilePlan, failures, firstRejection } from "./plan.ts";
import { RankIndex } from "./rank-index.ts";
import { ScanRanking } from "./scan-ranking.ts";
import { nthOfUnion } from "./sorted.ts";
import { consume, initialStates } from "./state.ts";
import { staticChecker } from "./static-checks.ts";
import type { PlacementRequest, PlacementResult } from "./types.ts";

/** Up to this many tasks, scanning the feasible instances per task beats building the index (bench/placement.bench.ts). */
export const SCAN_UP_TO = 16;

export function placeTasks(request: PlacementRequest): PlacementResult {
  const plan = compilePlan(request);
  const states = initialStates(request.instances);
  const dynamicChecks = plan.checks.filter((c) => !c.static);
  const group = request.demand.group;
  const ranking = request.count <= SCAN_UP_TO ? new ScanRanking(plan.rankers, states, group) : new RankIndex(plan.rankers, states, group);
  const passesStatic = staticChecker(plan);
  for (const s of states) if (passesStatic(s) && !firstRejection(dynamicChecks, s)) ranking.add(s);

  const placements: string[] = [];
  for (let n = 0; n < request.count; n++) {
    const tied = ranking.best();
    if (tied.length === 0) return { placements, failures: failures(plan, states) };
    const total = tied.reduce((sum, members) => sum + members.length, 0);
    const chosen = states[nthOfUnion(tied, Math.floor(request.random() * total))]!;
    consume(chosen, request.demand);
    ranking.placed(chosen, !firstRejection(dynamicChecks, chosen));
    placements.push(chosen.instance.id);
  }
  return { placements, failures: [] };
}
