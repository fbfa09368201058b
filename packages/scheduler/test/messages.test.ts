import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { closestMatch, placeTasks, seededRandom, unableToPlaceMessage, type PlacementFailure } from "../src/index.ts";
import { demand, instance } from "./helpers.ts";

const START = "(service web) was unable to place a task because no container instance met all of its requirements.";
const END = "For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
const failure = (instanceId: string, reason: PlacementFailure["reason"], checksPassed: number, more: Partial<PlacementFailure> = {}): PlacementFailure => ({
  arn: `arn:aws:ecs:us-east-1:123456789012:container-instance/default/${instanceId}`,
  instanceId,
  reason,
  checksPassed,
  ...more,
});

describe("unableToPlaceMessage: ECS's texts", () => {
  const cases: [PlacementFailure, string][] = [
    [failure("c1", "RESOURCE:CPU", 3, { requested: 512, available: 100 }), "has insufficient CPU units available."],
    [failure("c1", "RESOURCE:MEMORY", 4, { requested: 512, available: 100 }), "has insufficient memory available."],
    [failure("c1", "RESOURCE:PORTS", 5, { ports: [80] }), "is already using a port required by your task."],
    [failure("c1", "AGENT", 1), 'encountered error "AGENT".'],
    [failure("c1", "ATTRIBUTE", 2), 'encountered error "ATTRIBUTE".'],
    [failure("c1", "MemberOf placement constraint unsatisfied.", 6), 'encountered error "MemberOf placement constraint unsatisfied.".'],
    [failure("c1", "DistinctInstance placement constraint unsatisfied.", 6), 'encountered error "DistinctInstance placement constraint unsatisfied.".'],
  ];
  for (const [f, text] of cases) {
    test(f.reason, () => assert.equal(unableToPlaceMessage("web", [f]), `${START} The closest matching (container-instance c1) ${text} ${END}`));
  }

  test("no instances at all", () => {
    assert.equal(unableToPlaceMessage("web", []), `${START} Reason: No Container Instances were found in your cluster. ${END}`);
  });

  test("only instances that are not ACTIVE count as none", () => {
    assert.equal(unableToPlaceMessage("web", [failure("d", "INACTIVE", 0)]), `${START} Reason: No Container Instances were found in your cluster. ${END}`);
  });
});

describe("the closest matching instance", () => {
  test("passed the most checks", () => {
    // Memory (check 4) comes after CPU (check 3): the memory-short instance got further.
    const closest = closestMatch([failure("cpu", "RESOURCE:CPU", 3, { requested: 512, available: 511 }), failure("mem", "RESOURCE:MEMORY", 4, { requested: 512, available: 0 }), failure("agent", "AGENT", 1)]);
    assert.equal(closest?.instanceId, "mem");
  });

  test("then the smallest shortfall relative to the request", () => {
    // Short by 400 of 512 (78%) versus 12 of 512 (2%).
    const closest = closestMatch([failure("far", "RESOURCE:MEMORY", 4, { requested: 512, available: 112 }), failure("near", "RESOURCE:MEMORY", 4, { requested: 512, available: 500 })]);
    assert.equal(closest?.instanceId, "near");
  });

  test("then fewer clashing ports, then the first", () => {
    assert.equal(closestMatch([failure("two", "RESOURCE:PORTS", 5, { ports: [80, 443] }), failure("one", "RESOURCE:PORTS", 5, { ports: [80] })])?.instanceId, "one");
    assert.equal(closestMatch([failure("first", "AGENT", 1), failure("second", "AGENT", 1)])?.instanceId, "first");
  });

  test("from a real placement: the instance that failed only the constraint", () => {
    const { failures } = placeTasks({
      instances: [instance("tiny", { memory: 10 }), instance("m5", { attributes: { "ecs.instance-type": "m5.large" } })],
      demand: demand(10, 100),
      count: 1,
      strategies: [],
      constraints: [{ type: "memberOf", expression: "attribute:ecs.instance-type =~ t3.*" }],
      random: seededRandom(1),
    });
    assert.equal(
      unableToPlaceMessage("web", failures),
      `${START} The closest matching (container-instance m5) encountered error "MemberOf placement constraint unsatisfied.". ${END}`,
    );
  });
});
