/** What one placement call asks of every instance, compiled once: the ordered checks and the rankers. */
import type { Check, Rejection } from "./check.ts";
import { constraintChecks } from "./constraints.ts";
import { feasibilityChecks } from "./feasibility.ts";
import type { InstanceState } from "./state.ts";
import { rankers, type Ranker } from "./strategies/ranker.ts";
import type { PlacementFailure, PlacementRequest } from "./types.ts";

export interface Plan {
  /** Feasibility, then constraints in the order given: a failure's checksPassed is its position here. */
  checks: Check[];
  staticChecks: Check[];
  /** What the static checks depend on besides the instance: equal keys, equal answers. */
  staticKey: string;
  rankers: Ranker[];
}

export function compilePlan(request: PlacementRequest): Plan {
  const { demand, constraints } = request;
  const checks = [...feasibilityChecks(demand), ...constraintChecks(constraints, demand.group)];
  return {
    checks,
    staticChecks: checks.filter((c) => c.static),
    staticKey: JSON.stringify([demand.requiresAttributes ?? [], demand.gpus ?? 0, constraints.map((c) => [c.type, c.expression ?? ""])]),
    rankers: rankers(request.strategies, demand.group),
  };
}

export function firstRejection(checks: readonly Check[], s: InstanceState): { rejection: Rejection; checksPassed: number } | undefined {
  for (let i = 0; i < checks.length; i++) {
    const rejection = checks[i]!.run(s);
    if (rejection) return { rejection, checksPassed: i };
  }
  return undefined;
}

/** Why each instance cannot take the next task (called once nothing can). */
export function failures(plan: Plan, states: readonly InstanceState[]): PlacementFailure[] {
  return states.flatMap((s) => {
    const found = firstRejection(plan.checks, s);
    return found ? [{ arn: s.instance.arn, instanceId: s.instance.id, checksPassed: found.checksPassed, ...found.rejection }] : [];
  });
}
