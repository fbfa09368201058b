import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { capabilityAttributes, registrationRequest } from "../src/register.ts";

const identity = {
  instanceId: "i-0abc",
  instanceType: "t3.medium",
  availabilityZone: "us-east-1b",
  privateIp: "127.1.0.3",
  imageId: "ami-1",
  region: "us-east-1",
  accountId: "123456789012",
};

describe("registrationRequest", () => {
  const req = registrationRequest({
    cluster: "demo",
    identity,
    resources: { cpu: 2048, memoryMiB: 3917 },
    dockerVersion: "20.10.24",
    dockerApiVersion: "1.41",
  });

  it("sends the identity document with EC2's field names", () => {
    const architecture = process.arch === "arm64" ? "arm64" : "x86_64";
    assert.deepEqual(JSON.parse(req.instanceIdentityDocument), { ...identity, architecture, version: "2017-09-30" });
    assert.equal("containerInstanceArn" in req, false);
  });

  it("offers CPU, memory and the agent's reserved ports as ECS resources", () => {
    assert.deepEqual(req.totalResources, [
      { name: "CPU", type: "INTEGER", doubleValue: 0, longValue: 0, integerValue: 2048 },
      { name: "MEMORY", type: "INTEGER", doubleValue: 0, longValue: 0, integerValue: 3917 },
      { name: "PORTS", type: "STRINGSET", doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: ["22", "2375", "2376", "51678", "51679"] },
      { name: "PORTS_UDP", type: "STRINGSET", doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: [] },
    ]);
    assert.deepEqual(req.versionInfo, { agentVersion: "1.89.0", agentHash: "stevedore", dockerVersion: "DockerVersion: 20.10.24" });
  });

  it("passes a known container instance ARN on", () => {
    const again = registrationRequest({ cluster: "demo", identity, resources: { cpu: 1, memoryMiB: 1 }, dockerVersion: "x", dockerApiVersion: "1.41", containerInstanceArn: "arn:x" });
    assert.equal(again.containerInstanceArn, "arn:x");
  });
});

describe("capabilityAttributes", () => {
  const names = capabilityAttributes("1.41").map((a) => a.name);

  it("reports every Docker API from 1.17 to the engine's", () => {
    const apis = names.filter((n) => n.startsWith("com.amazonaws.ecs.capability.docker-remote-api."));
    assert.equal(apis.length, 25);
    assert.equal(apis[0], "com.amazonaws.ecs.capability.docker-remote-api.1.17");
    assert.equal(apis.at(-1), "com.amazonaws.ecs.capability.docker-remote-api.1.41");
  });

  it("reports what this agent supports, and not task ENIs or privileged containers", () => {
    for (const n of [
      "com.amazonaws.ecs.capability.logging-driver.json-file",
      "com.amazonaws.ecs.capability.logging-driver.awslogs",
      "ecs.capability.container-health-check",
      "ecs.capability.task-cpu-mem-limit",
      "ecs.capability.container-ordering",
      "ecs.capability.execution-role-awslogs",
    ]) {
      assert.ok(names.includes(n), n);
    }
    assert.ok(!names.includes("ecs.capability.task-eni"));
    assert.ok(!names.includes("com.amazonaws.ecs.capability.privileged-container"));
    assert.deepEqual(capabilityAttributes("1.41").find((a) => a.name === "ecs.os-type"), { name: "ecs.os-type", value: "linux" });
  });
});
