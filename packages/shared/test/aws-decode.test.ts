import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeShape, validationMessage } from "../src/aws/decode.ts";
import { queryInput } from "../src/aws/query-decode.ts";
import { model as ecs } from "../src/aws/models/ecs.model.ts";
import { model as autoscaling } from "../src/aws/models/autoscaling.model.ts";
import { model as ec2 } from "../src/aws/models/ec2.model.ts";
import type { RunTaskRequest } from "../src/aws/models/ecs.ts";

const params = (text: string) => [...new URLSearchParams(text)];

test("a JSON body comes out typed, with members the model does not name dropped", () => {
  const r = decodeShape<RunTaskRequest>(ecs, "RunTaskRequest", { taskDefinition: "web", count: 2, bogus: 1, overrides: { containerOverrides: [{ name: "a", memory: 64 }] } });
  assert.ok(r.ok);
  assert.deepEqual(r.value, { taskDefinition: "web", count: 2, overrides: { containerOverrides: [{ name: "a", memory: 64 }] } });
});

test("wrong types, missing required members and broken enums are reported where they are, as AWS words them", () => {
  const r = decodeShape(ecs, "RunTaskRequest", { cluster: 5, launchType: "MOON", overrides: { containerOverrides: [{ name: "a", memory: "lots" }] } });
  assert.ok(!r.ok);
  assert.equal(
    validationMessage(r.issues),
    "4 validation errors detected: Value null at 'taskDefinition' failed to satisfy constraint: Member must not be null; " +
      "Value '5' at 'cluster' failed to satisfy constraint: Member must be a string; " +
      "Value 'MOON' at 'launchType' failed to satisfy constraint: Member must satisfy enum value set: [EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES]; " +
      "Value 'lots' at 'overrides.containerOverrides.1.member.memory' failed to satisfy constraint: Member must be an integer",
  );
});

test("numbers beyond a 32-bit integer, NaN-like values and non-finite numbers are refused", () => {
  for (const count of [2 ** 31, 1.5, "1"]) {
    assert.equal(decodeShape(ecs, "RunTaskRequest", { taskDefinition: "t", count }).ok, false, String(count));
  }
});

test("strict decoding reports unknown members (the console's JSON editor)", () => {
  const r = decodeShape(ecs, "ContainerDefinition", { name: "a", imag: "x" }, { strict: true });
  assert.ok(!r.ok);
  assert.equal(r.issues[0]!.path, "imag");
});

test("a map's keys are stored as data, never followed as the object's prototype", () => {
  const r = decodeShape<{ dockerLabels?: Record<string, string> }>(ecs, "ContainerDefinition", JSON.parse('{"name":"a","dockerLabels":{"__proto__":"x"}}'));
  assert.ok(r.ok);
  assert.equal(Object.getPrototypeOf(r.value.dockerLabels), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(r.value.dockerLabels, "__proto__")?.value, "x");
});

test("Query lists arrive as Name.member.N, in index order, and structures in lists as their members", () => {
  const input = queryInput(autoscaling, "CreateAutoScalingGroupType", params("AutoScalingGroupName=g&MinSize=0&MaxSize=2&AvailabilityZones.member.2=b&AvailabilityZones.member.1=a&Tags.member.1.Key=team&Tags.member.1.PropagateAtLaunch=true"), "query");
  const r = decodeShape(autoscaling, "CreateAutoScalingGroupType", input, { paths: "query" });
  assert.ok(r.ok);
  assert.deepEqual(r.value, { AutoScalingGroupName: "g", MinSize: 0, MaxSize: 2, AvailabilityZones: ["a", "b"], Tags: [{ Key: "team", PropagateAtLaunch: true }] });
});

test("a missing or mistyped Query parameter is a problem named as the Query services name it", () => {
  const r = decodeShape(autoscaling, "CreateAutoScalingGroupType", queryInput(autoscaling, "CreateAutoScalingGroupType", params("MinSize=two&MaxSize=1"), "query"), { paths: "query" });
  assert.ok(!r.ok);
  assert.equal(
    validationMessage(r.issues),
    "2 validation errors detected: Value null at 'autoScalingGroupName' failed to satisfy constraint: Member must not be null; Value 'two' at 'minSize' failed to satisfy constraint: Member must be an integer",
  );
});

test("EC2 lists are flattened and named after their locationName (InstanceId.1, Filter.1.Value.1)", () => {
  const input = queryInput(ec2, "DescribeInstancesRequest", params("InstanceId.2=i-2&InstanceId.1=i-1&InstanceId.10=i-10&Filter.1.Name=x&Filter.1.Value.1=y"), "ec2");
  assert.deepEqual(input, { InstanceIds: ["i-1", "i-2", "i-10"], Filters: [{ Name: "x", Values: ["y"] }] });
});
