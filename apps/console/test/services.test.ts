import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { metricStatisticsParams } from "../src/api/cloudwatch.ts";
import { encodeQuery } from "../src/api/query-encoding.ts";
import type { Service } from "../src/api/services.ts";
import type { LaunchContext } from "../src/lib/launch.ts";
import { detectTemplate, templateValue } from "../src/lib/placement.ts";
import {
  checkServiceForm,
  defaultServiceForm,
  placementRequest,
  placementValuesOf,
  toCreateServiceInput,
  toUpdateServiceInput,
  updateFormOf,
  withServiceType,
} from "../src/features/services/service-form.ts";
import {
  circuitBreakerText,
  constraintText,
  deploymentSummary,
  eventSegments,
  primaryDeployment,
  revisionOf,
  rolloutKind,
  rolloutText,
  runningPercent,
  strategyText,
  tasksRunningText,
} from "../src/features/services/service-format.ts";

const TD = "arn:aws:ecs:us-east-1:123456789012:task-definition/sample-web";
/** A cluster of EC2 instances without capacity providers, and the bridge sample: the EC2 launch type. */
const EC2: LaunchContext = { cluster: { capacityProviders: [], defaultCapacityProviderStrategy: [] }, definition: { networkMode: "bridge", compatibilities: ["EC2"] } };

const service = (patch: Partial<Service> = {}): Service => ({
  serviceArn: "arn:aws:ecs:us-east-1:123456789012:service/demo/web",
  serviceName: "web",
  status: "ACTIVE",
  desiredCount: 3,
  runningCount: 2,
  pendingCount: 1,
  launchType: "EC2",
  taskDefinition: `${TD}:2`,
  schedulingStrategy: "REPLICA",
  deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 150, deploymentCircuitBreaker: { enable: true, rollback: false } },
  placementStrategy: [{ type: "binpack", field: "memory" }],
  placementConstraints: [],
  deployments: [
    { id: "ecs-svc/1", status: "ACTIVE", taskDefinition: `${TD}:1`, desiredCount: 3, runningCount: 1, pendingCount: 0, createdAt: 100, updatedAt: 150, rolloutState: "COMPLETED" },
    { id: "ecs-svc/2", status: "PRIMARY", taskDefinition: `${TD}:2`, desiredCount: 3, runningCount: 1, pendingCount: 1, createdAt: 200, updatedAt: 210, rolloutState: "IN_PROGRESS" },
  ],
  ...patch,
});

describe("service texts", () => {
  it("writes the Deployments and tasks column", () => {
    assert.equal(tasksRunningText(2, 3), "2/3 tasks running");
    assert.equal(tasksRunningText(0, 0), "0/0 tasks running");
    assert.equal(runningPercent(2, 3), 67);
    assert.equal(runningPercent(5, 3), 100);
    assert.equal(runningPercent(0, 0), 100);
  });

  it("names rollout states and their kinds", () => {
    assert.equal(rolloutText("IN_PROGRESS"), "In progress");
    assert.equal(rolloutText("COMPLETED"), "Completed");
    assert.equal(rolloutText("FAILED"), "Failed");
    assert.equal(rolloutText(undefined), "-");
    assert.equal(rolloutKind("FAILED"), "error");
    assert.equal(rolloutKind("COMPLETED"), "success");
    assert.equal(rolloutKind("IN_PROGRESS"), "in-progress");
  });

  it("finds the PRIMARY deployment and summarizes the rollout", () => {
    assert.equal(primaryDeployment(service())?.id, "ecs-svc/2");
    assert.deepEqual(deploymentSummary(service()), { text: "Deployment in progress", kind: "in-progress" });
    const done = service({ deployments: [{ ...service().deployments![1]!, rolloutState: "COMPLETED" }] });
    assert.equal(deploymentSummary(done), undefined);
    const failed = service({ deployments: [{ ...service().deployments![1]!, rolloutState: "FAILED" }] });
    assert.deepEqual(deploymentSummary(failed), { text: "Deployment failed", kind: "error" });
    assert.equal(deploymentSummary(service({ deployments: [] })), undefined);
  });

  it("writes configuration values", () => {
    assert.equal(circuitBreakerText({ deploymentCircuitBreaker: { enable: true, rollback: true } }), "Turned on with rollback");
    assert.equal(circuitBreakerText({ deploymentCircuitBreaker: { enable: false, rollback: false } }), "Turned off");
    assert.equal(circuitBreakerText(undefined), "Turned off");
    assert.equal(strategyText({ type: "spread", field: "attribute:ecs.availability-zone" }), "spread(attribute:ecs.availability-zone)");
    assert.equal(strategyText({ type: "random" }), "random");
    assert.equal(constraintText({ type: "distinctInstance" }), "distinctInstance");
    assert.equal(constraintText({ type: "memberOf", expression: "attribute:ecs.instance-type =~ t3.*" }), "memberOf(attribute:ecs.instance-type =~ t3.*)");
    assert.equal(revisionOf(`${TD}:7`), "sample-web:7");
  });

  it("cuts event messages into text and task links, keeping the text", () => {
    const message = "(service web) has started 2 tasks: (task 0123abcd) (task 4567ef89).";
    const segments = eventSegments(message);
    assert.deepEqual(
      segments.filter((s) => s.kind === "task").map((s) => (s.kind === "task" ? s.taskId : "")),
      ["0123abcd", "4567ef89"],
    );
    assert.equal(segments.map((s) => s.text).join(""), message);
    const deployment = eventSegments("(service web) (deployment ecs-svc/123) deployment completed.");
    assert.deepEqual(deployment[1], { kind: "deployment", text: "(deployment ecs-svc/123)", deploymentId: "ecs-svc/123" });
    assert.deepEqual(eventSegments("(service web) has reached a steady state."), [{ kind: "text", text: "(service web) has reached a steady state." }]);
  });
});

describe("service forms", () => {
  it("starts from the console's defaults", () => {
    const v = defaultServiceForm({ cluster: "demo", family: "sample-web" });
    assert.equal(v.desiredCount, "1");
    assert.equal(v.minimumHealthyPercent, "100");
    assert.equal(v.maximumPercent, "200");
    assert.equal(v.circuitBreaker, true);
    assert.equal(v.rollback, true);
    assert.equal(detectTemplate(v.placement), "az-balanced-spread");
  });

  it("sends CreateService with the AZ Balanced Spread strategy and the circuit breaker", () => {
    const v = { ...defaultServiceForm({ cluster: "demo", family: "sample-web" }), serviceName: " web ", desiredCount: "3" };
    assert.deepEqual(checkServiceForm(v, "create", EC2), {});
    assert.deepEqual(toCreateServiceInput(v, EC2), {
      cluster: "demo",
      serviceName: "web",
      taskDefinition: "sample-web",
      launchType: "EC2",
      schedulingStrategy: "REPLICA",
      desiredCount: 3,
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
      placementStrategy: [
        { type: "spread", field: "attribute:ecs.availability-zone" },
        { type: "spread", field: "instanceId" },
      ],
      enableECSManagedTags: true,
      propagateTags: "NONE",
    });
    assert.equal(toCreateServiceInput({ ...v, revision: "4" }, EC2).taskDefinition, "sample-web:4");
  });

  it("sends each template's JSON, and lists for custom rules", () => {
    const p = (id: "az-balanced-binpack" | "binpack" | "one-task-per-host") => placementRequest(templateValue(id));
    assert.deepEqual(p("az-balanced-binpack").placementStrategy, [
      { type: "spread", field: "attribute:ecs.availability-zone" },
      { type: "binpack", field: "memory" },
    ]);
    assert.deepEqual(p("binpack"), { placementStrategy: [{ type: "binpack", field: "memory" }], placementConstraints: [] });
    assert.deepEqual(p("one-task-per-host"), { placementStrategy: [], placementConstraints: [{ type: "distinctInstance" }] });
    assert.deepEqual(
      placementRequest({
        strategies: [{ type: "random" }, { type: "spread", field: " host " }],
        constraints: [{ type: "memberOf", expression: " attribute:ecs.instance-type =~ t3.* " }, { type: "distinctInstance" }],
      }),
      {
        placementStrategy: [{ type: "random" }, { type: "spread", field: "host" }],
        placementConstraints: [{ type: "memberOf", expression: "attribute:ecs.instance-type =~ t3.*" }, { type: "distinctInstance" }],
      },
    );
  });

  it("reads a service's placement back for the editor", () => {
    assert.equal(detectTemplate(placementValuesOf([{ type: "binpack", field: "memory" }])), "binpack");
    assert.equal(detectTemplate(placementValuesOf([], [{ type: "distinctInstance" }])), "one-task-per-host");
    const custom = placementValuesOf([{ type: "spread", field: "host" }], [{ type: "memberOf", expression: "x" }]);
    assert.equal(detectTemplate(custom), "custom");
    assert.deepEqual(custom, { strategies: [{ type: "spread", field: "host" }], constraints: [{ type: "memberOf", expression: "x" }] });
  });

  it("checks names, counts, percentages and custom placement", () => {
    const base = { ...defaultServiceForm({ cluster: "demo", family: "sample-web" }), serviceName: "web" };
    assert.match(checkServiceForm({ ...base, serviceName: "" }, "create", EC2).serviceName!, /Enter a service name/);
    assert.match(checkServiceForm({ ...base, serviceName: "bad name" }, "create", EC2).serviceName!, /255 characters/);
    assert.ok(checkServiceForm({ ...base, cluster: "" }, "create", EC2).cluster);
    assert.ok(checkServiceForm({ ...base, family: "" }, "create", EC2).family);
    assert.ok(checkServiceForm({ ...base, desiredCount: "-1" }, "create", EC2).desiredCount);
    assert.ok(checkServiceForm({ ...base, desiredCount: "1.5" }, "create", EC2).desiredCount);
    assert.ok(checkServiceForm({ ...base, minimumHealthyPercent: "101" }, "create", EC2).minimumHealthyPercent);
    assert.ok(checkServiceForm({ ...base, maximumPercent: "99" }, "create", EC2).maximumPercent);
    assert.ok(checkServiceForm({ ...base, healthCheckGracePeriod: "x" }, "create", EC2).healthCheckGracePeriod);
    const custom = { ...base, placement: { strategies: [{ type: "binpack" as const, field: "disk" }], constraints: [{ type: "memberOf" as const, expression: "" }] } };
    assert.match(checkServiceForm(custom, "create", EC2).placement!, /Correct the task placement rules/);
    assert.equal(checkServiceForm({ ...base, placement: templateValue("binpack") }, "create", EC2).placement, undefined);
    // The update form has no cluster or name fields to check.
    assert.deepEqual(checkServiceForm({ ...base, cluster: "", serviceName: "" }, "update"), {});
  });

  it("moves untouched percentages to the Daemon defaults and drops strategies", () => {
    const daemon = withServiceType(defaultServiceForm({ cluster: "demo", family: "f" }), "DAEMON");
    assert.equal(daemon.minimumHealthyPercent, "0");
    assert.equal(daemon.maximumPercent, "100");
    assert.deepEqual(daemon.placement, { strategies: [], constraints: [] });
    assert.match(checkServiceForm({ ...daemon, serviceName: "d", placement: templateValue("binpack") }, "create", EC2).placement!, /Daemon/);
    const input = toCreateServiceInput({ ...daemon, serviceName: "d" }, EC2);
    assert.equal("desiredCount" in input, false);
    assert.equal("placementStrategy" in input, false);
    const back = withServiceType({ ...daemon, maximumPercent: "120" }, "REPLICA");
    assert.equal(back.minimumHealthyPercent, "100");
    assert.equal(back.maximumPercent, "120");
  });

  it("sends CreateService on Fargate: the cluster's FARGATE provider, the default VPC, no placement", () => {
    const ctx: LaunchContext = {
      cluster: { capacityProviders: ["FARGATE", "FARGATE_SPOT"], defaultCapacityProviderStrategy: [] },
      definition: { networkMode: "awsvpc", compatibilities: ["EC2", "FARGATE"] },
      vpc: { vpcId: "vpc-1", subnets: [{ subnetId: "subnet-0a", defaultForAz: true }], securityGroups: [{ groupId: "sg-1", groupName: "default" }] },
    };
    const v = { ...defaultServiceForm({ cluster: "fg", family: "fg-web" }), serviceName: "web" };
    assert.deepEqual(checkServiceForm(v, "create", ctx), {});
    const input = toCreateServiceInput(v, ctx);
    assert.deepEqual(input.capacityProviderStrategy, [{ capacityProvider: "FARGATE", weight: 1, base: 0 }]);
    assert.equal(input.launchType, undefined);
    assert.equal(input.platformVersion, "LATEST");
    assert.deepEqual(input.networkConfiguration, { awsvpcConfiguration: { subnets: ["subnet-0a"], securityGroups: ["sg-1"], assignPublicIp: "ENABLED" } });
    assert.equal("placementStrategy" in input, false);
    // A Fargate daemon is refused in ECS's words before anything is sent.
    assert.equal(checkServiceForm(withServiceType(v, "DAEMON"), "create", ctx).compute, "The DAEMON scheduling strategy is not supported with the FARGATE launch type.");
  });

  it("updates a Fargate service's networking and sends no placement", () => {
    const fargate = service({
      launchType: undefined,
      capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1, base: 0 }],
      platformVersion: "1.4.0",
      placementStrategy: [],
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a"], securityGroups: ["sg-1"], assignPublicIp: "ENABLED" } },
    });
    const v = updateFormOf(fargate, "fg");
    assert.deepEqual(v.network, { vpcId: "", subnets: ["subnet-0a"], securityGroups: ["sg-1"], publicIp: true });
    const input = toUpdateServiceInput({ ...v, network: { ...v.network!, subnets: ["subnet-0a", "subnet-0b"], publicIp: false } }, "web", "awsvpc");
    assert.equal("placementStrategy" in input, false);
    assert.deepEqual(input.networkConfiguration, { awsvpcConfiguration: { subnets: ["subnet-0a", "subnet-0b"], securityGroups: ["sg-1"], assignPublicIp: "DISABLED" } });
    assert.match(checkServiceForm({ ...v, network: { ...v.network!, subnets: [] } }, "update", { definition: { networkMode: "awsvpc" } })["network.subnets"]!, /subnet/);
  });

  it("fills the update form from a service and sends UpdateService", () => {
    const v = updateFormOf(service(), "demo");
    assert.equal(v.family, "sample-web");
    assert.equal(v.revision, "2");
    assert.equal(v.desiredCount, "3");
    assert.equal(v.minimumHealthyPercent, "50");
    assert.equal(v.maximumPercent, "150");
    assert.equal(v.circuitBreaker, true);
    assert.equal(v.rollback, false);
    assert.equal(detectTemplate(v.placement), "binpack");
    assert.deepEqual(toUpdateServiceInput({ ...v, desiredCount: "4", revision: "3", forceNewDeployment: true }, "web"), {
      cluster: "demo",
      service: "web",
      taskDefinition: "sample-web:3",
      desiredCount: 4,
      forceNewDeployment: true,
      deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 150, deploymentCircuitBreaker: { enable: true, rollback: false } },
      placementStrategy: [{ type: "binpack", field: "memory" }],
      placementConstraints: [],
    });
  });
});

describe("GetMetricStatistics request", () => {
  it("encodes dimensions and statistics as member lists", () => {
    const body = encodeQuery(
      "GetMetricStatistics",
      "2010-08-01",
      metricStatisticsParams({
        namespace: "AWS/ECS",
        metricName: "CPUUtilization",
        dimensions: [
          { name: "ClusterName", value: "demo" },
          { name: "ServiceName", value: "web" },
        ],
        startTime: new Date("2025-01-01T10:00:00Z"),
        endTime: new Date("2025-01-01T11:00:00Z"),
        period: 60,
        statistics: ["Average", "Minimum", "Maximum"],
      }),
    );
    const p = new URLSearchParams(body);
    assert.equal(p.get("Action"), "GetMetricStatistics");
    assert.equal(p.get("Version"), "2010-08-01");
    assert.equal(p.get("Namespace"), "AWS/ECS");
    assert.equal(p.get("MetricName"), "CPUUtilization");
    assert.equal(p.get("Dimensions.member.1.Name"), "ClusterName");
    assert.equal(p.get("Dimensions.member.1.Value"), "demo");
    assert.equal(p.get("Dimensions.member.2.Name"), "ServiceName");
    assert.equal(p.get("Dimensions.member.2.Value"), "web");
    assert.equal(p.get("StartTime"), "2025-01-01T10:00:00.000Z");
    assert.equal(p.get("EndTime"), "2025-01-01T11:00:00.000Z");
    assert.equal(p.get("Period"), "60");
    assert.deepEqual([1, 2, 3].map((i) => p.get(`Statistics.member.${i}`)), ["Average", "Minimum", "Maximum"]);
  });
});
