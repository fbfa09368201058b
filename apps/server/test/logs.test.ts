/**
 * Container output: kept per task and container, served through CloudWatch Logs (for awslogs
 * containers, read here with the AWS CLI v2) and through the console's logs route.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import { CreateClusterCommand, DescribeContainerInstancesCommand, DescribeTasksCommand, ListContainerInstancesCommand, RegisterTaskDefinitionCommand, RunTaskCommand, type Task } from "@aws-sdk/client-ecs";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { credentials, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";

const CLUSTER = "logs";
let t: TestServer;
let task: Task;

async function aws(...args: string[]): Promise<any> {
  const { stdout } = await promisify(execFile)("/usr/bin/aws", ["--endpoint-url", t.server.url, "--output", "json", ...args], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" },
  });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

before(async () => {
  t = await startTestServer("127.79");
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  const userData = Buffer.from(`echo ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config`).toString("base64");
  await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "logs-lc", ImageId: "ami-ecs", InstanceType: "t3.micro", UserData: userData }));
  await t.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "logs-asg", LaunchConfigurationName: "logs-lc", MinSize: 0, MaxSize: 1, DesiredCapacity: 1 }));
  await waitFor("an instance", async () => (await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }))).containerInstanceArns!.length === 1);
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "talker",
      containerDefinitions: [
        {
          name: "app",
          image: "stevedore/sample-web:latest",
          memory: 16,
          command: ["sh", "-c", "echo hello from the app; echo an error >&2; echo ERROR disk full; echo done"],
          logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/talker", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs" } },
        },
      ],
    }),
  );
  const { tasks } = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "talker" }));
  task = await waitFor("the task to stop", async () => {
    const d = (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [tasks![0]!.taskArn!] }))).tasks![0]!;
    return d.lastStatus === "STOPPED" ? d : undefined;
  });
});
after(async () => {
  await t?.close();
});

const taskId = () => task.taskArn!.split("/").pop()!;

test("an awslogs container's lines are read with aws logs get-log-events, in ECS's stream name", async () => {
  const stream = `ecs/app/${taskId()}`;
  const out = await waitFor("the lines", async () => {
    const r = await aws("logs", "get-log-events", "--log-group-name", "/ecs/talker", "--log-stream-name", stream, "--start-from-head");
    return r.events.length >= 4 ? r : undefined;
  });
  assert.deepEqual(out.events.map((e: { message: string }) => e.message).sort(), ["ERROR disk full", "an error", "done", "hello from the app"]);
  assert.ok(out.events.every((e: { timestamp: number }) => e.timestamp > 1_700_000_000_000), "timestamps in epoch milliseconds");
  const streams = await aws("logs", "describe-log-streams", "--log-group-name", "/ecs/talker");
  assert.deepEqual(streams.logStreams.map((s: { logStreamName: string }) => s.logStreamName), [stream]);
  const filtered = await aws("logs", "filter-log-events", "--log-group-name", "/ecs/talker", "--filter-pattern", "ERROR");
  assert.deepEqual(filtered.events.map((e: { message: string }) => e.message), ["ERROR disk full"]);
  await assert.rejects(aws("logs", "get-log-events", "--log-group-name", "/ecs/nope", "--log-stream-name", "x"), /ResourceNotFoundException/);
});

test("the console's logs route pages every container's lines, and a resent batch is not kept twice", async () => {
  const url = `${t.server.url}/stevedore/v1/clusters/${CLUSTER}/tasks/${taskId()}/logs`;
  const first = (await (await fetch(url)).json()) as { events: { container: string; timestamp: number; message: string }[]; next: number };
  assert.equal(first.events.length, 4);
  assert.ok(first.events.every((e: { container: string }) => e.container === "app"));
  const later = (await (await fetch(`${url}?after=${first.next}`)).json()) as { events: unknown[] };
  assert.deepEqual(later.events, []);
  // An agent that restarts sends the last seconds again.
  const resend = {
    cluster: task.clusterArn,
    containerInstanceArn: task.containerInstanceArn,
    taskArn: task.taskArn,
    containerName: "app",
    events: first.events.map((e: { timestamp: number; message: string }) => ({ timestamp: e.timestamp, message: e.message })),
  };
  const { containerInstances } = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: [task.containerInstanceArn!] }));
  const agentToken = t.server.agentToken(containerInstances![0]!.ec2InstanceId!)!;
  const res = await fetch(`${t.server.url}/agent/v1/logs`, { method: "POST", headers: { "content-type": "application/json", "x-stevedore-agent-token": agentToken }, body: JSON.stringify(resend) });
  assert.equal(res.status, 200);
  const again = (await (await fetch(url)).json()) as { events: unknown[] };
  assert.equal(again.events.length, 4);
});
