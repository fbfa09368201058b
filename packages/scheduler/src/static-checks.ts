/**
 * The answers to a plan's static checks (status, agent, required attributes, GPUs, memberOf on what a
 * placement cannot change), remembered per instance across calls: a cluster's instances are asked the
 * same questions call after call. Sound because a CandidateInstance is never changed in place: a
 * changed instance is a new object (see types.ts), and the answers go with the old one.
 */
import { firstRejection, type Plan } from "./plan.ts";
import type { InstanceState } from "./state.ts";
import type { CandidateInstance } from "./types.ts";

/** Past this many distinct plans, the answers start over: a bound, not a working size. */
const PLANS = 256;

const answers = new Map<string, WeakMap<CandidateInstance, boolean>>();

/** A function that answers for `plan`, remembering. */
export function staticChecker(plan: Plan): (s: InstanceState) => boolean {
  let known = answers.get(plan.staticKey);
  if (!known) {
    if (answers.size >= PLANS) answers.clear();
    answers.set(plan.staticKey, (known = new WeakMap()));
  }
  const cache = known;
  return (s) => {
    let passes = cache.get(s.instance);
    if (passes === undefined) cache.set(s.instance, (passes = !firstRejection(plan.staticChecks, s)));
    return passes;
  };
}
