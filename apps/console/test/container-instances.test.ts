import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  activityStatusKind,
  instanceActions,
  instancesNoun,
  isBuiltInAttribute,
  isCapability,
  needsStateChange,
  reservedPorts,
  resourceFigures,
  splitAttributes,
  validateAttributeName,
  validateAttributeValue,
} from "../src/lib/container-instances.ts";

describe("container instance attributes", () => {
  it("tells the agent's attributes from custom ones", () => {
    assert.equal(isBuiltInAttribute("ecs.availability-zone"), true);
    assert.equal(isBuiltInAttribute("com.amazonaws.ecs.capability.docker-remote-api.1.41"), true);
    assert.equal(isBuiltInAttribute("stack"), false);
    assert.equal(isBuiltInAttribute("ecs"), false);
    assert.equal(isCapability({ name: "com.amazonaws.ecs.capability.logging-driver.awslogs" }), true);
    assert.equal(isCapability({ name: "ecs.capability.full-sync" }), true);
    assert.equal(isCapability({ name: "ecs.instance-type", value: "t3.small" }), false);
  });
  it("splits and sorts them", () => {
    const { builtIn, custom } = splitAttributes([
      { name: "zeta", value: "1" },
      { name: "ecs.instance-type", value: "t3.small" },
      { name: "alpha" },
      { name: "ecs.availability-zone", value: "us-east-1a" },
    ]);
    assert.deepEqual(builtIn.map((a) => a.name), ["ecs.instance-type", "ecs.availability-zone"]);
    assert.deepEqual(custom.map((a) => a.name), ["alpha", "zeta"]);
    assert.deepEqual(splitAttributes(undefined), { builtIn: [], custom: [] });
  });
  it("checks names as PutAttributes does", () => {
    assert.equal(validateAttributeName("stack"), undefined);
    assert.equal(validateAttributeName("team/a.b_c-d\\e"), undefined);
    assert.match(validateAttributeName("") ?? "", /Enter a name/);
    assert.match(validateAttributeName("has space") ?? "", /may contain/);
    assert.match(validateAttributeName("a".repeat(129)) ?? "", /128/);
    assert.match(validateAttributeName("ecs.mine") ?? "", /reserved/);
    assert.match(validateAttributeName("stack", ["stack"]) ?? "", /already has/);
  });
  it("checks values as PutAttributes does", () => {
    assert.equal(validateAttributeValue(""), undefined);
    assert.equal(validateAttributeValue("prod"), undefined);
    assert.equal(validateAttributeValue("a b@c:d/e\\f.g-h_i"), undefined);
    assert.match(validateAttributeValue(" prod") ?? "", /whitespace/);
    assert.match(validateAttributeValue("prod!") ?? "", /may contain/);
    assert.match(validateAttributeValue("a".repeat(129)) ?? "", /128/);
  });
});

describe("instance actions", () => {
  const active = { status: "ACTIVE", ec2InstanceId: "i-1", autoScalingGroupName: "g" };
  const draining = { status: "DRAINING", ec2InstanceId: "i-2", autoScalingGroupName: "g" };
  it("offers nothing without a selection", () => {
    assert.deepEqual(instanceActions([]), { drain: false, activate: false, deregister: false, terminate: false });
  });
  it("drains ACTIVE instances and activates DRAINING ones", () => {
    assert.deepEqual(instanceActions([active]), { drain: true, activate: false, deregister: true, terminate: true });
    assert.deepEqual(instanceActions([draining]), { drain: false, activate: true, deregister: true, terminate: true });
    const both = instanceActions([active, draining]);
    assert.equal(both.drain && both.activate, true);
  });
  it("terminates only instances of an Auto Scaling group", () => {
    const r = instanceActions([active, { status: "ACTIVE", ec2InstanceId: "i-3" }]);
    assert.equal(r.terminate, false);
    assert.match(r.terminateReason ?? "", /Auto Scaling group/);
  });
  it("does not deregister an INACTIVE instance, and changes at most 10 at once", () => {
    assert.equal(instanceActions([{ ...active, status: "INACTIVE" }]).deregister, false);
    const eleven = Array.from({ length: 11 }, () => active);
    assert.equal(instanceActions(eleven).drain, false);
    assert.equal(instanceActions(eleven).deregister, true);
  });
  it("applies a state change to the instances not already in it", () => {
    assert.deepEqual(needsStateChange([active, draining], "DRAINING"), [active]);
    assert.deepEqual(needsStateChange([active, draining], "ACTIVE"), [draining]);
  });
});

describe("resources and activities", () => {
  const registered = [
    { name: "CPU", integerValue: 2048 },
    { name: "MEMORY", integerValue: 1939 },
    { name: "PORTS", stringSetValue: ["22", "2375"] },
  ];
  const remaining = [
    { name: "CPU", integerValue: 1920 },
    { name: "MEMORY", integerValue: 1875 },
    { name: "PORTS", stringSetValue: ["51678", "22", "8080", "2375"] },
  ];
  it("figures registered, available and used", () => {
    assert.deepEqual(resourceFigures(registered, remaining, "CPU"), { registered: 2048, available: 1920, used: 128 });
    assert.deepEqual(resourceFigures(registered, remaining, "MEMORY"), { registered: 1939, available: 1875, used: 64 });
    assert.deepEqual(resourceFigures(undefined, remaining, "CPU"), { registered: undefined, available: 1920, used: undefined });
  });
  it("sorts ports numerically", () => {
    assert.deepEqual(reservedPorts(remaining), ["22", "2375", "8080", "51678"]);
    assert.deepEqual(reservedPorts(remaining, "PORTS_UDP"), []);
  });
  it("colours scaling activities", () => {
    assert.equal(activityStatusKind("Successful"), "success");
    assert.equal(activityStatusKind("Failed"), "error");
    assert.equal(activityStatusKind("Cancelled"), "stopped");
    assert.equal(activityStatusKind("InProgress"), "in-progress");
    assert.equal(activityStatusKind(undefined), "in-progress");
  });
  it("counts instances", () => {
    assert.equal(instancesNoun(1), "1 container instance");
    assert.equal(instancesNoun(3), "3 container instances");
  });
});
