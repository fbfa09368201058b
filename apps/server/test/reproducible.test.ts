/**
 * Reproducible mode: two servers started from nothing with the same seed and clock start, given the
 * same calls, answer the same identifiers and ARNs (instances, tasks, containers, deployments, Auto
 * Scaling's ARNs and activities); their clock starts at the fixed instant and runs on; signatures are
 * still checked against the real time (the AWS CLI signs with it).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { credentials, startTestServer, type TestServer } from "./support/test-server.ts";
import { awsAs } from "./support/workshop.ts";

const START = "2026-01-05T09:00:00.000Z";
const ACCOUNT = "246813579024";

/** The same lab, from a fresh data folder: everything it was answered that names an identifier. */
async function runLab(): Promise<{ ids: unknown; createdAt: number[] }> {
  let t: TestServer | undefined;
  try {
    t = await startTestServer("127.123", { embeddedAgents: false, signed: true, accountId: ACCOUNT, seed: "workshop", clockStart: new Date(START) });
    const server = t;
    const aws = awsAs(() => server, { accountId: ACCOUNT, ...credentials });
    await aws("autoscaling", "create-launch-configuration", "--launch-configuration-name", "lc", "--image-id", "ami-ecs", "--instance-type", "t3.small");
    await aws("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "asg", "--launch-configuration-name", "lc", "--min-size", "0", "--max-size", "2", "--desired-capacity", "2", "--availability-zones", "us-east-1a", "us-east-1b");
    const groups = (await aws("autoscaling", "describe-auto-scaling-groups")).AutoScalingGroups;
    const activities = (await aws("autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", "asg")).Activities;
    await (aws("ecs", "create-cluster", "--cluster-name", "serverless", "--capacity-providers", "FARGATE"));
    await aws("ecs", "register-task-definition", "--family", "web", "--network-mode", "awsvpc", "--requires-compatibilities", "FARGATE", "--cpu", "256", "--memory", "512", "--container-definitions", '[{"name":"web","image":"stevedore/sample-web:latest"}]');
    const subnets = (await aws("ec2", "describe-subnets")).Subnets.map((s: { SubnetId: string }) => s.SubnetId).sort();
    const network = `awsvpcConfiguration={subnets=[${subnets.join(",")}]}`;
    const run = await aws("ecs", "run-task", "--cluster", "serverless", "--task-definition", "web", "--launch-type", "FARGATE", "--count", "2", "--network-configuration", network);
    const service = (await aws("ecs", "create-service", "--cluster", "serverless", "--service-name", "web", "--task-definition", "web", "--desired-count", "0", "--launch-type", "FARGATE", "--network-configuration", network)).service;
    const tasks = run.tasks.map((task: { taskArn: string; containers: { containerArn: string }[]; attachments: unknown }) => ({ taskArn: task.taskArn, containers: task.containers.map((c) => c.containerArn), attachments: task.attachments }));
    return {
      ids: {
        groups: groups.map((g: { AutoScalingGroupARN: string; Instances: { InstanceId: string }[] }) => ({ arn: g.AutoScalingGroupARN, instances: g.Instances.map((i) => i.InstanceId).sort() })),
        activities: activities.map((a: { ActivityId: string; Description: string }) => `${a.ActivityId} ${a.Description}`).sort(),
        tasks,
        deployments: service.deployments.map((d: { id: string }) => d.id),
      },
      createdAt: [...run.tasks.map((task: { createdAt: number }) => task.createdAt), service.createdAt].map((s) => (typeof s === "number" ? s * 1000 : Date.parse(String(s).replace(/(\.\d{3})\d+/, "$1")))),
    };
  } finally {
    await t?.close();
  }
}

test("the same seed and clock start give the same identifiers, and the clock starts at the instant given", async () => {
  const first = await runLab();
  const second = await runLab();
  assert.deepEqual(second.ids, first.ids);
  const start = Date.parse(START);
  for (const at of [...first.createdAt, ...second.createdAt]) {
    assert.ok(at >= start && at < start + 5 * 60_000, `${new Date(at).toISOString()} is within minutes after ${START}`);
  }
  // Seeded identifiers keep their shapes.
  const ids = first.ids as { groups: { instances: string[] }[]; tasks: { taskArn: string }[]; deployments: string[] };
  assert.match(ids.groups[0]!.instances[0]!, /^i-[0-9a-f]{17}$/);
  assert.match(ids.tasks[0]!.taskArn, new RegExp(`^arn:aws:ecs:us-east-1:${ACCOUNT}:task/serverless/[0-9a-f]{32}$`));
  assert.match(ids.deployments[0]!, /^ecs-svc\/[1-9]\d{18}$/);
  // Back to the real clock once the servers are gone.
  assert.ok(Math.abs(Date.now() - new Date().getTime()) < 1000 && new Date().getFullYear() >= 2026 && Date.now() > start + 60 * 60_000);
});
