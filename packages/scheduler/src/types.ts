/** The placement engine's inputs and outputs. Plain data: the caller reads the database, not us. */

export interface Resources {
  cpu: number;
  memory: number;
  /** Host ports in use (static bindings of placed tasks and the agent's reserved ports). */
  tcpPorts: ReadonlySet<number>;
  udpPorts: ReadonlySet<number>;
}

export interface CandidateInstance {
  id: string;
  arn: string;
  status: string;
  agentConnected: boolean;
  /** Built-in (ecs.availability-zone, ecs.instance-type, ...) and custom attributes. */
  attributes: Readonly<Record<string, string | undefined>>;
  remaining: Resources;
  /** Tasks not yet stopped on the instance, per task group. */
  groupCounts: Readonly<Record<string, number>>;
}

export interface TaskDemand {
  cpu: number;
  memory: number;
  tcpPorts: readonly number[];
  udpPorts: readonly number[];
  group: string;
}

export interface PlacementStrategy {
  type: "random" | "spread" | "binpack";
  field?: string;
}

export interface PlacementConstraint {
  type: "distinctInstance" | "memberOf";
  expression?: string;
}

/** A seeded random source in [0, 1): the caller owns the randomness so results replay. */
export type Random = () => number;

export interface PlacementRequest {
  instances: readonly CandidateInstance[];
  demand: TaskDemand;
  count: number;
  strategies: readonly PlacementStrategy[];
  constraints: readonly PlacementConstraint[];
  random: Random;
}

export interface PlacementFailure {
  arn: string;
  reason: "RESOURCE:CPU" | "RESOURCE:MEMORY" | "RESOURCE:PORTS" | "AGENT" | "DistinctInstance placement constraint unsatisfied." | "MemberOf placement constraint unsatisfied." | "INACTIVE";
}

export interface PlacementResult {
  /** One instance id per placed task, in order. */
  placements: string[];
  /** Why each instance was rejected for the first task that could not be placed. */
  failures: PlacementFailure[];
}
