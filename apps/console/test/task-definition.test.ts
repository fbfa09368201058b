import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TaskDefinition } from "@stevedore/shared";
import { decodeRegisterTaskDefinition } from "@stevedore/shared";
import { appEnvironment, networkMode, osArchitecture, toRegisterInput } from "../src/lib/task-definition.ts";
import { PLACEMENT_TEMPLATES } from "../src/lib/placement.ts";

const td: TaskDefinition = {
  taskDefinitionArn: "arn:aws:ecs:us-east-1:123456789012:task-definition/web:2",
  family: "web",
  revision: 2,
  status: "ACTIVE",
  compatibilities: ["EC2"],
  requiresAttributes: [{ name: "com.amazonaws.ecs.capability.docker-remote-api.1.18" }],
  registeredAt: 1700000000,
  registeredBy: "arn:aws:iam::123456789012:root",
  networkMode: "bridge",
  containerDefinitions: [{ name: "web", image: "nginx", memory: 128 }],
};

describe("task definition helpers", () => {
  it("turns a revision back into a RegisterTaskDefinition body", () => {
    const input = toRegisterInput(td, [{ key: "team", value: "a" }]);
    assert.deepEqual(Object.keys(input).sort(), ["containerDefinitions", "family", "networkMode", "tags"]);
    assert.equal(decodeRegisterTaskDefinition(input, { strict: true }).ok, true);
  });
  it("describes the overview fields", () => {
    assert.equal(appEnvironment(td), "EC2");
    assert.equal(appEnvironment({ requiresCompatibilities: ["EC2", "FARGATE"], compatibilities: ["EC2"] }), "EC2, FARGATE");
    assert.equal(osArchitecture(td), "Linux/X86_64");
    assert.equal(osArchitecture({ runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" } }), "Linux/ARM64");
    assert.equal(networkMode({}), "bridge");
    assert.equal(networkMode({ networkMode: "awsvpc" }), "awsvpc");
  });
  it("has the console's placement templates", () => {
    assert.deepEqual(
      PLACEMENT_TEMPLATES.map((t) => t.label),
      ["AZ Balanced Spread", "AZ Balanced BinPack", "BinPack", "One Task Per Host"],
    );
    assert.deepEqual(PLACEMENT_TEMPLATES[3]?.placementConstraints, [{ type: "distinctInstance" }]);
  });
});
