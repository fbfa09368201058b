/**
 * Task definition checks, as the console makes them before RegisterTaskDefinition: the shared schema
 * (no extraneous keys), then the wizard's empty fields and ECS's rules (taskDefinitionIssues, shared
 * with the server). Every issue has the path of its field, so the form can show it there and the JSON
 * editor can name it. Pure: unit-tested under apps/console/test.
 */
import { registerTaskDefinitionSchema, taskDefinitionIssues, type RegisterTaskDefinitionInput } from "@stevedore/shared";
import { emptyFieldIssues } from "./task-definition-empty-fields.ts";

/** An issue at a field, its path as JS writes it: "containerDefinitions[0].image". */
export interface Issue {
  path: string;
  message: string;
}

/** An issue's path (the schema's or a rule's) as JS would write it: ["containerDefinitions", 0, "image"] → "containerDefinitions[0].image". */
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

/** The form's word on an empty field, else ECS's rules: one voice per field. */
function ruleIssues(def: RegisterTaskDefinitionInput): Issue[] {
  const empty = emptyFieldIssues(def);
  const marked = new Set(empty.map((i) => i.path));
  const ecs = taskDefinitionIssues(def).map((i) => ({ path: formatIssuePath(i.path), message: i.message }));
  return [...empty, ...ecs.filter((i) => !marked.has(i.path))];
}

/** The schema, then the rules. */
export function checkTaskDefinition(raw: unknown): CheckResult {
  const parsed = parseRegisterInput(raw);
  if (!parsed.ok) return parsed;
  const issues = ruleIssues(parsed.value);
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

/** The JSON editor's checks, in the console's order: valid JSON, no extraneous keys, the schema, the rules. */
export function checkTaskDefinitionJson(text: string): CheckResult {
  const json = parseJsonObject(text);
  return json.ok ? checkTaskDefinition(json.value) : json;
}
