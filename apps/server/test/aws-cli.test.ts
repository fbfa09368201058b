/**
 * The workshop's path: AWS CLI v2 (Debian's /usr/bin/aws) with --endpoint-url against a real server,
 * from an empty cluster to a running task and back, waiters included.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { DeleteTaskDefinitionsCommand } from "@aws-sdk/client-ecs";
import { startTestServer, type TestServer } from "./support/test-server.ts";
import { awsCli } from "./support/aws-cli.ts";

let t: TestServer;
before(async () => {
  t = await startTestServer("127.72");
});
after(async () => {
  await t?.close();
});

const aws = awsCli(() => t);

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

test("task definition families, revisions, deregistration, deletion and tags with the AWS CLI", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cli-")), "taskdef.json");
  const definition = (value: string) => ({
    family: "lifecycle",
    containerDefinitions: [{ name: "app", image: "stevedore/sample-web:latest", memory: 32, environment: [{ name: "V", value }] }],
  });
  fs.writeFileSync(file, JSON.stringify(definition("1")));
  const first = await aws("ecs", "register-task-definition", "--cli-input-json", `file://${file}`, "--tags", "key=team,value=red");
  fs.writeFileSync(file, JSON.stringify(definition("2")));
  const second = await aws("ecs", "register-task-definition", "--cli-input-json", `file://${file}`);
  assert.deepEqual([first.taskDefinition.revision, second.taskDefinition.revision], [1, 2]);
  assert.ok((await aws("ecs", "list-task-definition-families", "--family-prefix", "life")).families.includes("lifecycle"));
  const desc = await aws("ecs", "list-task-definitions", "--family-prefix", "lifecycle", "--sort", "DESC");
  assert.deepEqual(desc.taskDefinitionArns, [second.taskDefinition.taskDefinitionArn, first.taskDefinition.taskDefinitionArn]);
  const described = await aws("ecs", "describe-task-definition", "--task-definition", "lifecycle:1", "--include", "TAGS");
  assert.deepEqual(described.tags, [{ key: "team", value: "red" }]);

  // Deregistered revisions are INACTIVE; only they can be deleted.
  const deregistered = await aws("ecs", "deregister-task-definition", "--task-definition", "lifecycle:1");
  assert.equal(deregistered.taskDefinition.status, "INACTIVE");
  assert.deepEqual((await aws("ecs", "list-task-definitions", "--family-prefix", "lifecycle", "--status", "INACTIVE")).taskDefinitionArns, [first.taskDefinition.taskDefinitionArn]);
  // This CLI predates DeleteTaskDefinitions (2023); the SDK has it.
  const deleted = await t.ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: ["lifecycle:1", "lifecycle:2"] }));
  assert.equal(deleted.taskDefinitions?.[0]?.status, "DELETE_IN_PROGRESS");
  assert.match(deleted.failures?.[0]?.reason ?? "", /still in ACTIVE status/);

  // Tags on any resource by ARN.
  const arn = second.taskDefinition.taskDefinitionArn;
  await aws("ecs", "tag-resource", "--resource-arn", arn, "--tags", "key=env,value=test", "key=owner,value=workshop");
  await aws("ecs", "untag-resource", "--resource-arn", arn, "--tag-keys", "owner");
  assert.deepEqual((await aws("ecs", "list-tags-for-resource", "--resource-arn", arn)).tags, [{ key: "env", value: "test" }]);
  await assert.rejects(aws("ecs", "list-tags-for-resource", "--resource-arn", "arn:aws:ecs:us-east-1:123456789012:cluster/nope"), /ResourceNotFoundException/);
});

test("draining an instance and scaling the Auto Scaling group with the AWS CLI", async () => {
  await aws("ecs", "create-cluster", "--cluster-name", "drain");
  await aws("autoscaling", "create-launch-configuration", "--launch-configuration-name", "drain-lc", "--image-id", "ami-ecs", "--instance-type", "t3.micro", "--user-data", "ECS_CLUSTER=drain");
  await aws("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "drain-asg", "--launch-configuration-name", "drain-lc", "--min-size", "0", "--max-size", "3", "--desired-capacity", "1", "--availability-zones", "us-east-1a", "us-east-1b");
  await aws("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "drain-asg", "--desired-capacity", "2");
  let instances: string[] = [];
  for (let i = 0; i < 60 && instances.length < 2; i++) {
    instances = (await aws("ecs", "list-container-instances", "--cluster", "drain")).containerInstanceArns;
    if (instances.length < 2) await new Promise((r) => setTimeout(r, 500));
  }
  assert.equal(instances.length, 2);
  const drained = await aws("ecs", "update-container-instances-state", "--cluster", "drain", "--container-instances", instances[0]!, "--status", "DRAINING");
  assert.equal(drained.containerInstances[0].status, "DRAINING");
  const draining = await aws("ecs", "list-container-instances", "--cluster", "drain", "--status", "DRAINING");
  assert.deepEqual(draining.containerInstanceArns, [instances[0]]);
  const zones = (await aws("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "drain-asg")).AutoScalingGroups[0].Instances.map((i: { AvailabilityZone: string }) => i.AvailabilityZone).sort();
  assert.deepEqual(zones, ["us-east-1a", "us-east-1b"], "instances spread over the group's zones");
  await aws("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", "drain-asg", "--force-delete");
});
