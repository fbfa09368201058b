/**
 * ECS runs images from ECR: a service whose image is a repositoryUri:tag runs (the agent pulls it with
 * a registry password of the task's account, as the ECS agent does with its execution role); once
 * the image is deleted from the repository, the running task goes on and new tasks fail to start with
 * ECS's CannotPullContainerError.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BatchDeleteImageCommand, CreateRepositoryCommand, ECRClient } from "@aws-sdk/client-ecr";
import { CreateClusterCommand, CreateServiceCommand, DescribeServicesCommand, DescribeTasksCommand, ListContainerInstancesCommand, ListTasksCommand, RegisterTaskDefinitionCommand, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { credentials, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";
import { dockerCli, type DockerCli } from "./support/docker-cli.ts";

const CLUSTER = "ecr-tasks";
let t: TestServer;
let docker: DockerCli;
let ecr: ECRClient;

before(async () => {
  t = await startTestServer("127.63");
  ecr = new ECRClient({ endpoint: t.server.url, region: "us-east-1", credentials });
  docker = dockerCli();
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  const userData = Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config\n`).toString("base64");
  await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "ecr-lc", ImageId: "ami-ecs", InstanceType: "t3.medium", UserData: userData }));
  await t.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "ecr-asg", LaunchConfigurationName: "ecr-lc", MinSize: 0, MaxSize: 2, DesiredCapacity: 1, AvailabilityZones: ["us-east-1a"] }));
  await waitFor("an instance", async () => (await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }))).containerInstanceArns!.length === 1);
});
after(async () => {
  await docker?.cleanup();
  await t?.close();
});

test("a service runs an ECR image; deleted from the repository, it keeps running and new tasks cannot pull it", { timeout: 240_000 }, async () => {
  const { repository } = await ecr.send(new CreateRepositoryCommand({ repositoryName: "shop/web" }));
  const image = `${repository!.repositoryUri}:v1`;
  await docker.build(image, 1 << 20);
  await docker.ok(["login", "--username", "AWS", "--password-stdin", repository!.repositoryUri!.split("/")[0]!], t.server.ctx.ecr.tokens.issue(t.config.accountId).password);
  await docker.ok(["push", image]);
  // Nothing local to fall back on: the agent pulls from the registry.
  await docker.ok(["rmi", image]);

  const { taskDefinition } = await t.ecs.send(
    new RegisterTaskDefinitionCommand({ family: "shop-web", containerDefinitions: [{ name: "web", image, memory: 32, cpu: 64, stopTimeout: 2, portMappings: [{ containerPort: 80 }] }] }),
  );
  await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: "web", taskDefinition: taskDefinition!.taskDefinitionArn!, desiredCount: 1 }));
  const running = await waitFor("the service's task to run", async () => {
    const s = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ["web"] }))).services![0]!;
    return s.runningCount === 1 ? s : undefined;
  }, 120_000);
  assert.equal(running.runningCount, 1);
  const [taskArn] = (await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: "web" }))).taskArns!;

  const deleted = await ecr.send(new BatchDeleteImageCommand({ repositoryName: "shop/web", imageIds: [{ imageTag: "v1" }] }));
  assert.equal(deleted.imageIds?.length, 1);
  await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: "web", desiredCount: 2 }));
  const failed = await waitFor("a new task to fail to start", async () => {
    const arns = (await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: "web", desiredStatus: "STOPPED" }))).taskArns!;
    if (!arns.length) return undefined;
    return (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns }))).tasks!.find((task) => task.lastStatus === "STOPPED");
  }, 120_000);
  assert.equal(failed.stopCode, "TaskFailedToStart");
  assert.match(failed.containers![0]!.reason ?? "", /^CannotPullContainerError: .*manifest unknown: Requested image not found/);
  const first = (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [taskArn!] }))).tasks![0]!;
  assert.equal(first.lastStatus, "RUNNING", "the task started before the deletion goes on");
});
