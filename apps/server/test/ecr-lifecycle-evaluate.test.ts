/**
 * ECR's lifecycle evaluation, checked against every example of its documentation: the repository each
 * example describes (days since push as given; "1 day ago" twice in all-images example B with E the
 * newer) and the images the documentation says are expired. Examples without a repository get one
 * that shows the rule's edge (just older or younger than its age, tags it does and does not match).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkLifecyclePolicy, type LifecyclePolicy, type StorageClass } from "@stevedore/shared";
import { evaluateLifecyclePolicy, type LifecycleImage } from "../src/ecr/lifecycle/evaluate.ts";
import { examplePolicies } from "./fixtures/ecr-lifecycle-examples.ts";

const NOW = Date.UTC(2026, 11, 7, 12);
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const image = (digest: string, tags: string[], daysAgo: number, extra: Partial<LifecycleImage> = {}): LifecycleImage => ({
  digest,
  tags,
  pushedAt: NOW - daysAgo * DAY,
  storageClass: "standard" as StorageClass,
  ...extra,
});

function policy(text: string): LifecyclePolicy {
  const checked = checkLifecyclePolicy(text);
  assert.deepEqual(checked.issues, [], "the documented policy is valid");
  return checked.policy!;
}

/** The digests the policy acts on, with the rule that acts and its action. */
const run = (text: string, images: LifecycleImage[]) =>
  evaluateLifecyclePolicy(policy(text), images, NOW).map((d) => `${d.digest}:${d.rulePriority}:${d.action}`).sort();

// Multiple rules, examples A and B.
const abc = [image("A", ["beta-1", "prod-1"], 10), image("B", ["beta-2", "prod-2"], 9), image("C", ["beta-3"], 8)];
// Multiple tags in a single rule, example A.
const alphaBeta = [
  image("A", ["alpha-1"], 12), image("B", ["beta-1"], 11), image("C", ["alpha-2", "beta-2"], 10),
  image("D", ["alpha-3"], 4), image("E", ["beta-3"], 3), image("F", ["alpha-4", "beta-4"], 2),
];
// Multiple tags in a single rule, example B.
const notExclusive = [image("A", ["alpha-1", "beta-1", "gamma-1"], 10), image("B", ["alpha-2", "beta-2"], 9), image("C", ["alpha-3", "beta-3", "gamma-2"], 8)];

test("filtering on image age: tagged prod* images older than 14 days expire", () => {
  const images = [
    image("old-prod", ["prod-1"], 15), image("old-production", ["production-team1"], 30), image("young-prod", ["prod-2"], 13),
    image("old-dev", ["dev-1"], 30), image("old-untagged", [], 30), image("just-14", ["prod-3"], 14),
  ];
  assert.deepEqual(run(examplePolicies.a, images), ["old-prod:1:expire", "old-production:1:expire"]);
});

test("filtering on image age (older docs): untagged images older than 14 days expire", () => {
  const images = [image("old", [], 20), image("young", [], 10), image("old-tagged", ["v1"], 30)];
  assert.deepEqual(run(examplePolicies["a-prime"], images), ["old:1:expire"]);
});

test("filtering on image count: one untagged image is kept, the others expire", () => {
  const images = [image("A", [], 3), image("B", [], 2), image("C", [], 1), image("tagged", ["v1"], 5)];
  assert.deepEqual(run(examplePolicies.b, images), ["A:1:expire", "B:1:expire"]);
});

test("multiple rules, example A: only image A expires (prod keeps B, which beta cannot take)", () => {
  assert.deepEqual(run(examplePolicies.c, abc), ["A:1:expire"]);
  assert.deepEqual(run(examplePolicies["c-prefix"], abc), ["A:1:expire"]);
});

test("multiple rules, example B: images A and B expire (beta first sees all three)", () => {
  assert.deepEqual(run(examplePolicies.d, abc), ["A:1:expire", "B:1:expire"]);
  assert.deepEqual(run(examplePolicies["d-prefix"], abc), ["A:1:expire", "B:1:expire"]);
});

test("multiple tags in a single rule, example A: an image must match every pattern; image C expires", () => {
  assert.deepEqual(run(examplePolicies.e, alphaBeta), ["C:1:expire"]);
  assert.deepEqual(run(examplePolicies["e-prefix"], alphaBeta), ["C:1:expire"]);
});

test("multiple tags in a single rule, example B: tags are not exclusive; images A and B expire", () => {
  assert.deepEqual(run(examplePolicies.f, notExclusive), ["A:1:expire", "B:1:expire"]);
  assert.deepEqual(run(examplePolicies["f-prefix"], notExclusive), ["A:1:expire", "B:1:expire"]);
});

test("all images, example A: the newest is kept; A, B and C expire", () => {
  const images = [image("A", ["alpha-1"], 4), image("B", ["beta-1"], 3), image("C", [], 2), image("D", ["alpha-2"], 1)];
  assert.deepEqual(run(examplePolicies.g, images), ["A:1:expire", "B:1:expire", "C:1:expire"]);
});

test("all images, example B: every rule type combined; A (rule 1), B (rule 2) and D (rule 3) expire", () => {
  const images = [
    image("A", ["alpha-1", "beta-1"], 4), image("B", [], 3), image("C", ["alpha-2"], 2),
    { ...image("D", ["git hash"], 0), pushedAt: NOW - DAY + 2 * HOUR }, { ...image("E", [], 0), pushedAt: NOW - DAY + 3 * HOUR },
  ];
  const expected = ["A:1:expire", "B:2:expire", "D:3:expire"];
  assert.deepEqual(run(examplePolicies.h, images), expected);
  const olderDocs = examplePolicies.h.replace(`"tagPatternList": ["alpha*"]`, `"tagPrefixList": ["alpha"]`);
  assert.notEqual(olderDocs, examplePolicies.h);
  assert.deepEqual(run(olderDocs, images), expected);
});

test("archive tier: images not pulled in 90 days move to archive (never pulled: by push time)", () => {
  const images = [
    image("pulled-long-ago", ["v1"], 200, { lastPulledAt: NOW - 100 * DAY }), image("never-pulled", [], 100),
    image("pulled-lately", ["v2"], 200, { lastPulledAt: NOW - 10 * DAY }),
    image("archived", ["v0"], 300, { storageClass: "archive", transitionedAt: NOW - 200 * DAY }),
  ];
  assert.deepEqual(run(examplePolicies["i-archive-not-pulled"], images), ["never-pulled:1:transition", "pulled-long-ago:1:transition"]);
});

test("archive tier: images archived for more than 365 days expire", () => {
  const images = [
    image("archived-long-ago", ["v1"], 500, { storageClass: "archive", transitionedAt: NOW - 400 * DAY }),
    image("archived-lately", ["v2"], 500, { storageClass: "archive", transitionedAt: NOW - 100 * DAY }),
    image("standard", ["v3"], 500),
  ];
  assert.deepEqual(run(examplePolicies["i-expire-archived"], images), ["archived-long-ago:1:expire"]);
});

test("archive tier: prod* images older than 30 days move to archive", () => {
  const images = [image("old-prod", ["prod-1"], 31), image("young-prod", ["prod-2"], 29), image("old-dev", ["dev-1"], 31)];
  assert.deepEqual(run(examplePolicies["i-archive-prod"], images), ["old-prod:1:transition"]);
});

test("archive tier: archive and expire combined, one any rule per storage class", () => {
  const images = [
    image("old", ["v1"], 40), image("young", ["v2"], 10),
    image("archived-long-ago", ["v0"], 800, { storageClass: "archive", transitionedAt: NOW - 400 * DAY }),
  ];
  assert.deepEqual(run(examplePolicies["i-archive-then-expire"], images), ["archived-long-ago:2:expire", "old:1:transition"]);
});

test("an image matched by a higher rule still counts in a lower imageCountMoreThan rule's ranking", () => {
  const text = JSON.stringify({
    rules: [
      { rulePriority: 1, selection: { tagStatus: "tagged", tagPatternList: ["keep*"], countType: "imageCountMoreThan", countNumber: 10 }, action: { type: "expire" } },
      { rulePriority: 2, selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 1 }, action: { type: "expire" } },
    ],
  });
  // "keep" is the newest and is kept by rule 1; rule 2 still counts it, so "mid" is beyond its count of 1.
  const images = [image("keep", ["keep-1"], 1), image("mid", ["x"], 2), image("old", [], 3)];
  assert.deepEqual(run(text, images), ["mid:2:expire", "old:2:expire"]);
});
