/**
 * Step 2: placement constraints, binding where strategies are best effort. distinctInstance keeps one
 * task of the group per instance; memberOf keeps instances matching a cluster query. A memberOf result
 * changes during a call only if its expression reads task:group or runningTasksCount.
 */
import type { Check } from "./check.ts";
import { evaluate, readsPlacementState } from "./query/evaluate.ts";
import { parseExpression } from "./query/parser.ts";
import { groupCount, queryTarget } from "./state.ts";
import type { PlacementConstraint } from "./types.ts";

/** Throws QuerySyntaxError for a malformed (or missing) memberOf expression. */
export function constraintChecks(constraints: readonly PlacementConstraint[], group: string): Check[] {
  return constraints.map((c): Check => {
    if (c.type === "distinctInstance") {
      return { static: false, run: (s) => (groupCount(s, group) > 0 ? { reason: "DistinctInstance placement constraint unsatisfied." } : undefined) };
    }
    const expression = parseExpression(c.expression ?? "");
    return {
      static: !readsPlacementState(expression),
      run: (s) => (evaluate(expression, queryTarget(s, group)) ? undefined : { reason: "MemberOf placement constraint unsatisfied." }),
    };
  });
}
