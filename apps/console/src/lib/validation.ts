/** Form and JSON validation for the console's pages. Pure: unit-tested under apps/console/test. */
import { registerTaskDefinitionSchema, type RegisterTaskDefinitionInput } from "@stevedore/shared";

const NAME = /^[A-Za-z0-9_-]+$/;

/** Cluster name: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores. */
export function validateClusterName(name: string): string | undefined {
  if (name.length === 0) return "Cluster name is required.";
  if (name.length > 255) return "Cluster name must be 255 characters or fewer.";
  if (!NAME.test(name))
    return "Cluster name can contain only letters (uppercase and lowercase), numbers, hyphens, and underscores.";
  return undefined;
}

/** Task definition family: the same alphabet as cluster names. */
export function validateFamily(family: string): string | undefined {
  if (family.length === 0) return "Task definition family is required.";
  if (family.length > 255) return "Task definition family must be 255 characters or fewer.";
  if (!NAME.test(family))
    return "Task definition family can contain only letters (uppercase and lowercase), numbers, hyphens, and underscores.";
  return undefined;
}

export interface CapacityErrors {
  min?: string;
  max?: string;
  desired?: string;
}

const isCount = (v: string) => /^\d+$/.test(v.trim());

/** The ASG's Minimum / Maximum / Desired capacity as the wizard checks them. */
export function validateCapacity(min: string, max: string, desired: string): CapacityErrors {
  const errors: CapacityErrors = {};
  if (!isCount(min)) errors.min = "Minimum must be a whole number, 0 or more.";
  if (!isCount(max)) errors.max = "Maximum must be a whole number, 0 or more.";
  if (!isCount(desired)) errors.desired = "Desired capacity must be a whole number, 0 or more.";
  if (errors.min || errors.max || errors.desired) return errors;
  const [lo, hi, want] = [Number(min), Number(max), Number(desired)];
  if (hi <= 0) errors.max = "In order for the group to scale out, the maximum must be greater than 0.";
  else if (lo > hi) errors.min = "Minimum must be less than or equal to the maximum.";
  if (want < lo || want > hi) errors.desired = "Desired capacity must be between the minimum and the maximum.";
  return errors;
}

/** A path of a zod issue as JS would write it: ["containerDefinitions", 0, "image"] → "containerDefinitions[0].image". */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(root)";
}

export type TaskDefinitionJsonResult =
  | { ok: true; value: RegisterTaskDefinitionInput }
  | { ok: false; errors: string[] };

/**
 * The JSON editor's checks, in the console's order: valid JSON, no extraneous keys, the shared
 * RegisterTaskDefinition schema, a family, and at least one container definition.
 */
export function parseTaskDefinitionJson(text: string): TaskDefinitionJsonResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`The JSON is not valid: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return { ok: false, errors: ["The task definition must be a JSON object."] };

  const result = registerTaskDefinitionSchema.strict().safeParse(raw);
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map((issue) => {
        if (issue.code === "unrecognized_keys")
          return `${formatIssuePath(issue.path)}: Unknown ${issue.keys.length === 1 ? "key" : "keys"} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
        return `${formatIssuePath(issue.path)}: ${issue.message}`;
      }),
    };
  }
  const errors: string[] = [];
  const familyError = validateFamily(result.data.family);
  if (familyError) errors.push(`family: ${familyError}`);
  if (result.data.containerDefinitions.length === 0)
    errors.push("containerDefinitions: At least one container definition is required.");
  return errors.length ? { ok: false, errors } : { ok: true, value: result.data };
}

/** The sample the JSON editor opens with. */
export const SAMPLE_TASK_DEFINITION = {
  family: "sample-web",
  networkMode: "bridge",
  requiresCompatibilities: ["EC2"],
  containerDefinitions: [
    {
      name: "web",
      image: "stevedore/sample-web:latest",
      cpu: 256,
      memory: 128,
      essential: true,
      portMappings: [{ containerPort: 80, hostPort: 0, protocol: "tcp" }],
    },
  ],
};
