/**
 * ECR lifecycle policies: the policy document and ECR's checks of it, written once for the server
 * (PutLifecyclePolicy, StartLifecyclePolicyPreview) and the console's rule editor.
 *
 * ECR checks a policy in two passes, and so do we: first the document against its JSON schema (its
 * messages are those of the schema validator ECR runs, e.g. `object has missing required properties
 * (["countNumber"])`), then the rules between themselves (e.g. `Only one rule can select Untagged
 * images per storage class.`). Each issue names the field at fault.
 */

export const TAG_STATUSES = ["tagged", "untagged", "any"] as const;
export const COUNT_TYPES = ["imageCountMoreThan", "sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned"] as const;
export const STORAGE_CLASSES = ["standard", "archive"] as const;
export const LIFECYCLE_ACTIONS = ["expire", "transition"] as const;
/** At most this many `*` in one tagPatternList entry. */
export const MAX_PATTERN_WILDCARDS = 4;

export type TagStatus = (typeof TAG_STATUSES)[number];
export type CountType = (typeof COUNT_TYPES)[number];
export type StorageClass = (typeof STORAGE_CLASSES)[number];
export type LifecycleActionType = (typeof LIFECYCLE_ACTIONS)[number];

export interface LifecycleSelection {
  tagStatus: TagStatus;
  tagPatternList?: string[];
  tagPrefixList?: string[];
  storageClass?: StorageClass;
  countType: CountType;
  countUnit?: "days";
  countNumber: number;
}

export interface LifecycleRule {
  rulePriority: number;
  description?: string;
  selection: LifecycleSelection;
  action: { type: LifecycleActionType; targetStorageClass?: "archive" };
}

export interface LifecyclePolicy {
  rules: LifecycleRule[];
}

export type LifecyclePath = (string | number)[];
export interface LifecyclePolicyIssue {
  path: LifecyclePath;
  message: string;
}

export type LifecyclePolicyCheck = { policy: LifecyclePolicy; issues: [] } | { policy?: undefined; issues: LifecyclePolicyIssue[] };

/** The policy text parsed and checked: the policy, or every issue (the server reports the first). */
export function checkLifecyclePolicy(text: string): LifecyclePolicyCheck {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { issues: [{ path: [], message: "Could not map policyString into LifecyclePolicy." }] };
  }
  const schemaIssues = documentIssues(doc);
  if (schemaIssues.length) return { issues: schemaIssues };
  const policy = doc as LifecyclePolicy;
  const issues = ruleIssues(policy.rules);
  return issues.length ? { issues } : { policy, issues: [] };
}

/** ECR's InvalidParameterException message for an issue. */
export const lifecyclePolicyErrorMessage = (issue: LifecyclePolicyIssue) =>
  `Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ${issue.message}'`;

/** The storage class a rule selects from (standard unless it says archive). */
export const ruleStorageClass = (rule: LifecycleRule): StorageClass => rule.selection.storageClass ?? "standard";

/** Whether a `*` pattern matches a whole tag (`prod*` matches `prod`, `prod1`; `*prod*` matches `repo-production`). */
export function tagPatternMatches(pattern: string, tag: string): boolean {
  const parts = pattern.split("*");
  if (parts.length === 1) return pattern === tag;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (tag.length < first.length + last.length || !tag.startsWith(first) || !tag.endsWith(last)) return false;
  let at = first.length;
  const end = tag.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = tag.indexOf(middle, at);
    if (found < 0 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}

// ---- the JSON schema pass: the validator's own words ----

type JsonType = "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";

function jsonType(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonType;
}

const list = (items: readonly string[]) => JSON.stringify([...items].sort());
const wrongType = (value: unknown, allowed: JsonType) =>
  `instance type (${jsonType(value)}) does not match any allowed primitive type (allowed: ["${allowed}"])`;
const notInEnum = (value: unknown, allowed: readonly string[]) =>
  `instance value (${JSON.stringify(value)}) not found in enum (possible values: ${list(allowed)})`;
const NOT_ONE_SCHEMA = "instance failed to match exactly one schema (matched 0 out of 2)";

/** Required and allowed properties of an object; the type, missing and unknown properties issues, in that order. */
function objectIssues(value: unknown, path: LifecyclePath, required: readonly string[], optional: readonly string[]): LifecyclePolicyIssue[] {
  if (jsonType(value) !== "object") return [{ path, message: wrongType(value, "object") }];
  const keys = Object.keys(value as object);
  const missing = required.filter((k) => !keys.includes(k));
  if (missing.length) return [{ path, message: `object has missing required properties (${list(missing)})` }];
  const unknown = keys.filter((k) => !required.includes(k) && !optional.includes(k));
  if (unknown.length) return [{ path, message: `object instance has properties which are not allowed by the schema: (${list(unknown)})` }];
  return [];
}

function integerIssues(value: unknown, path: LifecyclePath): LifecyclePolicyIssue[] {
  if (jsonType(value) !== "integer") return [{ path, message: wrongType(value, "integer") }];
  if ((value as number) < 1) return [{ path, message: `numeric instance is lower than the required minimum (minimum: 1, found: ${value})` }];
  return [];
}

function enumIssues(value: unknown, path: LifecyclePath, allowed: readonly string[]): LifecyclePolicyIssue[] {
  if (jsonType(value) !== "string") return [{ path, message: wrongType(value, "string") }];
  return allowed.includes(value as string) ? [] : [{ path, message: notInEnum(value, allowed) }];
}

function stringListIssues(value: unknown, path: LifecyclePath): LifecyclePolicyIssue[] {
  if (jsonType(value) !== "array") return [{ path, message: wrongType(value, "array") }];
  const items = value as unknown[];
  if (!items.length) return [{ path, message: "array is too short: must have at least 1 elements but instance has 0 elements" }];
  return items.flatMap((item, i) => (jsonType(item) === "string" ? [] : [{ path: [...path, i], message: wrongType(item, "string") }]));
}

function documentIssues(doc: unknown): LifecyclePolicyIssue[] {
  const top = objectIssues(doc, [], ["rules"], []);
  if (top.length) return top;
  const rules = (doc as { rules: unknown }).rules;
  if (jsonType(rules) !== "array") return [{ path: ["rules"], message: wrongType(rules, "array") }];
  if (!(rules as unknown[]).length) return [{ path: ["rules"], message: "array is too short: must have at least 1 elements but instance has 0 elements" }];
  return (rules as unknown[]).flatMap((rule, i) => ruleSchemaIssues(rule, ["rules", i]));
}

function ruleSchemaIssues(rule: unknown, path: LifecyclePath): LifecyclePolicyIssue[] {
  const shape = objectIssues(rule, path, ["rulePriority", "selection", "action"], ["description"]);
  if (shape.length) return shape;
  const r = rule as Record<string, unknown>;
  return [
    ...integerIssues(r.rulePriority, [...path, "rulePriority"]),
    ...("description" in r && jsonType(r.description) !== "string" ? [{ path: [...path, "description"], message: wrongType(r.description, "string") }] : []),
    ...selectionSchemaIssues(r.selection, [...path, "selection"]),
    ...actionSchemaIssues(r.action, [...path, "action"]),
  ];
}

function selectionSchemaIssues(selection: unknown, path: LifecyclePath): LifecyclePolicyIssue[] {
  const shape = objectIssues(selection, path, ["tagStatus", "countType", "countNumber"], ["tagPatternList", "tagPrefixList", "storageClass", "countUnit"]);
  if (shape.length) return shape;
  const s = selection as Record<string, unknown>;
  const issues = [
    ...enumIssues(s.tagStatus, [...path, "tagStatus"], TAG_STATUSES),
    ...("tagPatternList" in s ? stringListIssues(s.tagPatternList, [...path, "tagPatternList"]) : []),
    ...("tagPrefixList" in s ? stringListIssues(s.tagPrefixList, [...path, "tagPrefixList"]) : []),
    ...("storageClass" in s ? enumIssues(s.storageClass, [...path, "storageClass"], STORAGE_CLASSES) : []),
    ...integerIssues(s.countNumber, [...path, "countNumber"]),
  ];
  // One of two schemas: an image count (no countUnit), or an age in days (countUnit "days").
  const byCount = s.countType === "imageCountMoreThan" && !("countUnit" in s);
  const byAge = typeof s.countType === "string" && s.countType !== "imageCountMoreThan" && COUNT_TYPES.includes(s.countType as CountType) && s.countUnit === "days";
  if (!byCount && !byAge) issues.push({ path: [...path, "countUnit" in s ? "countUnit" : "countType"], message: NOT_ONE_SCHEMA });
  return issues;
}

function actionSchemaIssues(action: unknown, path: LifecyclePath): LifecyclePolicyIssue[] {
  const shape = objectIssues(action, path, ["type"], ["targetStorageClass"]);
  if (shape.length) return shape;
  const a = action as Record<string, unknown>;
  const type = enumIssues(a.type, [...path, "type"], LIFECYCLE_ACTIONS);
  if (type.length) return type;
  // One of two schemas: expire (no target), or transition to the archive class.
  const ok = a.type === "expire" ? !("targetStorageClass" in a) : a.targetStorageClass === "archive";
  return ok ? [] : [{ path: [...path, "targetStorageClass"], message: NOT_ONE_SCHEMA }];
}

// ---- the rules between themselves ----

function ruleIssues(rules: LifecycleRule[]): LifecyclePolicyIssue[] {
  const issues: LifecyclePolicyIssue[] = [];
  const at = (i: number, ...field: LifecyclePath) => ["rules", i, ...field];
  rules.forEach((rule, i) => {
    const s = rule.selection;
    if (rules.findIndex((other) => other.rulePriority === rule.rulePriority) !== i) {
      issues.push({ path: at(i, "rulePriority"), message: `The rulePriority ${rule.rulePriority} is used by more than one rule; each rule must have a unique rulePriority.` });
    }
    if (s.tagStatus === "tagged") {
      if (!s.tagPrefixList && !s.tagPatternList) issues.push({ path: at(i, "selection", "tagStatus"), message: "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED." });
      if (s.tagPrefixList && s.tagPatternList) issues.push({ path: at(i, "selection", "tagPatternList"), message: "Only one of tagPrefixList or tagPatternList may be specified in a rule." });
    } else if (s.tagPrefixList || s.tagPatternList) {
      issues.push({ path: at(i, "selection", s.tagPrefixList ? "tagPrefixList" : "tagPatternList"), message: "tagPrefixList and tagPatternList can only be specified when tagStatus=TAGGED." });
    }
    (s.tagPatternList ?? []).forEach((pattern, j) => {
      if (pattern.split("*").length - 1 > MAX_PATTERN_WILDCARDS) {
        issues.push({ path: at(i, "selection", "tagPatternList", j), message: `The tag pattern '${pattern}' has more than ${MAX_PATTERN_WILDCARDS} wildcards (*).` });
      }
    });
    if (s.countType === "sinceImagePulled" && rule.action.type !== "transition") {
      issues.push({ path: at(i, "selection", "countType"), message: "sinceImagePulled can only be used with the transition action." });
    }
    if (s.countType === "sinceImageTransitioned" && (rule.action.type !== "expire" || s.storageClass !== "archive")) {
      issues.push({ path: at(i, "selection", "countType"), message: "sinceImageTransitioned can only be used with the expire action and storageClass=archive." });
    }
    if (rule.action.type === "transition" && ruleStorageClass(rule) === "archive") {
      issues.push({ path: at(i, "action", "type"), message: "The transition action can only select images in the standard storage class." });
    }
  });
  for (const storageClass of STORAGE_CLASSES) {
    const inClass = rules.map((rule, i) => ({ rule, i })).filter(({ rule }) => ruleStorageClass(rule) === storageClass);
    const lowest = Math.max(...inClass.map(({ rule }) => rule.rulePriority));
    for (const { i } of inClass.filter(({ rule }) => rule.selection.tagStatus === "any" && rule.rulePriority !== lowest)) {
      issues.push({ path: at(i, "rulePriority"), message: "Rule for tagStatus=ANY must have the lowest priority per storage class" });
    }
    for (const { i } of inClass.filter(({ rule }) => rule.selection.tagStatus === "untagged").slice(1)) {
      issues.push({ path: at(i, "selection", "tagStatus"), message: "Only one rule can select Untagged images per storage class." });
    }
    const seen = new Set<string>();
    for (const { rule, i } of inClass.filter(({ rule }) => rule.selection.tagStatus === "tagged")) {
      const key = JSON.stringify([rule.selection.tagPrefixList ? "prefix" : "pattern", [...(rule.selection.tagPrefixList ?? rule.selection.tagPatternList ?? [])].sort()]);
      if (seen.has(key)) issues.push({ path: at(i, "selection"), message: "Tag prefix lists must be unique per storage class." });
      seen.add(key);
    }
  }
  return issues;
}
