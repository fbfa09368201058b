/** Sizes and counts within ECS's and Auto Scaling's limits: what would corrupt the arithmetic or swamp the machine is refused. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from "@aws-sdk/client-ecs";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let t: TestServer;
before(async () => {
  t = await startTestServer("127.98", { embeddedAgents: false });
  await t.ecs.send(new CreateClusterCommand({ clusterName: "limits" }));
  await t.ecs.send(new RegisterTaskDefinitionCommand({ family: "app", containerDefinitions: [{ name: "app", image: "x", memory: 64 }] }));
});
after(async () => {
  await t?.close();
});

test("RunTask overrides: negative or oversized sizes, a soft limit above the hard one, a task size that is not one", async () => {
  const run = (overrides: object) => t.ecs.send(new RunTaskCommand({ cluster: "limits", taskDefinition: "app", overrides }));
  await assert.rejects(run({ containerOverrides: [{ name: "app", memoryReservation: -512 }] }), { name: "InvalidParameterException", message: /memoryReservation' override for container 'app'/ });
  await assert.rejects(run({ containerOverrides: [{ name: "app", cpu: -1 }] }), { name: "InvalidParameterException" });
  await assert.rejects(run({ containerOverrides: [{ name: "app", memoryReservation: 128 }] }), { name: "InvalidParameterException", message: /soft limit is above the hard limit/ });
  await assert.rejects(run({ memory: "lots" }), { name: "InvalidParameterException", message: /'memory' override for task/ });
});

test("a service's desired count and a group's maximum have upper bounds", async () => {
  await assert.rejects(t.ecs.send(new CreateServiceCommand({ cluster: "limits", serviceName: "huge", taskDefinition: "app", desiredCount: 5001 })), { name: "InvalidParameterException" });
  await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "lc", ImageId: "ami-1", InstanceType: "t3.micro" }));
  await assert.rejects(
    t.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "huge", LaunchConfigurationName: "lc", MinSize: 0, MaxSize: 100_000, AvailabilityZones: ["us-east-1a"] })),
    { name: "ValidationError", message: /Max bound, 100000, must be less than or equal to 1000/ },
  );
});
