/**
 * Fargate through the AWS APIs on the real Docker Engine: a cluster with no instances runs tasks and
 * a service with the FARGATE launch type or capacity providers, each task on its own address in the
 * subnet's zone, and refuses what Fargate refuses with ECS's messages.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteClusterCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  type Task,
} from "@aws-sdk/client-ecs";
import { defaultSubnets } from "@stevedore/shared";
import { startTestServer, waitFor, type TestServer } from "./support/test-server.ts";
import { awsCli } from "./support/aws-cli.ts";

const CLUSTER = "serverless";
let t: TestServer;
const [subnetA, subnetB] = defaultSubnets("us-east-1");
const network = (subnets = [subnetA!.subnetId, subnetB!.subnetId]) => ({ awsvpcConfiguration: { subnets, assignPublicIp: "ENABLED" as const } });

before(async () => {
  t = await startTestServer("127.86");
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER, capacityProviders: ["FARGATE", "FARGATE_SPOT"] }));
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "fg-web",
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: "256",
      memory: "512",
      ephemeralStorage: { sizeInGiB: 21 },
      containerDefinitions: [{ name: "web", image: "stevedore/sample-web:latest", portMappings: [{ containerPort: 80 }], stopTimeout: 2 }],
    }),
  );
  // Made for EC2 only: bridge networking, no task size.
  await t.ecs.send(new RegisterTaskDefinitionCommand({ family: "ec2-only", containerDefinitions: [{ name: "main", image: "stevedore/sample-web:latest", memory: 32 }] }));
});
after(async () => {
  await t?.close();
});

const aws = awsCli(() => t);
const describe = async (arns: string[]): Promise<Task[]> => (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns }))).tasks!;
const detail = (task: Task, name: string) => (task.attachments?.[0]?.details ?? []).find((d) => d.name === name)?.value;

test("RunTask with the FARGATE launch type runs a task on its own address, in its subnet's zone, with no container instance", async () => {
  const { containerInstanceArns } = await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }));
  assert.deepEqual(containerInstanceArns, []);
  const { tasks } = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "fg-web", launchType: "FARGATE", networkConfiguration: network([subnetB!.subnetId]) }));
  const arn = tasks![0]!.taskArn!;
  assert.equal(tasks![0]!.launchType, "FARGATE");
  assert.equal(tasks![0]!.platformVersion, "1.4.0");
  const task = await waitFor("the Fargate task RUNNING", async () => (await describe([arn])).find((x) => x.lastStatus === "RUNNING"));
  assert.equal(task.containerInstanceArn, undefined);
  assert.deepEqual(task.ephemeralStorage, { sizeInGiB: 21 });
  assert.equal(task.availabilityZone, subnetB!.availabilityZone);
  assert.equal(detail(task, "subnetId"), subnetB!.subnetId);
  const address = detail(task, "privateIPv4Address")!;
  assert.deepEqual(task.containers![0]!.networkBindings, [{ bindIP: address, containerPort: 80, hostPort: 80, protocol: "tcp" }]);
  // RUNNING means the container started; the sample's web server is up a moment later.
  const page = await waitFor("the task's page", () => fetch(`http://${address}/`).then((r) => r.text(), () => undefined));
  assert.match(page, new RegExp(arn.split("/").at(-1)!));

  await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: arn }));
  const stopped = await waitFor("the Fargate task STOPPED", async () => (await describe([arn])).find((x) => x.lastStatus === "STOPPED"));
  assert.equal(stopped.stopCode, "UserInitiated");
});

test("a lab's AWS CLI path: the default subnets from EC2, then run-task --launch-type FARGATE into them", async () => {
  const { Subnets } = await aws("ec2", "describe-subnets", "--filters", "Name=default-for-az,Values=true");
  assert.deepEqual(
    Subnets.map((s: { SubnetId: string; AvailabilityZone: string }) => [s.SubnetId, s.AvailabilityZone]),
    defaultSubnets("us-east-1").map((s) => [s.subnetId, s.availabilityZone]),
  );
  const { SecurityGroups } = await aws("ec2", "describe-security-groups", "--filters", "Name=group-name,Values=default");
  const network = `awsvpcConfiguration={subnets=[${Subnets[2].SubnetId}],securityGroups=[${SecurityGroups[0].GroupId}],assignPublicIp=ENABLED}`;
  const run = await aws("ecs", "run-task", "--cluster", CLUSTER, "--task-definition", "fg-web", "--launch-type", "FARGATE", "--network-configuration", network);
  const arn = run.tasks[0].taskArn;
  await aws("ecs", "wait", "tasks-running", "--cluster", CLUSTER, "--tasks", arn);
  const [task] = await describe([arn]);
  assert.equal(task!.availabilityZone, Subnets[2].AvailabilityZone);
  // The getting-started step: the task's ENI from its attachment, its public IP from EC2, then the page.
  const eni = detail(task!, "networkInterfaceId")!;
  const { NetworkInterfaces } = await aws("ec2", "describe-network-interfaces", "--network-interface-ids", eni);
  assert.equal(NetworkInterfaces[0].SubnetId, Subnets[2].SubnetId);
  const publicIp = NetworkInterfaces[0].Association.PublicIp;
  assert.equal(publicIp, detail(task!, "privateIPv4Address"));
  assert.match(await waitFor("the page on the public IP", () => fetch(`http://${publicIp}/`).then((r) => r.text(), () => undefined)), /Hello from Stevedore/);
  await aws("ecs", "stop-task", "--cluster", CLUSTER, "--task", arn);
  await aws("ecs", "wait", "tasks-stopped", "--cluster", CLUSTER, "--tasks", arn);
});

test("Fargate refuses definitions not made for it, missing networking, placement, and a launch type with a strategy", async () => {
  const refused = async (input: Partial<ConstructorParameters<typeof RunTaskCommand>[0]>, message: RegExp) =>
    assert.rejects(t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "fg-web", ...input })), (err: Error) => {
      assert.equal(err.name, "InvalidParameterException");
      assert.match(err.message, message);
      return true;
    });
  await refused({ taskDefinition: "ec2-only", launchType: "FARGATE" }, /^Task definition does not support launch_type FARGATE\.$/);
  await refused({ launchType: "FARGATE" }, /^Network Configuration must be provided when networkMode 'awsvpc' is specified\.$/);
  await refused({ launchType: "FARGATE", networkConfiguration: network(), placementStrategy: [{ type: "random" }] }, /^Placement strategies are not supported with FARGATE launch type\.$/);
  await refused(
    { launchType: "FARGATE", networkConfiguration: network(), capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1 }] },
    /^Specifying both a launch type and capacity provider strategy is not supported\. Remove one and try again\.$/,
  );
  await refused({ launchType: "EC2", platformVersion: "LATEST", networkConfiguration: network() }, /^The platform version must be null when specifying an EC2 launch type\.$/);
  const daemon = (input: Partial<ConstructorParameters<typeof CreateServiceCommand>[0]>) =>
    t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: "fg-daemon", taskDefinition: "fg-web", schedulingStrategy: "DAEMON", networkConfiguration: network(), ...input }));
  await assert.rejects(daemon({ capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1 }] }), /^InvalidParameterException: The DAEMON scheduling strategy does not support capacity provider strategies/);
  await assert.rejects(daemon({ launchType: "FARGATE" }), /^InvalidParameterException: The DAEMON scheduling strategy is not supported with the FARGATE launch type\.$/);
});

test("a service on FARGATE and FARGATE_SPOT keeps its count across zones and replaces a task that stops", async () => {
  await t.ecs.send(
    new CreateServiceCommand({
      cluster: CLUSTER,
      serviceName: "fg-svc",
      taskDefinition: "fg-web",
      desiredCount: 4,
      capacityProviderStrategy: [
        { capacityProvider: "FARGATE", weight: 1, base: 1 },
        { capacityProvider: "FARGATE_SPOT", weight: 1 },
      ],
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnetA!.subnetId, subnetB!.subnetId] } },
    }),
  );
  const serviceTasks = async () => {
    const { taskArns } = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: "fg-svc" }));
    return taskArns!.length ? describe(taskArns!) : [];
  };
  const running = await waitFor("4 service tasks RUNNING", async () => {
    const tasks = await serviceTasks();
    return tasks.length === 4 && tasks.every((x) => x.lastStatus === "RUNNING") ? tasks : undefined;
  });
  const providers = running.map((x) => x.capacityProviderName).sort();
  // The base puts 1 on FARGATE; the other 3 follow the weights 1:1 (FARGATE 1 more or less).
  assert.ok(providers.filter((p) => p === "FARGATE").length >= 2 && providers.filter((p) => p === "FARGATE_SPOT").length >= 1, providers.join(","));
  const zones = running.map((x) => x.availabilityZone);
  assert.equal(zones.filter((z) => z === subnetA!.availabilityZone).length, 2, zones.join(","));
  assert.equal(new Set(running.map((x) => detail(x, "privateIPv4Address"))).size, 4);

  // Without assignPublicIp (the service's network says DISABLED), the interfaces have no public IP.
  const { NetworkInterfaces } = await aws("ec2", "describe-network-interfaces", "--filters", `Name=subnet-id,Values=${subnetA!.subnetId}`);
  assert.equal(NetworkInterfaces.length, 2);
  assert.ok(NetworkInterfaces.every((n: { Association?: unknown }) => n.Association === undefined));

  const [service] = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ["fg-svc"] }))).services!;
  assert.equal(service!.launchType, undefined);
  assert.deepEqual(service!.capacityProviderStrategy?.map((s) => s.capacityProvider), ["FARGATE", "FARGATE_SPOT"]);
  assert.equal(service!.platformVersion, "1.4.0");

  const victim = running[0]!.taskArn!;
  await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: victim }));
  await waitFor("a replacement RUNNING", async () => {
    const tasks = await serviceTasks();
    return tasks.length === 4 && !tasks.some((x) => x.taskArn === victim) && tasks.every((x) => x.lastStatus === "RUNNING") ? true : undefined;
  });

  await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: "fg-svc", desiredCount: 0 }));
  await waitFor("the service scaled in", async () => ((await serviceTasks()).length === 0 ? true : undefined));
});

test("a deleted cluster takes its Fargate host with it", async () => {
  await t.ecs.send(new CreateClusterCommand({ clusterName: "short-lived", capacityProviders: ["FARGATE"] }));
  const { tasks } = await t.ecs.send(new RunTaskCommand({ cluster: "short-lived", taskDefinition: "fg-web", launchType: "FARGATE", networkConfiguration: network() }));
  await waitFor("the task RUNNING", async () => (await t.ecs.send(new DescribeTasksCommand({ cluster: "short-lived", tasks: [tasks![0]!.taskArn!] }))).tasks![0]!.lastStatus === "RUNNING");
  await t.ecs.send(new StopTaskCommand({ cluster: "short-lived", task: tasks![0]!.taskArn! }));
  await waitFor("the task STOPPED", async () => (await t.ecs.send(new DescribeTasksCommand({ cluster: "short-lived", tasks: [tasks![0]!.taskArn!] }))).tasks![0]!.lastStatus === "STOPPED");
  await t.ecs.send(new DeleteClusterCommand({ cluster: "short-lived" }));
  // Created again, the cluster gets a new host that runs its tasks.
  await t.ecs.send(new CreateClusterCommand({ clusterName: "short-lived", capacityProviders: ["FARGATE"] }));
  const again = await t.ecs.send(new RunTaskCommand({ cluster: "short-lived", taskDefinition: "fg-web", launchType: "FARGATE", networkConfiguration: network() }));
  const arn = again.tasks![0]!.taskArn!;
  await waitFor("the new cluster's task RUNNING", async () => (await t.ecs.send(new DescribeTasksCommand({ cluster: "short-lived", tasks: [arn] }))).tasks![0]!.lastStatus === "RUNNING");
  await t.ecs.send(new StopTaskCommand({ cluster: "short-lived", task: arn }));
});
