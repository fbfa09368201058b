/** The strategies ECS uses when the caller gives none. */
import type { PlacementStrategy } from "./types.ts";

const AZ_SPREAD: PlacementStrategy = Object.freeze({ type: "spread", field: "attribute:ecs.availability-zone" });
const INSTANCE_SPREAD: PlacementStrategy = Object.freeze({ type: "spread", field: "instanceId" });

/** RunTask API: "the default task placement strategy to distribute tasks randomly across your cluster". */
export const RUN_TASK_DEFAULT_STRATEGIES: readonly PlacementStrategy[] = Object.freeze([Object.freeze<PlacementStrategy>({ type: "random" })]);

/**
 * Services: "the default task placement strategy is spread using the attribute:ecs.availability-zone",
 * and ecs_services.md spells out the rest: among the optimal zones it "favors container instances with
 * the fewest number of running tasks for this service", which is spread(instanceId) breaking AZ ties.
 * Scale-in without a strategy is the mirror image (selectTasksToStop).
 */
export const SERVICE_DEFAULT_STRATEGIES: readonly PlacementStrategy[] = Object.freeze([AZ_SPREAD, INSTANCE_SPREAD]);

/** The new console's RunTask default, its "AZ Balanced Spread" template. */
export const CONSOLE_RUN_TASK_DEFAULT_STRATEGIES: readonly PlacementStrategy[] = SERVICE_DEFAULT_STRATEGIES;
