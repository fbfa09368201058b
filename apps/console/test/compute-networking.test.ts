import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ec2Filters } from "../src/api/query-encoding.ts";
import {
  checkCompute,
  computeChoiceText,
  computeRequest,
  computeSummary,
  computeValuesOf,
  defaultCompute,
  effectiveLaunchType,
  launchTypeOfService,
  newStrategyRow,
  type ClusterCapacity,
  type ComputeValues,
} from "../src/lib/compute.ts";
import { checkLaunch, launchRequest, placementApplies, type LaunchContext } from "../src/lib/launch.ts";
import {
  checkNetwork,
  defaultNetwork,
  networkRequest,
  networkValuesOf,
  publicIpText,
  taskAddressUrl,
  taskEni,
  type VpcInfo,
} from "../src/lib/networking.ts";

const FARGATE_ONLY: ClusterCapacity = { capacityProviders: ["FARGATE", "FARGATE_SPOT"], defaultCapacityProviderStrategy: [] };
/** What Create cluster makes with both boxes ticked: the ASG provider is the default. */
const EC2_AND_FARGATE: ClusterCapacity = {
  capacityProviders: ["FARGATE", "FARGATE_SPOT", "Infra-ECS-Cluster-demo-cp"],
  defaultCapacityProviderStrategy: [{ capacityProvider: "Infra-ECS-Cluster-demo-cp", weight: 1, base: 0 }],
};
const ASG_ONLY: ClusterCapacity = { capacityProviders: ["demo-cp"], defaultCapacityProviderStrategy: [] };
const BARE: ClusterCapacity = { capacityProviders: [], defaultCapacityProviderStrategy: [] };

const FARGATE_DEF = { networkMode: "awsvpc", compatibilities: ["EC2", "FARGATE"] };
const BRIDGE_DEF = { networkMode: "bridge", compatibilities: ["EC2"] };

const VPC: VpcInfo = {
  vpcId: "vpc-0abc",
  subnets: [
    { subnetId: "subnet-0a", availabilityZone: "us-east-1a", defaultForAz: true },
    { subnetId: "subnet-0b", availabilityZone: "us-east-1b", defaultForAz: true },
  ],
  securityGroups: [{ groupId: "sg-0def", groupName: "default" }],
};

const custom = (...rows: [string, string, string][]): ComputeValues => ({
  ...defaultCompute(FARGATE_ONLY),
  option: "capacity-provider-strategy",
  strategyChoice: "custom",
  strategy: rows.map(([capacityProvider, base, weight]) => ({ capacityProvider, base, weight })),
});

describe("default compute selection (reference §5.1)", () => {
  it("1. uses the cluster's default strategy when it has one", () => {
    const v = defaultCompute(EC2_AND_FARGATE);
    assert.equal(v.option, "capacity-provider-strategy");
    assert.equal(v.strategyChoice, "cluster-default");
    assert.equal(effectiveLaunchType(v, EC2_AND_FARGATE), "EC2");
    assert.deepEqual(computeRequest(v, EC2_AND_FARGATE), {});
  });

  it("2. else a custom strategy with FARGATE when the Fargate providers are on the cluster", () => {
    const v = defaultCompute(FARGATE_ONLY);
    assert.equal(v.strategyChoice, "custom");
    assert.deepEqual(v.strategy, [{ capacityProvider: "FARGATE", base: "0", weight: "1" }]);
    assert.equal(effectiveLaunchType(v, FARGATE_ONLY), "FARGATE");
    assert.deepEqual(computeRequest(v, FARGATE_ONLY), {
      capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1, base: 0 }],
      platformVersion: "LATEST",
    });
  });

  it("3. else Use custom (Advanced), to fill in, with Auto Scaling group providers", () => {
    const v = defaultCompute(ASG_ONLY);
    assert.equal(v.strategyChoice, "custom");
    assert.deepEqual(v.strategy, [newStrategyRow()]);
    assert.equal(checkCompute(v, ASG_ONLY)["compute.strategy[0].capacityProvider"], "Choose a capacity provider.");
  });

  it("4. else the FARGATE launch type (EC2 for a task definition made only for EC2)", () => {
    assert.deepEqual(computeRequest(defaultCompute(BARE), BARE), { launchType: "FARGATE", platformVersion: "LATEST" });
    assert.deepEqual(computeRequest(defaultCompute(undefined), undefined), { launchType: "FARGATE", platformVersion: "LATEST" });
    assert.deepEqual(computeRequest(defaultCompute(BARE, BRIDGE_DEF), BARE), { launchType: "EC2" });
    // The Fargate providers are skipped too for an EC2-only definition.
    assert.equal(defaultCompute({ capacityProviders: ["FARGATE"] }, BRIDGE_DEF).option, "launch-type");
  });

  it("says the choice in one line", () => {
    assert.equal(computeChoiceText(defaultCompute(EC2_AND_FARGATE)), "Capacity provider strategy: cluster default");
    assert.equal(computeChoiceText(defaultCompute(FARGATE_ONLY)), "Capacity provider strategy: FARGATE");
    assert.equal(computeChoiceText(defaultCompute(BARE)), "Launch type: FARGATE");
  });
});

describe("compute checks, in ECS's words", () => {
  it("accepts the defaults and a launch type", () => {
    assert.deepEqual(checkCompute(defaultCompute(FARGATE_ONLY), FARGATE_ONLY, FARGATE_DEF), {});
    assert.deepEqual(checkCompute(defaultCompute(EC2_AND_FARGATE), EC2_AND_FARGATE, BRIDGE_DEF), {});
    assert.deepEqual(checkCompute({ ...defaultCompute(BARE), launchType: "EC2" }, BARE, BRIDGE_DEF), {});
  });

  it("checks each strategy row: provider, base 0–100000, weight 0–1000", () => {
    const e = checkCompute(custom(["", "x", "1001"], ["FARGATE", "100001", "-1"]), FARGATE_ONLY);
    assert.equal(e["compute.strategy[0].capacityProvider"], "Choose a capacity provider.");
    assert.equal(e["compute.strategy[0].base"], "The base value must be between 0 and 100000.");
    assert.equal(e["compute.strategy[0].weight"], "The weight value must be between 0 and 1000.");
    assert.equal(e["compute.strategy[1].base"], "The base value must be between 0 and 100000.");
    assert.equal(e["compute.strategy[1].weight"], "The weight value must be between 0 and 1000.");
    assert.match(checkCompute(custom(["FARGATE", "0", "1"], ["FARGATE", "0", "1"]), FARGATE_ONLY)["compute.strategy[1].capacityProvider"]!, /only once/);
    assert.match(checkCompute(custom(["other-cp", "0", "1"]), FARGATE_ONLY)["compute.strategy[0].capacityProvider"]!, /must be associated with the cluster/);
  });

  it("checks the strategy as a whole", () => {
    assert.equal(checkCompute(custom(), FARGATE_ONLY).compute, "Add a capacity provider to the strategy.");
    assert.equal(
      checkCompute(custom(["FARGATE", "1", "1"], ["FARGATE_SPOT", "2", "1"]), FARGATE_ONLY).compute,
      "Only one capacity provider in a strategy can have a base defined.",
    );
    assert.equal(
      checkCompute(custom(["FARGATE", "0", "0"], ["FARGATE_SPOT", "0", "0"]), FARGATE_ONLY).compute,
      "At least one capacity provider in the strategy must have a weight greater than zero.",
    );
    const mixed = { capacityProviders: [...FARGATE_ONLY.capacityProviders!, "demo-cp"] };
    assert.match(checkCompute(custom(["FARGATE", "0", "1"], ["demo-cp", "0", "1"]), mixed).compute!, /cannot contain a mix of capacity providers/);
    assert.match(checkCompute({ ...custom(), strategyChoice: "cluster-default" }, FARGATE_ONLY).compute!, /no default capacity provider strategy/);
  });

  it("checks the task definition and the service type against the launch type", () => {
    assert.equal(checkCompute(defaultCompute(FARGATE_ONLY), FARGATE_ONLY, BRIDGE_DEF).compute, "Task definition does not support launch_type FARGATE.");
    assert.equal(
      checkCompute({ ...defaultCompute(BARE), launchType: "FARGATE" }, BARE, BRIDGE_DEF).compute,
      "Task definition does not support launch_type FARGATE.",
    );
    assert.equal(
      checkCompute(defaultCompute(FARGATE_ONLY), FARGATE_ONLY, FARGATE_DEF, { daemon: true }).compute,
      "The DAEMON scheduling strategy is not supported with the FARGATE launch type.",
    );
    assert.equal(checkCompute({ ...defaultCompute(BARE), launchType: "EC2" }, BARE, { compatibilities: ["FARGATE"] }).compute, "Task definition does not support launch_type EC2.");
  });

  it("sends a launch type or a strategy, never both, and a platform version only to Fargate", () => {
    const ec2 = { ...defaultCompute(BARE), launchType: "EC2" as const, platformVersion: "1.3.0" };
    assert.deepEqual(computeRequest(ec2, BARE), { launchType: "EC2" });
    assert.deepEqual(computeRequest({ ...defaultCompute(BARE), platformVersion: "1.3.0" }, BARE), { launchType: "FARGATE", platformVersion: "1.3.0" });
    const strategy = computeRequest(custom(["FARGATE", "1", "1"], ["FARGATE_SPOT", "0", "3"]), FARGATE_ONLY);
    assert.equal("launchType" in strategy, false);
    assert.deepEqual(strategy.capacityProviderStrategy, [
      { capacityProvider: "FARGATE", weight: 1, base: 1 },
      { capacityProvider: "FARGATE_SPOT", weight: 3, base: 0 },
    ]);
    // A cluster default on Fargate providers: nothing but the platform version.
    const fargateDefault: ClusterCapacity = { ...FARGATE_ONLY, defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }] };
    assert.deepEqual(computeRequest(defaultCompute(fargateDefault), fargateDefault), { platformVersion: "LATEST" });
  });

  it("reads a service's compute back", () => {
    const strategyService = { capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1, base: 1 }], platformVersion: "1.4.0" };
    assert.equal(launchTypeOfService(strategyService), "FARGATE");
    assert.equal(launchTypeOfService({ capacityProviderStrategy: [{ capacityProvider: "demo-cp", weight: 1 }] }), "EC2");
    assert.equal(launchTypeOfService({ launchType: "EC2" }), "EC2");
    assert.deepEqual(computeValuesOf(strategyService).strategy, [{ capacityProvider: "FARGATE", base: "1", weight: "1" }]);
    assert.equal(computeValuesOf({ launchType: "FARGATE" }).option, "launch-type");
    assert.equal(computeSummary(strategyService), "Capacity provider strategy: FARGATE (base 1, weight 1)");
    assert.equal(computeSummary({ launchType: "EC2" }), "Launch type: EC2");
  });
});

describe("networking", () => {
  it("defaults to the default VPC's default subnets, its default group and public IP on", () => {
    assert.deepEqual(defaultNetwork(VPC), { vpcId: "vpc-0abc", subnets: ["subnet-0a", "subnet-0b"], securityGroups: ["sg-0def"], publicIp: true });
    assert.deepEqual(defaultNetwork(undefined), { vpcId: "", subnets: [], securityGroups: [], publicIp: true });
  });

  it("checks only awsvpc task definitions", () => {
    const none = { ...defaultNetwork(VPC), subnets: [] };
    assert.deepEqual(checkNetwork(none, "bridge"), {});
    assert.match(checkNetwork(none, "awsvpc")["network.subnets"]!, /at least one subnet/);
    assert.match(checkNetwork({ ...none, subnets: ["subnet-0a"], securityGroups: ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"] }, "awsvpc")["network.securityGroups"]!, /at most 5/);
  });

  it("sends networkConfiguration for awsvpc only, with a public IP only on Fargate", () => {
    const v = defaultNetwork(VPC);
    assert.deepEqual(networkRequest(v, "bridge", "EC2"), {});
    assert.deepEqual(networkRequest(v, "awsvpc", "FARGATE"), {
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a", "subnet-0b"], securityGroups: ["sg-0def"], assignPublicIp: "ENABLED" } },
    });
    assert.equal(networkRequest(v, "awsvpc", "EC2").networkConfiguration!.awsvpcConfiguration.assignPublicIp, "DISABLED");
    assert.equal(networkRequest({ ...v, publicIp: false }, "awsvpc", "FARGATE").networkConfiguration!.awsvpcConfiguration.assignPublicIp, "DISABLED");
  });

  it("reads a service's configuration back", () => {
    const config = { awsvpcConfiguration: { subnets: ["subnet-0b"], securityGroups: ["sg-0def"], assignPublicIp: "ENABLED" as const } };
    assert.deepEqual(networkValuesOf(config), { vpcId: "", subnets: ["subnet-0b"], securityGroups: ["sg-0def"], publicIp: true });
    assert.equal(networkValuesOf(undefined), null);
    assert.equal(publicIpText(config), "Turned on");
    assert.equal(publicIpText({ awsvpcConfiguration: { subnets: ["subnet-0b"] } }), "Turned off");
    assert.equal(publicIpText(undefined), "-");
  });

  it("reads a task's network interface and the address to open", () => {
    const task = {
      launchType: "FARGATE",
      group: "service:web",
      attachments: [
        {
          id: "a1",
          type: "ElasticNetworkInterface",
          status: "ATTACHED",
          details: [
            { name: "subnetId", value: "subnet-0b" },
            { name: "networkInterfaceId", value: "eni-0123" },
            { name: "privateIPv4Address", value: "127.92.0.5" },
          ],
        },
      ],
      containers: [{ networkBindings: [{ bindIP: "127.92.0.5", containerPort: 80, hostPort: 80 }] }],
    };
    assert.deepEqual(taskEni(task), {
      attachmentId: "a1",
      status: "ATTACHED",
      networkInterfaceId: "eni-0123",
      subnetId: "subnet-0b",
      privateIPv4Address: "127.92.0.5",
      privateDnsName: undefined,
      macAddress: undefined,
    });
    assert.equal(taskEni({ attachments: [] }), undefined);
    assert.equal(taskAddressUrl("127.92.0.5", task.containers), "http://127.92.0.5:80/");
    assert.equal(taskAddressUrl("127.92.0.5", []), "http://127.92.0.5/");
  });

  it("writes EC2 filters", () => {
    assert.deepEqual(ec2Filters({ "default-for-az": ["true"], "vpc-id": ["vpc-1", "vpc-2"] }), {
      "Filter.1.Name": "default-for-az",
      "Filter.1.Value.1": "true",
      "Filter.2.Name": "vpc-id",
      "Filter.2.Value.1": "vpc-1",
      "Filter.2.Value.2": "vpc-2",
    });
  });
});

describe("launch: compute and networking together", () => {
  const ctx: LaunchContext = { cluster: FARGATE_ONLY, definition: FARGATE_DEF, vpc: VPC };

  it("builds a Fargate RunTask from the defaults", () => {
    const v = { compute: null, network: null };
    assert.deepEqual(checkLaunch(v, ctx), {});
    assert.equal(placementApplies(v, ctx), false);
    assert.deepEqual(launchRequest(v, ctx), {
      capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1, base: 0 }],
      platformVersion: "LATEST",
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a", "subnet-0b"], securityGroups: ["sg-0def"], assignPublicIp: "ENABLED" } },
    });
  });

  it("keeps EC2 clusters on their default strategy, with placement", () => {
    const ec2 = { cluster: EC2_AND_FARGATE, definition: BRIDGE_DEF, vpc: VPC };
    const v = { compute: null, network: null };
    assert.deepEqual(checkLaunch(v, ec2), {});
    assert.equal(placementApplies(v, ec2), true);
    assert.deepEqual(launchRequest(v, ec2), {});
  });

  it("reports the subnet and compute issues together", () => {
    const v = { compute: { ...defaultCompute(BARE), launchType: "FARGATE" as const }, network: { ...defaultNetwork(VPC), subnets: [] } };
    const errors = checkLaunch(v, { ...ctx, definition: { ...FARGATE_DEF, compatibilities: ["EC2"] } });
    assert.deepEqual(Object.keys(errors).sort(), ["compute", "network.subnets"]);
  });
});
