/** The placement engine's inputs and outputs. Plain data: the caller reads the database, not us. */
import type { PlacementConstraint, PlacementStrategy } from "@stevedore/shared";

export interface Resources {
  cpu: number;
  memory: number;
  /** Host ports in use (static bindings of placed tasks and the agent's reserved ports). */
  tcpPorts: ReadonlySet<number>;
  udpPorts: ReadonlySet<number>;
  /** GPUs free on the instance (none of Stevedore's instance types has any). */
  gpus?: number;
}

/** An instance as placement sees it. Never changed in place: a changed instance is a new object (static-checks.ts relies on it). */
export interface CandidateInstance {
  /** The container instance ID (the last part of its ARN): what service events name. */
  id: string;
  arn: string;
  status: string;
  agentConnected: boolean;
  /** Built-in (ecs.availability-zone, ecs.instance-type, ...) and custom attributes; a custom attribute without a value is "". */
  attributes: Readonly<Record<string, string | undefined>>;
  remaining: Resources;
  /** Tasks not yet stopped on the instance, per task group. */
  groupCounts: Readonly<Record<string, number>>;
  /** The query language's subjects. */
  ec2InstanceId: string;
  /** versionInfo.agentVersion, e.g. "1.89.0"; "" when the agent has not reported one. */
  agentVersion: string;
  /** Registration time, epoch milliseconds. */
  registeredAt: number;
  /** Tasks in RUNNING on the instance (ECS's runningTasksCount). */
  runningTasksCount: number;
}

export interface RequiredAttribute {
  name: string;
  /** When set, the instance's attribute must have exactly this value. */
  value?: string;
}

export interface TaskDemand {
  cpu: number;
  memory: number;
  tcpPorts: readonly number[];
  udpPorts: readonly number[];
  group: string;
  /** GPUs the containers ask for (resourceRequirements of type GPU). */
  gpus?: number;
  /** The task definition's requiresAttributes; an instance lacking one is rejected with ATTRIBUTE. */
  requiresAttributes?: readonly RequiredAttribute[];
}

export type { PlacementConstraint, PlacementStrategy };

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

export type PlacementReason =
  | "INACTIVE"
  | "AGENT"
  | "ATTRIBUTE"
  | "RESOURCE:CPU"
  | "RESOURCE:MEMORY"
  | "RESOURCE:PORTS"
  | "RESOURCE:GPU"
  | "DistinctInstance placement constraint unsatisfied."
  | "MemberOf placement constraint unsatisfied.";

/**
 * Why one instance could not take the task. `arn` and `reason` are RunTask's `failures[]` entry; the
 * rest is for the service event's "closest matching" instance and is not part of ECS's Failure shape.
 */
export interface PlacementFailure {
  arn: string;
  reason: PlacementReason;
  instanceId: string;
  /** How many pipeline checks the instance passed before this one (see README, "Pipeline"). */
  checksPassed: number;
  /** For RESOURCE:CPU (units) and RESOURCE:MEMORY (MiB): what the task needs and what the instance has left. */
  requested?: number;
  available?: number;
  /** For RESOURCE:PORTS: the task's host ports already in use on the instance. */
  ports?: number[];
}

export interface PlacementResult {
  /** One instance id per placed task, in order. */
  placements: string[];
  /** Why each instance was rejected for the first task that could not be placed (empty when all were placed). */
  failures: PlacementFailure[];
}
