/** Where a service's tasks may go: its strategies (ECS's service default when it has none) and its constraints with its definition's. */
import type { PlacementConstraint as DefConstraint, TaskDefinition } from "@stevedore/shared";
import { SERVICE_DEFAULT_STRATEGIES, type PlacementConstraint, type PlacementStrategy } from "@stevedore/scheduler";
import type { Service } from "../db/client.ts";
import { fromJson } from "../db/json.ts";

export function servicePlacementRules(service: Pick<Service, "placementStrategy" | "placementConstraints">, def: Pick<TaskDefinition, "placementConstraints">) {
  const own = fromJson<PlacementStrategy[]>(service.placementStrategy, []);
  const strategies: PlacementStrategy[] = own.length ? own : [...SERVICE_DEFAULT_STRATEGIES];
  const constraints: PlacementConstraint[] = [...fromJson<PlacementConstraint[]>(service.placementConstraints, []), ...((def.placementConstraints ?? []) as DefConstraint[])];
  return { strategies, constraints };
}
