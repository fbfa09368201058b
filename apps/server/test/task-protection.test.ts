/**
 * The ECS actions tutorials and workshops use besides RunTask: StartTask on named container instances,
 * task scale-in protection that a service's scale-in respects, ListServicesByNamespace; with the AWS
 * CLI v2 and the SDK.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  GetTaskProtectionCommand,
  ListContainerInstancesCommand,
  ListServicesByNamespaceCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StartTaskCommand,
  UpdateServiceCommand,
  UpdateTaskProtectionCommand,
  waitUntilServicesStable,
} from "@aws-sdk/client-ecs";
import { EC2Client, RunInstancesCommand } from "@aws-sdk/client-ec2";
import { credentials, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";
import { awsCli } from "./support/aws-cli.ts";

let t: TestServer;
let instances: string[] = [];
before(async () => {
  t = await startTestServer("127.113");
  const ec2 = new EC2Client({ endpoint: t.server.url, region: "us-east-1", credentials });
  await t.ecs.send(new CreateClusterCommand({ clusterName: "extras" }));
  const userData = Buffer.from("#!/bin/bash\necho ECS_CLUSTER=extras >> /etc/ecs/ecs.config\n").toString("base64");
  await ec2.send(new RunInstancesCommand({ ImageId: "ami-0123456789abcdef0", InstanceType: "t3.medium", MinCount: 2, MaxCount: 2, UserData: userData }));
  instances = await waitFor("two container instances", async () => {
    const { containerInstanceArns } = await t.ecs.send(new ListContainerInstancesCommand({ cluster: "extras" }));
    return containerInstanceArns?.length === 2 ? containerInstanceArns : undefined;
  });
  await t.ecs.send(new RegisterTaskDefinitionCommand({ family: "web", containerDefinitions: [{ name: "web", image: "stevedore/sample-web:latest", memory: 64, portMappings: [{ containerPort: 80 }], stopTimeout: 2 }] }));
});
after(async () => {
  await t?.close();
});

const aws = awsCli(() => t);

test("StartTask places one task on each container instance named, and says which were missing", async () => {
  const started = await aws("ecs", "start-task", "--cluster", "extras", "--task-definition", "web", "--container-instances", instances[1]!, "arn:aws:ecs:us-east-1:123456789012:container-instance/extras/0123456789abcdef");
  assert.equal(started.tasks.length, 1);
  assert.equal(started.tasks[0].containerInstanceArn, instances[1]);
  assert.deepEqual(started.failures, [{ arn: "arn:aws:ecs:us-east-1:123456789012:container-instance/extras/0123456789abcdef", reason: "MISSING" }]);
  const both = await t.ecs.send(new StartTaskCommand({ cluster: "extras", taskDefinition: "web", containerInstances: instances, startedBy: "my-scheduler" }));
  assert.deepEqual(both.tasks!.map((x) => x.containerInstanceArn).sort(), [...instances].sort());
  assert.deepEqual(both.tasks!.map((x) => x.startedBy), ["my-scheduler", "my-scheduler"]);
});

test("task protection: a service's scale-in keeps the protected task; standalone tasks cannot be protected", { timeout: 180_000 }, async () => {
  await t.ecs.send(new CreateServiceCommand({ cluster: "extras", serviceName: "kept", taskDefinition: "web", desiredCount: 3 }));
  await waitUntilServicesStable({ client: t.ecs, maxWaitTime: 120, minDelay: 1 }, { cluster: "extras", services: ["kept"] });
  const { taskArns } = await t.ecs.send(new ListTasksCommand({ cluster: "extras", serviceName: "kept" }));
  const keep = taskArns![1]!;
  const updated = await aws("ecs", "update-task-protection", "--cluster", "extras", "--tasks", keep, "--protection-enabled", "--expires-in-minutes", "60");
  assert.equal(updated.protectedTasks[0].taskArn, keep);
  assert.equal(updated.protectedTasks[0].protectionEnabled, true);
  const expires = Date.parse(updated.protectedTasks[0].expirationDate);
  assert.ok(expires > Date.now() + 55 * 60_000 && expires <= Date.now() + 61 * 60_000);

  await t.ecs.send(new UpdateServiceCommand({ cluster: "extras", service: "kept", desiredCount: 1 }));
  await waitFor("the service to scale in to the protected task", async () => {
    const { taskArns: left } = await t.ecs.send(new ListTasksCommand({ cluster: "extras", serviceName: "kept", desiredStatus: "RUNNING" }));
    return left?.length === 1 && left[0] === keep;
  });
  const got = await t.ecs.send(new GetTaskProtectionCommand({ cluster: "extras", tasks: [keep] }));
  assert.equal(got.protectedTasks![0]!.protectionEnabled, true);

  const { tasks } = await t.ecs.send(new RunTaskCommand({ cluster: "extras", taskDefinition: "web" }));
  const standalone = await t.ecs.send(new UpdateTaskProtectionCommand({ cluster: "extras", tasks: [tasks![0]!.taskArn!], protectionEnabled: true }));
  assert.deepEqual(standalone.failures!.map((f) => f.reason), ["TASK_NOT_VALID"]);
  const off = await t.ecs.send(new UpdateTaskProtectionCommand({ cluster: "extras", tasks: [keep], protectionEnabled: false }));
  assert.equal(off.protectedTasks![0]!.protectionEnabled, false);
});

test("ListServicesByNamespace: no service uses Service Connect here", async () => {
  const out = await t.ecs.send(new ListServicesByNamespaceCommand({ namespace: "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abc" }));
  assert.deepEqual(out.serviceArns, []);
});
