/**
 * Decoding a RegisterTaskDefinition body with ECS's model: a module apart from the types, so that
 * code needing only the types and task sizes does not load the model (the console's first page).
 */
import { decodeShape, type DecodeIssue } from "./aws/decode.ts";
import { model as ecsModel } from "./aws/models/ecs.model.ts";
import type * as ecs from "./aws/models/ecs.ts";
import type { RegisterTaskDefinitionInput } from "./task-definition.ts";

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
