/**
 * The workshop's path: AWS CLI v2 (Debian's /usr/bin/aws) with --endpoint-url against a real server,
 * from an empty cluster to a running task and back, waiters included.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import { credentials, startTestServer, type TestServer } from "./support/test-server.ts";

let t: TestServer;
before(async () => {
  t = await startTestServer("127.72");
});
after(async () => {
  await t?.close();
});

async function aws(...args: string[]): Promise<any> {
  const { stdout } = await promisify(execFile)("/usr/bin/aws", ["--endpoint-url", t.server.url, "--output", "json", ...args], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" },
  });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

test("a workshop runs a task with the AWS CLI v2", { timeout: 180_000 }, async () => {
  const created = await aws("ecs", "create-cluster", "--cluster-name", "workshop");
  assert.equal(created.cluster.status, "ACTIVE");
  assert.deepEqual((await aws("ecs", "list-clusters")).clusterArns, [created.cluster.clusterArn]);

  await aws("autoscaling", "create-launch-configuration", "--launch-configuration-name", "workshop-lc", "--image-id", "ami-ecs", "--instance-type", "t3.micro", "--user-data", "#!/bin/bash\necho ECS_CLUSTER=workshop >> /etc/ecs/ecs.config");
  await aws("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "workshop-asg", "--launch-configuration-name", "workshop-lc", "--min-size", "1", "--max-size", "3", "--desired-capacity", "1", "--availability-zones", "us-east-1a");
  const groups = await aws("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "workshop-asg");
  assert.equal(groups.AutoScalingGroups[0].DesiredCapacity, 1);
  assert.equal(groups.AutoScalingGroups[0].Instances.length, 1);

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cli-")), "taskdef.json");
  fs.writeFileSync(file, JSON.stringify({
    family: "hello",
    containerDefinitions: [{ name: "web", image: "stevedore/sample-web:latest", memory: 64, portMappings: [{ containerPort: 80 }] }],
  }));
  const registered = await aws("ecs", "register-task-definition", "--cli-input-json", `file://${file}`);
  assert.equal(registered.taskDefinition.taskDefinitionArn, `arn:aws:ecs:us-east-1:${t.config.accountId}:task-definition/hello:1`);

  // The agent registers within seconds; a workshop would simply retry.
  let instances: string[] = [];
  for (let i = 0; i < 60 && instances.length === 0; i++) {
    instances = (await aws("ecs", "list-container-instances", "--cluster", "workshop")).containerInstanceArns;
    if (!instances.length) await new Promise((r) => setTimeout(r, 500));
  }
  assert.equal(instances.length, 1);

  const run = await aws("ecs", "run-task", "--cluster", "workshop", "--task-definition", "hello");
  const taskArn = run.tasks[0].taskArn;
  await aws("ecs", "wait", "tasks-running", "--cluster", "workshop", "--tasks", taskArn);
  const described = await aws("ecs", "describe-tasks", "--cluster", "workshop", "--tasks", taskArn);
  const binding = described.tasks[0].containers[0].networkBindings[0];
  const res = await fetch(`http://${binding.bindIP}:${binding.hostPort}/`);
  assert.equal(res.status, 200);

  await aws("ecs", "stop-task", "--cluster", "workshop", "--task", taskArn, "--reason", "Workshop finished");
  await aws("ecs", "wait", "tasks-stopped", "--cluster", "workshop", "--tasks", taskArn);
  const stopped = await aws("ecs", "describe-tasks", "--cluster", "workshop", "--tasks", taskArn);
  assert.equal(stopped.tasks[0].stoppedReason, "Workshop finished");
  assert.equal(stopped.tasks[0].lastStatus, "STOPPED");

  await aws("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", "workshop-asg", "--force-delete");
});
