import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeRegisterTaskDefinition } from "@stevedore/shared";
import { checkTaskDefinitionJson, formatIssuePath, issueText } from "../src/lib/task-definition-checks.ts";
import { SAMPLE_TASK_DEFINITION, validateCapacity, validateClusterName } from "../src/lib/validation.ts";

describe("cluster name", () => {
  it("accepts letters, numbers, hyphens and underscores", () => {
    assert.equal(validateClusterName("demo"), undefined);
    assert.equal(validateClusterName("My_Cluster-2"), undefined);
    assert.equal(validateClusterName("a".repeat(255)), undefined);
  });
  it("rejects the rest", () => {
    assert.match(validateClusterName("")!, /required/);
    assert.match(validateClusterName("a".repeat(256))!, /255/);
    assert.match(validateClusterName("my cluster")!, /letters/);
    assert.match(validateClusterName("demo.prod")!, /letters/);
  });
});

describe("capacity", () => {
  it("accepts min <= desired <= max with max > 0", () => {
    assert.deepEqual(validateCapacity("0", "5", "2"), {});
    assert.deepEqual(validateCapacity("2", "2", "2"), {});
  });
  it("rejects bad values", () => {
    assert.ok(validateCapacity("0", "0", "0").max);
    assert.ok(validateCapacity("3", "2", "2").min);
    assert.ok(validateCapacity("0", "5", "6").desired);
    assert.ok(validateCapacity("-1", "5", "2").min);
    assert.ok(validateCapacity("0", "x", "2").max);
  });
});

/** The JSON editor's result, with its issues as the alert lists them. */
function parseTaskDefinitionJson(text: string) {
  const result = checkTaskDefinitionJson(text);
  return result.ok ? result : { ok: false as const, errors: result.issues.map(issueText) };
}

describe("task definition JSON", () => {
  it("accepts the sample, which ECS's model accepts too", () => {
    const result = parseTaskDefinitionJson(JSON.stringify(SAMPLE_TASK_DEFINITION));
    assert.equal(result.ok, true);
    assert.equal(decodeRegisterTaskDefinition(SAMPLE_TASK_DEFINITION, { strict: true }).ok, true);
    if (result.ok) {
      assert.equal(result.value.family, "sample-web");
      assert.equal(result.value.containerDefinitions[0]?.image, "stevedore/sample-web:latest");
    }
  });
  it("reports invalid JSON", () => {
    const result = parseTaskDefinitionJson("{ nope");
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.errors[0]!, /not valid/);
  });
  it("reports schema issues with their path", () => {
    const result = parseTaskDefinitionJson(
      JSON.stringify({ family: "web", containerDefinitions: [{ name: "web", cpu: "lots" }] }),
    );
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.ok(result.errors.some((e) => e.startsWith("containerDefinitions[0].image:")), result.errors.join("\n"));
      assert.ok(result.errors.some((e) => e.startsWith("containerDefinitions[0].cpu:")), result.errors.join("\n"));
    }
  });
  it("reports extraneous keys", () => {
    const result = parseTaskDefinitionJson(JSON.stringify({ ...SAMPLE_TASK_DEFINITION, familyName: "x" }));
    assert.equal(result.ok, false);
    if (!result.ok) assert.ok(result.errors.some((e) => e.includes('"familyName"')), result.errors.join("\n"));
  });
  it("requires a valid family and a container", () => {
    const noContainers = parseTaskDefinitionJson(JSON.stringify({ family: "web", containerDefinitions: [] }));
    assert.equal(noContainers.ok, false);
    const badFamily = parseTaskDefinitionJson(JSON.stringify({ ...SAMPLE_TASK_DEFINITION, family: "bad family" }));
    assert.equal(badFamily.ok, false);
    const notObject = parseTaskDefinitionJson("[1]");
    assert.equal(notObject.ok, false);
  });
  it("writes issue paths as JS", () => {
    assert.equal(formatIssuePath(["containerDefinitions", 0, "portMappings", 1, "hostPort"]), "containerDefinitions[0].portMappings[1].hostPort");
    assert.equal(formatIssuePath([]), "(root)");
  });
});
