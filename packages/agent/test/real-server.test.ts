/**
 * The agent with the real Stevedore server (its test server: own SQLite file, an embedded agent on a
 * virtual instance, the real Docker Engine): container output reaches CloudWatch Logs' GetLogEvents
 * through POST /agent/v1/logs, and health reaches DescribeTasks through SubmitTaskStateChange.
 * Instances live on 127.81.0.0/16.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type ECSClient,
  type Task,
} from "@aws-sdk/client-ecs";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand, type AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { callJsonApi, resourceId } from "@stevedore/shared";
import { ensureTestImage, TEST_IMAGE } from "./docker-image.ts";
import { sh, until } from "./docker-harness.ts";

/** What this test uses of the server's test support, imported at run time only: the agent's typecheck stays its own. */
interface TestServer {
  server: { url: string };
  ecs: ECSClient;
  autoscaling: AutoScalingClient;
  close(): Promise<void>;
}
const TEST_SERVER_MODULE = "../../../apps/server/test/support/test-server.ts";
const startTestServer = async (instanceNetwork: string): Promise<TestServer> =>
  ((await import(TEST_SERVER_MODULE)) as { startTestServer(network: string): Promise<TestServer> }).startTestServer(instanceNetwork);

const CLUSTER = "agent-features";
const userData = Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config\n`).toString("base64");
let t: TestServer;

async function runTask(family: string, containerDefinitions: NonNullable<ConstructorParameters<typeof RegisterTaskDefinitionCommand>[0]["containerDefinitions"]>): Promise<string> {
  await t.ecs.send(new RegisterTaskDefinitionCommand({ family, containerDefinitions }));
  const out = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: family }));
  assert.deepEqual(out.failures, []);
  return out.tasks![0]!.taskArn!;
}

async function describeTask(arn: string): Promise<Task> {
  return (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [arn] }))).tasks![0]!;
}

describe("the agent with the real server", () => {
  before(async () => {
    ensureTestImage();
    t = await startTestServer("127.81");
    await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
    await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "features-lc", ImageId: "ami-ecs", InstanceType: "t3.small", UserData: userData }));
    await t.autoscaling.send(
      new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "features-asg", LaunchConfigurationName: "features-lc", MinSize: 1, MaxSize: 1, DesiredCapacity: 1, AvailabilityZones: ["us-east-1a"] }),
    );
    await until("the instance to register", async () => (await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }))).containerInstanceArns?.length, 20_000);
  });
  after(async () => {
    await t?.close();
  });

  it("ships an awslogs container's stdout and stderr, its last line without a newline too, to GetLogEvents", async () => {
    const arn = await runTask("logs", [
      {
        name: "app",
        image: TEST_IMAGE,
        memory: 16,
        command: sh("echo one; echo two >&2; printf three"),
        logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/agent-features", "awslogs-stream-prefix": "ecs", "awslogs-create-group": "true", "awslogs-region": "us-east-1" } },
      },
    ]);
    const request = { logGroupName: "/ecs/agent-features", logStreamName: `ecs/app/${resourceId(arn)}`, startFromHead: true };
    const events = await until(
      "three lines in CloudWatch Logs",
      async () => {
        // ResourceNotFoundException until the first batch created the stream
        const out = await callJsonApi<{ events: { message: string; timestamp: number }[] }>(t.server.url, "Logs_20140328.GetLogEvents", request).catch(() => undefined);
        return out && out.events.length >= 3 && out.events;
      },
      20_000,
    );
    // Docker reads stdout and stderr apart: "two" may come before "one", and is then timed before it
    assert.deepEqual(events.map((e) => e.message).sort(), ["one", "three", "two"]);
    assert.equal(events.at(-1)?.message, "three");
    const task = await describeTask(arn);
    for (const e of events) assert.ok(Math.abs(e.timestamp - task.createdAt!.getTime()) < 30_000, `timestamp ${e.timestamp}`);
  });

  it("reports container health: the server shows HEALTHY for the checked container", async () => {
    const arn = await runTask("health", [
      {
        name: "app",
        image: TEST_IMAGE,
        memory: 16,
        stopTimeout: 1,
        healthCheck: { command: ["CMD", ...sh("exit 0")], interval: 5, timeout: 2, retries: 1 }, // ECS's shortest interval
      },
    ]);
    const task = await until("the container to be HEALTHY", async () => {
      const task = await describeTask(arn);
      return task.containers?.[0]?.healthStatus === "HEALTHY" && task;
    });
    assert.equal(task.lastStatus, "RUNNING");
    assert.equal(task.healthStatus, "HEALTHY");
  });
});
