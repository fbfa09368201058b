/**
 * ECR's checks of a lifecycle policy, once for the server and the console: each refused policy of the
 * checklist gets ECR's message at the field at fault. (The documented examples, all valid, are the
 * evaluator's test vectors in apps/server/test.)
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkLifecyclePolicy, isTagImmutable, lifecyclePolicyErrorMessage, tagPatternMatches, type LifecyclePath } from "../src/index.ts";

const rule = (priority: number, selection: Record<string, unknown>, action: Record<string, unknown> = { type: "expire" }) => ({ rulePriority: priority, selection, action });
const untagged = { tagStatus: "untagged", countType: "imageCountMoreThan", countNumber: 1 };
const any = { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 5 };
const tagged = (list: Record<string, unknown>) => ({ tagStatus: "tagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7, ...list });

/** The first issue as [path, message]. */
function first(policy: unknown): [LifecyclePath, string] | undefined {
  const { issues } = checkLifecyclePolicy(typeof policy === "string" ? policy : JSON.stringify(policy));
  return issues[0] && [issues[0].path, issues[0].message];
}

test("a policy that is not JSON, or has no rules", () => {
  assert.deepEqual(first("{rules: ["), [[], "Could not map policyString into LifecyclePolicy."]);
  assert.deepEqual(first({}), [[], 'object has missing required properties (["rules"])']);
  assert.deepEqual(first({ rules: {} }), [["rules"], 'instance type (object) does not match any allowed primitive type (allowed: ["array"])']);
  assert.deepEqual(first({ rules: [] }), [["rules"], "array is too short: must have at least 1 elements but instance has 0 elements"]);
});

test("the schema of a rule, in the schema validator's words", () => {
  assert.deepEqual(first({ rules: [{ rulePriority: 1, selection: untagged }] }), [["rules", 0], 'object has missing required properties (["action"])']);
  assert.deepEqual(first({ rules: [{ ...rule(1, untagged), extra: 1 }] }), [["rules", 0], 'object instance has properties which are not allowed by the schema: (["extra"])']);
  assert.deepEqual(first({ rules: [rule(0, untagged)] }), [["rules", 0, "rulePriority"], "numeric instance is lower than the required minimum (minimum: 1, found: 0)"]);
  assert.deepEqual(first({ rules: [rule(1, { ...untagged, countNumber: 0 })] }), [["rules", 0, "selection", "countNumber"], "numeric instance is lower than the required minimum (minimum: 1, found: 0)"]);
  assert.deepEqual(first({ rules: [rule(1, { ...untagged, tagStatus: "TAGGED" })] }), [["rules", 0, "selection", "tagStatus"], 'instance value ("TAGGED") not found in enum (possible values: ["any","tagged","untagged"])']);
  assert.deepEqual(first({ rules: [rule(1, untagged, { type: "delete" })] }), [["rules", 0, "action", "type"], 'instance value ("delete") not found in enum (possible values: ["expire","transition"])']);
  assert.deepEqual(first({ rules: [rule(1, { ...tagged({}), tagPatternList: null })] }), [["rules", 0, "selection", "tagPatternList"], 'instance type (null) does not match any allowed primitive type (allowed: ["array"])']);
});

test("countUnit goes with the age count types only, and they need it", () => {
  const notOne = "instance failed to match exactly one schema (matched 0 out of 2)";
  assert.deepEqual(first({ rules: [rule(1, { ...untagged, countUnit: "days" })] }), [["rules", 0, "selection", "countUnit"], notOne]);
  assert.deepEqual(first({ rules: [rule(1, { tagStatus: "untagged", countType: "sinceImagePushed", countNumber: 3 })] }), [["rules", 0, "selection", "countType"], notOne]);
  assert.deepEqual(first({ rules: [rule(1, untagged, { type: "transition" })] }), [["rules", 0, "action", "targetStorageClass"], notOne]);
});

test("the rules between themselves, in ECR's words", () => {
  assert.deepEqual(first({ rules: [rule(1, untagged), rule(1, tagged({ tagPrefixList: ["v"] }))] }), [["rules", 1, "rulePriority"], "The rulePriority 1 is used by more than one rule; each rule must have a unique rulePriority."]);
  assert.deepEqual(first({ rules: [rule(1, tagged({}))] }), [["rules", 0, "selection", "tagStatus"], "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED."]);
  assert.deepEqual(first({ rules: [rule(1, tagged({ tagPrefixList: ["v"], tagPatternList: ["v*"] }))] }), [["rules", 0, "selection", "tagPatternList"], "Only one of tagPrefixList or tagPatternList may be specified in a rule."]);
  assert.deepEqual(first({ rules: [rule(1, { ...untagged, tagPrefixList: ["v"] })] }), [["rules", 0, "selection", "tagPrefixList"], "tagPrefixList and tagPatternList can only be specified when tagStatus=TAGGED."]);
  assert.deepEqual(first({ rules: [rule(1, any), rule(2, untagged)] }), [["rules", 0, "rulePriority"], "Rule for tagStatus=ANY must have the lowest priority per storage class"]);
  assert.deepEqual(first({ rules: [rule(1, untagged), rule(2, { ...untagged, countNumber: 3 })] }), [["rules", 1, "selection", "tagStatus"], "Only one rule can select Untagged images per storage class."]);
  assert.deepEqual(first({ rules: [rule(1, tagged({ tagPrefixList: ["a", "b"] })), rule(2, tagged({ tagPrefixList: ["b", "a"] }))] }), [["rules", 1, "selection"], "Tag prefix lists must be unique per storage class."]);
});

test("at most four wildcards in a pattern (the documentation's own examples)", () => {
  assert.equal(first({ rules: [rule(1, tagged({ tagPatternList: ["*test*1*2*3", "test*1*2*3*"] }))] }), undefined);
  assert.deepEqual(first({ rules: [rule(1, tagged({ tagPatternList: ["test*1*2*3*4*5*6"] }))] }), [["rules", 0, "selection", "tagPatternList", 0], "The tag pattern 'test*1*2*3*4*5*6' has more than 4 wildcards (*)."]);
});

test("the archive tier's count types go with their actions", () => {
  assert.deepEqual(first({ rules: [rule(1, { tagStatus: "any", countType: "sinceImagePulled", countUnit: "days", countNumber: 9 })] }), [["rules", 0, "selection", "countType"], "sinceImagePulled can only be used with the transition action."]);
  assert.deepEqual(first({ rules: [rule(1, { tagStatus: "any", countType: "sinceImageTransitioned", countUnit: "days", countNumber: 9 })] }), [["rules", 0, "selection", "countType"], "sinceImageTransitioned can only be used with the expire action and storageClass=archive."]);
});

test("the server's exception message wraps the issue as ECR does", () => {
  const { issues } = checkLifecyclePolicy(JSON.stringify({ rules: [rule(1, tagged({}))] }));
  assert.equal(lifecyclePolicyErrorMessage(issues[0]!), "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.'");
});

test("tag patterns match whole tags, * standing for any run of characters", () => {
  assert.ok(tagPatternMatches("prod*", "prod") && tagPatternMatches("prod*", "prod1") && tagPatternMatches("prod*", "production-team1"));
  assert.ok(tagPatternMatches("*prod*", "repo-production") && tagPatternMatches("*prod*", "prod-team"));
  assert.ok(!tagPatternMatches("prod*", "preprod") && !tagPatternMatches("prod", "prod1") && !tagPatternMatches("a*a", "a"));
  assert.ok(tagPatternMatches("*test*1*2*3", "my-test-1-2-3") && !tagPatternMatches("*test*1*2*3", "my-test-3-2-1"));
});

test("tag mutability with exclusion filters", () => {
  const filters = [{ filterType: "WILDCARD" as const, filter: "latest" }, { filterType: "WILDCARD" as const, filter: "dev-*" }];
  assert.equal(isTagImmutable("MUTABLE", [], "v1"), false);
  assert.equal(isTagImmutable("IMMUTABLE", [], "v1"), true);
  assert.deepEqual(["latest", "dev-1", "v1"].map((t) => isTagImmutable("IMMUTABLE_WITH_EXCLUSION", filters, t)), [false, false, true]);
  assert.deepEqual(["latest", "dev-1", "v1"].map((t) => isTagImmutable("MUTABLE_WITH_EXCLUSION", filters, t)), [true, true, false]);
});
