/**
 * The RegisterTaskDefinition request as ECS's own API model defines it (aws/models/ecs.ts, generated
 * from AWS's model): one source, used by the server to decode requests, by the console's forms and by
 * the tests. A definition that passed decoding names its family, and each container its name and image.
 */
import { decodeShape, type DecodeIssue } from "./aws/decode.ts";
import { model as ecsModel } from "./aws/models/ecs.model.ts";
import type * as ecs from "./aws/models/ecs.ts";

export type ContainerDefinition = ecs.ContainerDefinition & { name: string; image: string };
export type RegisterTaskDefinitionInput = Omit<ecs.RegisterTaskDefinitionRequest, "containerDefinitions"> & { containerDefinitions: ContainerDefinition[] };
export type PortMapping = ecs.PortMapping;
export type PlacementConstraint = ecs.PlacementConstraint;

export type RegisterInputResult = { ok: true; value: RegisterTaskDefinitionInput } | { ok: false; issues: DecodeIssue[] };

/**
 * A RegisterTaskDefinition body checked against ECS's model (`strict`: members the model does not name
 * are issues, as the console's JSON editor shows them), then for the names and images ECS requires.
 */
export function decodeRegisterTaskDefinition(raw: unknown, options: { strict?: boolean } = {}): RegisterInputResult {
  const decoded = decodeShape<ecs.RegisterTaskDefinitionRequest>(ecsModel, "RegisterTaskDefinitionRequest", raw, options);
  const containers = (raw as { containerDefinitions?: unknown } | null)?.containerDefinitions;
  const missing: DecodeIssue[] = [];
  (Array.isArray(containers) ? containers : []).forEach((c: unknown, i) => {
    for (const field of ["name", "image"] as const) {
      const value = typeof c === "object" && c !== null ? (c as Record<string, unknown>)[field] : undefined;
      if (value === undefined || value === null) missing.push({ path: `containerDefinitions.${i + 1}.member.${field}`, at: ["containerDefinitions", i, field], value: null, constraint: "Member must not be null" });
    }
  });
  const issues = [...(decoded.ok ? [] : decoded.issues), ...missing];
  return issues.length || !decoded.ok ? { ok: false, issues } : { ok: true, value: decoded.value as RegisterTaskDefinitionInput };
}
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
