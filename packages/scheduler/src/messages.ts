/** The service event ECS writes when no instance can take a service's task, built from placement failures. */
import type { PlacementFailure } from "./types.ts";

const UNABLE = "was unable to place a task because no container instance met all of its requirements.";
const MORE = "For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";

/**
 * The instance that came nearest to taking the task: the one that passed the most checks, then the
 * one short by the least (relative CPU or memory shortfall, fewest clashing ports), then the first.
 * Instances that are not ACTIVE never count: they are not candidates at all.
 */
export function closestMatch(failures: readonly PlacementFailure[]): PlacementFailure | undefined {
  let best: PlacementFailure | undefined;
  for (const f of failures) {
    if (f.reason === "INACTIVE") continue;
    if (!best || f.checksPassed > best.checksPassed || (f.checksPassed === best.checksPassed && shortfall(f) < shortfall(best))) best = f;
  }
  return best;
}

function shortfall(f: PlacementFailure): number {
  if (f.requested !== undefined && f.available !== undefined) return (f.requested - f.available) / Math.max(f.requested, 1);
  return f.ports?.length ?? 0;
}

function problem(f: PlacementFailure): string {
  switch (f.reason) {
    case "RESOURCE:CPU":
      return "has insufficient CPU units available.";
    case "RESOURCE:MEMORY":
      return "has insufficient memory available.";
    case "RESOURCE:PORTS":
      return "is already using a port required by your task.";
    default:
      // The quoted reason keeps its own period: encountered error "MemberOf placement constraint unsatisfied.".
      return `encountered error "${f.reason}".`;
  }
}

/** "(service NAME) was unable to place a task because ... The closest matching (container-instance ID) has insufficient memory available. For more ..." */
export function unableToPlaceMessage(serviceName: string, failures: readonly PlacementFailure[]): string {
  const closest = closestMatch(failures);
  const why = closest
    ? `The closest matching (container-instance ${closest.instanceId}) ${problem(closest)}`
    : "Reason: No Container Instances were found in your cluster.";
  return `(service ${serviceName}) ${UNABLE} ${why} ${MORE}`;
}
