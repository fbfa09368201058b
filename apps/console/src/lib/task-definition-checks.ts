/**
 * Task definition checks, as the console makes them before RegisterTaskDefinition: the shared schema
 * (no extraneous keys), then the console's own rules. Every issue has the path of its field, so the
 * form can show it there and the JSON editor can name it. Pure: unit-tested under apps/console/test.
 */
import { parseTaskCpu, parseTaskMemory, registerTaskDefinitionSchema, type RegisterTaskDefinitionInput } from "@stevedore/shared";
import { containerIssues, type Issue } from "./container-checks.ts";
import { fargateMemoryOptions, gbLabel, vcpuLabel } from "./task-definition-form/fargate.ts";
import { validateFamily } from "./validation.ts";

export type { Issue };

/** A path of a zod issue as JS would write it: ["containerDefinitions", 0, "image"] → "containerDefinitions[0].image". */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(root)";
}

type SchemaIssue = NonNullable<ReturnType<typeof registerTaskDefinitionSchema.safeParse>["error"]>["issues"][number];

/** A schema issue in the words of a form: "Enter a number." rather than "expected number, received NaN". */
function issueMessage(issue: SchemaIssue): string {
  if (issue.code === "unrecognized_keys")
    return `Unknown ${issue.keys.length === 1 ? "key" : "keys"} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "invalid_type" && issue.expected === "int") return "Enter a whole number.";
  if (issue.code === "invalid_type" && issue.message.endsWith("received NaN")) return "Enter a number.";
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) return "Required.";
  if (issue.code === "too_small" && issue.origin === "string" && issue.minimum === 1) return "Required.";
  return issue.message;
}

export type CheckResult = { ok: true; value: RegisterTaskDefinitionInput } | { ok: false; issues: Issue[] };

/** The shared schema, strict: what the form can show and the server takes. */
export function parseRegisterInput(raw: unknown): CheckResult {
  const result = registerTaskDefinitionSchema.strict().safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: result.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issueMessage(issue) })) };
}

const EC2_CPU = { min: 128, max: 196_608 };
const FARGATE_STORAGE_GIB = { min: 21, max: 200 };

function taskIssues(def: RegisterTaskDefinitionInput): Issue[] {
  const issues: Issue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const familyError = validateFamily(def.family);
  if (familyError) add("family", familyError);
  const count = def.containerDefinitions.length;
  if (count === 0) add("containerDefinitions", "At least one container definition is required.");
  else if (count > 10) add("containerDefinitions", "A task definition can have at most 10 containers.");
  else if (def.containerDefinitions.every((c) => c.essential === false))
    add("containerDefinitions", "At least one container must be essential.");
  const cpu = def.cpu === undefined ? undefined : parseTaskCpu(def.cpu);
  const memory = def.memory === undefined ? undefined : parseTaskMemory(def.memory);
  if (def.cpu !== undefined && cpu === undefined) add("cpu", "Enter CPU units (1024) or vCPU (1 vCPU).");
  else if (cpu !== undefined && (cpu < EC2_CPU.min || cpu > EC2_CPU.max)) add("cpu", "Enter from 128 to 196,608 CPU units.");
  if (def.memory !== undefined && memory === undefined) add("memory", "Enter memory in MiB (3072) or GB (3 GB).");
  if (def.requiresCompatibilities?.includes("FARGATE")) {
    if ((def.networkMode ?? "bridge") !== "awsvpc") add("networkMode", "AWS Fargate requires the awsvpc network mode.");
    if (cpu === undefined) add("cpu", "AWS Fargate requires a task CPU.");
    if (memory === undefined) add("memory", "AWS Fargate requires a task memory.");
    else if (cpu !== undefined && !fargateMemoryOptions(String(cpu)).includes(memory))
      add("memory", `AWS Fargate does not offer ${gbLabel(memory)} with ${vcpuLabel(cpu)}.`);
    const storage = def.ephemeralStorage?.sizeInGiB;
    if (storage !== undefined && (storage < FARGATE_STORAGE_GIB.min || storage > FARGATE_STORAGE_GIB.max))
      add("ephemeralStorage.sizeInGiB", "Enter from 21 to 200 GiB.");
  }
  def.placementConstraints?.forEach((p, j) => {
    if (p.type === "distinctInstance")
      add(`placementConstraints[${j}].type`, "distinctInstance applies to tasks and services, not to task definitions.");
    else if (!p.expression) add(`placementConstraints[${j}].expression`, "Enter a cluster query language expression.");
  });
  const volumeNames = (def.volumes ?? []).map((v) => v.name);
  volumeNames.forEach((name, j) => {
    if (!name) add(`volumes[${j}].name`, "Enter a volume name.");
    else if (volumeNames.indexOf(name) !== j) add(`volumes[${j}].name`, "Volume names must be unique.");
  });
  return issues;
}

/** The schema, then the console's rules for the task and each container. */
export function checkTaskDefinition(raw: unknown): CheckResult {
  const parsed = parseRegisterInput(raw);
  if (!parsed.ok) return parsed;
  const def = parsed.value;
  const issues = [...taskIssues(def), ...def.containerDefinitions.flatMap((_, i) => containerIssues(def, i))];
  return issues.length ? { ok: false, issues } : parsed;
}

/** Text of the JSON editor → a JSON object, or why not. */
export function parseJsonObject(text: string): { ok: true; value: object } | { ok: false; issues: Issue[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ path: "(root)", message: `The JSON is not valid: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return { ok: false, issues: [{ path: "(root)", message: "The task definition must be a JSON object." }] };
  return { ok: true, value: raw };
}

/** An issue as a line of the error alert: "containerDefinitions[0].image: Required." */
export const issueText = (issue: Issue): string => (issue.path === "(root)" ? issue.message : `${issue.path}: ${issue.message}`);

/** The JSON editor's checks, in the console's order: valid JSON, no extraneous keys, the schema, the console's rules. */
export function checkTaskDefinitionJson(text: string): CheckResult {
  const json = parseJsonObject(text);
  return json.ok ? checkTaskDefinition(json.value) : json;
}
