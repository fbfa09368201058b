/**
 * Task definition checks, as the console makes them before RegisterTaskDefinition: ECS's model of the
 * request (strict: no extraneous keys; shared with the server), then the wizard's empty fields and
 * ECS's rules (taskDefinitionIssues, shared with the server). Every issue has the path of its field, so
 * the form can show it there and the JSON editor can name it. Pure: unit-tested under apps/console/test.
 */
import { decodeRegisterTaskDefinition, taskDefinitionIssues, type DecodeIssue, type RegisterTaskDefinitionInput } from "@stevedore/shared";
import { emptyFieldIssues } from "./task-definition-empty-fields.ts";

/** An issue at a field, its path as JS writes it: "containerDefinitions[0].image". */
export interface Issue {
  path: string;
  message: string;
}

/** An issue's path (the model's or a rule's) as JS would write it: ["containerDefinitions", 0, "image"] → "containerDefinitions[0].image". */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(root)";
}

/** A model issue in the words of a form: "Required." rather than "Member must not be null". */
function issueMessage(issue: DecodeIssue): string {
  const c = issue.constraint;
  if (c === "Member is not a field of this structure") return `Unknown key "${String(issue.at.at(-1))}"`;
  if (c === "Member must not be null") return "Required.";
  if (c === "Member must be an integer") return typeof issue.value === "number" && !Number.isNaN(issue.value) ? "Enter a whole number." : "Enter a number.";
  const set = /^Member must satisfy enum value set: \[(.*)\]$/.exec(c);
  if (set) return `Must be one of: ${set[1]}.`;
  return c.replace(/^Member must/, "Must") + ".";
}

export type CheckResult = { ok: true; value: RegisterTaskDefinitionInput } | { ok: false; issues: Issue[] };

/** ECS's model, strict: what the form can show and the server takes. */
export function parseRegisterInput(raw: unknown): CheckResult {
  const result = decodeRegisterTaskDefinition(raw, { strict: true });
  if (result.ok) return result;
  return { ok: false, issues: result.issues.map((issue) => ({ path: formatIssuePath(issue.at), message: issueMessage(issue) })) };
}

/** The form's word on an empty field, else ECS's rules: one voice per field. */
function ruleIssues(def: RegisterTaskDefinitionInput): Issue[] {
  const empty = emptyFieldIssues(def);
  const marked = new Set(empty.map((i) => i.path));
  const ecs = taskDefinitionIssues(def).map((i) => ({ path: formatIssuePath(i.path), message: i.message }));
  return [...empty, ...ecs.filter((i) => !marked.has(i.path))];
}

/** The form's empty-field issues of input the model refused: as far as its shape lets them be read. */
function emptyFieldsOfUnchecked(raw: unknown): Issue[] {
  try {
    return emptyFieldIssues(raw as RegisterTaskDefinitionInput);
  } catch {
    return [];
  }
}

/** The model, then the rules. */
export function checkTaskDefinition(raw: unknown): CheckResult {
  const parsed = parseRegisterInput(raw);
  if (!parsed.ok) {
    // A field left empty gets the form's word for it, whatever the model says of the empty value.
    const empty = emptyFieldsOfUnchecked(raw);
    const marked = new Set(empty.map((i) => i.path));
    return { ok: false, issues: [...empty, ...parsed.issues.filter((i) => !marked.has(i.path))] };
  }
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
