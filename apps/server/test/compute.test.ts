/** Which compute a RunTask or CreateService gets (compute.ts): pure, no server. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pickProviders, resolveCompute, type StrategyItem } from "../src/ecs/compute.ts";

const fargateCluster = { capacityProviders: ["FARGATE", "FARGATE_SPOT"], defaultStrategy: [] as StrategyItem[] };
const item = (capacityProvider: string, weight: number, base = 0): StrategyItem => ({ capacityProvider, weight, base });
const refused = (fn: () => unknown, message: RegExp) =>
  assert.throws(fn, (err: Error) => {
    assert.equal(err.name, "InvalidParameterException");
    assert.match(err.message, message);
    return true;
  });

describe("resolveCompute", () => {
  it("defaults to EC2 with no strategy anywhere, and to the cluster's default strategy when it has one", () => {
    assert.deepEqual(resolveCompute({}, fargateCluster), { launchType: "EC2", strategy: [] });
    const withDefault = { ...fargateCluster, defaultStrategy: [item("FARGATE_SPOT", 1)] };
    assert.deepEqual(resolveCompute({}, withDefault), { launchType: "FARGATE", strategy: [item("FARGATE_SPOT", 1)], platformVersion: "1.4.0" });
    // A launch type asked for wins over the cluster's default strategy.
    assert.deepEqual(resolveCompute({ launchType: "EC2" }, withDefault), { launchType: "EC2", strategy: [] });
  });

  it("resolves Fargate's LATEST platform and refuses a platform for EC2", () => {
    assert.equal(resolveCompute({ launchType: "FARGATE" }, fargateCluster).platformVersion, "1.4.0");
    assert.equal(resolveCompute({ launchType: "FARGATE", platformVersion: "1.3.0" }, fargateCluster).platformVersion, "1.3.0");
    refused(() => resolveCompute({ launchType: "FARGATE", platformVersion: "9.9.9" }, fargateCluster), /platform version \(9\.9\.9\) does not exist/);
    refused(() => resolveCompute({ launchType: "EC2", platformVersion: "LATEST" }, fargateCluster), /^The platform version must be null when specifying an EC2 launch type\.$/);
  });

  it("refuses what ECS refuses in a strategy", () => {
    refused(() => resolveCompute({ launchType: "FARGATE", capacityProviderStrategy: [item("FARGATE", 1)] }, fargateCluster), /^Specifying both a launch type/);
    refused(() => resolveCompute({ capacityProviderStrategy: [item("my-asg-provider", 1)] }, fargateCluster), /not associated with the cluster/);
    const mixed = { capacityProviders: ["FARGATE", "asg"], defaultStrategy: [] };
    refused(() => resolveCompute({ capacityProviderStrategy: [item("FARGATE", 1), item("asg", 1)] }, mixed), /mix of capacity providers/);
    refused(() => resolveCompute({ capacityProviderStrategy: [item("FARGATE", 1, 1), item("FARGATE_SPOT", 1, 2)] }, fargateCluster), /one capacity provider in a strategy can have a base/);
    refused(() => resolveCompute({ capacityProviderStrategy: [item("FARGATE", 0)] }, fargateCluster), /weight greater than zero/);
    refused(() => resolveCompute({ capacityProviderStrategy: [item("FARGATE", 1001)] }, fargateCluster), /between 0 and 1000/);
    refused(() => resolveCompute({ launchType: "EXTERNAL" }, fargateCluster), /EXTERNAL launch type/);
  });
});

describe("pickProviders", () => {
  it("fills the base first, then keeps the weights' ratio among the tasks beyond it", () => {
    const picks = pickProviders([item("FARGATE", 1, 1), item("FARGATE_SPOT", 3)], 9);
    assert.equal(picks[0], "FARGATE");
    assert.equal(picks.filter((p) => p === "FARGATE").length, 3); // the base, then 2 of the other 8
    assert.equal(picks.filter((p) => p === "FARGATE_SPOT").length, 6);
  });

  it("counts the tasks a service already runs", () => {
    // The base is met and FARGATE has 3 tasks beyond it to FARGATE_SPOT's 1: the next two go to FARGATE_SPOT.
    assert.deepEqual(pickProviders([item("FARGATE", 1, 1), item("FARGATE_SPOT", 1)], 2, { FARGATE: 4, FARGATE_SPOT: 1 }), ["FARGATE_SPOT", "FARGATE_SPOT"]);
  });
});
