/**
 * The RegisterTaskDefinition request as ECS's own API model defines it (aws/models/ecs.ts, generated
 * from AWS's model): one source, used by the server to decode requests (task-definition-decode.ts), by
 * the console's forms and by the tests. A definition that passed decoding names its family, and each
 * container its name and image.
 */
import type * as ecs from "./aws/models/ecs.ts";

export type ContainerDefinition = ecs.ContainerDefinition & { name: string; image: string };
export type RegisterTaskDefinitionInput = Omit<ecs.RegisterTaskDefinitionRequest, "containerDefinitions"> & { containerDefinitions: ContainerDefinition[] };
export type PortMapping = ecs.PortMapping;
export type PlacementConstraint = ecs.PlacementConstraint;

/** A registered revision as DescribeTaskDefinition returns it. */
export interface TaskDefinition extends Omit<RegisterTaskDefinitionInput, "tags"> {
  taskDefinitionArn: string;
  revision: number;
  status: "ACTIVE" | "INACTIVE" | "DELETE_IN_PROGRESS";
  compatibilities: string[];
  requiresAttributes?: { name: string }[];
  registeredAt: number;
  deregisteredAt?: number;
  registeredBy?: string;
}

/**
 * Task size as ECS reads it: "1024", "1 vCPU" or "0.5 vcpu" for cpu; "2048", "2 GB" or "2GB" for
 * memory. Returns units (CPU) or MiB (memory), or undefined when the text is not a size.
 */
export function parseTaskCpu(value: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(vcpu)?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] ? Math.round(n * 1024) : Number.isInteger(n) ? n : undefined;
}

export function parseTaskMemory(value: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(gb|gib|mb|mib)?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]?.toLowerCase();
  if (unit === "gb" || unit === "gib") return Math.round(n * 1024);
  return Number.isInteger(n) ? n : undefined;
}
