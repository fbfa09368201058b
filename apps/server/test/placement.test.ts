/**
 * Placement end to end: instances of mixed types in three zones, a custom attribute set with the AWS
 * CLI, and RunTask with each of the console's placement templates and with memberOf expressions. Where
 * each task lands is read from DescribeTasks and checked on Docker.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import {
  CreateClusterCommand,
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type ContainerInstance,
  type PlacementConstraint,
  type PlacementStrategy,
  type Task,
} from "@aws-sdk/client-ecs";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { credentials, dockerContainers, dockerInspect, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";

const CLUSTER = "placement";
let t: TestServer;
let instances: ContainerInstance[] = [];
const attr = (ci: ContainerInstance, name: string) => ci.attributes?.find((a) => a.name === name)?.value;
const byArn = (arn: string) => instances.find((i) => i.containerInstanceArn === arn)!;

async function aws(...args: string[]): Promise<any> {
  const { stdout } = await promisify(execFile)("/usr/bin/aws", ["--endpoint-url", t.server.url, "--output", "json", ...args], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" },
  });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

async function group(name: string, type: string, zones: string[]) {
  const userData = Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config\n`).toString("base64");
  await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: name, ImageId: "ami-ecs", InstanceType: type, UserData: userData }));
  await t.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: name, LaunchConfigurationName: name, MinSize: 0, MaxSize: 5, DesiredCapacity: zones.length, AvailabilityZones: zones }));
}

async function run(count: number, placementStrategy: PlacementStrategy[] = [], placementConstraints: PlacementConstraint[] = []) {
  const out = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "placed", count, placementStrategy, placementConstraints }));
  return { tasks: out.tasks ?? [], failures: out.failures ?? [], on: (out.tasks ?? []).map((task) => byArn(task.containerInstanceArn!)) };
}

/** Stops tasks and waits until they are STOPPED, so they no longer count in their group. */
async function stopAll(tasks: Task[]) {
  for (const task of tasks) await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task.taskArn! }));
  await waitFor("the tasks to stop", async () => {
    const { tasks: now } = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: tasks.map((task) => task.taskArn!) }));
    return now!.every((task) => task.lastStatus === "STOPPED");
  });
}

before(async () => {
  t = await startTestServer("127.77");
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  await group("micro", "t3.micro", ["us-east-1a", "us-east-1b", "us-east-1c"]);
  await group("large", "m5.large", ["us-east-1a", "us-east-1b"]);
  instances = await waitFor("five instances", async () => {
    const arns = (await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }))).containerInstanceArns!;
    if (arns.length !== 5) return undefined;
    return (await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: arns }))).containerInstances;
  });
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "placed",
      containerDefinitions: [{ name: "main", image: "stevedore/sample-web:latest", memory: 256, cpu: 128, command: ["sleep", "3600"], stopTimeout: 2, portMappings: [{ containerPort: 80 }] }],
    }),
  );
  // A custom attribute, set as a workshop would.
  const prod = instances.filter((i) => attr(i, "ecs.instance-type") === "m5.large")[0]!;
  await aws("ecs", "put-attributes", "--cluster", CLUSTER, "--attributes", `name=stack,value=prod,targetId=${prod.containerInstanceArn}`);
  const arns = instances.map((i) => i.containerInstanceArn!);
  instances = (await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: arns }))).containerInstances!;
});
after(async () => {
  await t?.close();
});

describe("placement templates and constraints", () => {
  test("AZ Balanced Spread puts one task in each zone", async () => {
    const { tasks, on } = await run(3, [{ type: "spread", field: "attribute:ecs.availability-zone" }, { type: "spread", field: "instanceId" }]);
    assert.deepEqual(on.map((i) => attr(i, "ecs.availability-zone")).sort(), ["us-east-1a", "us-east-1b", "us-east-1c"]);
    // On Docker: each container's port is published on its own instance's address.
    const running = await Promise.all(tasks.map((task) =>
      waitFor("RUNNING", async () => {
        const d = (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [task.taskArn!] }))).tasks![0]!;
        return d.lastStatus === "RUNNING" ? d : undefined;
      }),
    ));
    for (const task of running) {
      const [id] = dockerContainers([`label=com.amazonaws.ecs.task-arn=${task.taskArn}`]);
      const bound = dockerInspect(id!).HostConfig.PortBindings["80/tcp"][0].HostIp;
      assert.equal(bound, task.containers![0]!.networkBindings![0]!.bindIP);
      assert.equal(dockerInspect(id!).Config.Labels["stevedore.container-instance-arn"], task.containerInstanceArn);
    }
    await stopAll(tasks);
  });

  test("BinPack on memory fills the instance with the least memory left", async () => {
    const { tasks, on } = await run(2, [{ type: "binpack", field: "memory" }]);
    assert.equal(on[0]!.containerInstanceArn, on[1]!.containerInstanceArn);
    assert.equal(attr(on[0]!, "ecs.instance-type"), "t3.micro");
    await stopAll(tasks);
  });

  test("One Task Per Host places at most one task of the group on each instance", async () => {
    const { tasks, on, failures } = await run(6, [], [{ type: "distinctInstance" }]);
    assert.equal(tasks.length, 5);
    assert.equal(new Set(on.map((i) => i.containerInstanceArn)).size, 5);
    assert.ok(failures.length > 0);
    assert.ok(failures.every((f) => f.reason === "DistinctInstance placement constraint unsatisfied."));
    await stopAll(tasks);
  });

  test("memberOf keeps tasks on the instances its expression matches", async () => {
    const m5 = await run(3, [], [{ type: "memberOf", expression: "attribute:ecs.instance-type =~ m5.*" }]);
    assert.equal(m5.tasks.length, 3);
    assert.ok(m5.on.every((i) => attr(i, "ecs.instance-type") === "m5.large"));
    const prod = await run(2, [], [{ type: "memberOf", expression: "attribute:stack == prod" }]);
    assert.equal(prod.tasks.length, 2);
    assert.ok(prod.on.every((i) => attr(i, "stack") === "prod"));
    const zonesAB = await run(2, [], [{ type: "memberOf", expression: "attribute:ecs.availability-zone in [us-east-1a, us-east-1b] and not(attribute:ecs.instance-type == m5.large)" }]);
    assert.ok(zonesAB.on.every((i) => attr(i, "ecs.instance-type") === "t3.micro" && attr(i, "ecs.availability-zone") !== "us-east-1c"));
    const none = await run(1, [], [{ type: "memberOf", expression: "attribute:ecs.instance-type == c5.large" }]);
    assert.equal(none.tasks.length, 0);
    assert.deepEqual([...new Set(none.failures.map((f) => f.reason))], ["MemberOf placement constraint unsatisfied."]);
    await stopAll([...m5.tasks, ...prod.tasks, ...zonesAB.tasks]);
  });

  test("the task group anti-affinity expression keeps a new group away from instances hosting another", async () => {
    const first = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "placed", group: "database", count: 1 }));
    const dbInstance = first.tasks![0]!.containerInstanceArn;
    const web = await run(4, [], [{ type: "memberOf", expression: "not(task:group == database)" }]);
    assert.equal(web.tasks.length, 4);
    assert.ok(web.on.every((i) => i.containerInstanceArn !== dbInstance));
    await stopAll([...first.tasks!, ...web.tasks]);
  });

  test("ListContainerInstances filters with the cluster query language, from the AWS CLI", async () => {
    const micro = await aws("ecs", "list-container-instances", "--cluster", CLUSTER, "--filter", "attribute:ecs.instance-type == t3.micro");
    assert.equal(micro.containerInstanceArns.length, 3);
    const prod = await aws("ecs", "list-container-instances", "--cluster", CLUSTER, "--filter", "attribute:stack == prod");
    assert.equal(prod.containerInstanceArns.length, 1);
    const notProd = await aws("ecs", "list-container-instances", "--cluster", CLUSTER, "--filter", "attribute:stack != prod");
    assert.equal(notProd.containerInstanceArns.length, 0, "instances without the attribute do not match !=");
    const t2 = await aws("ecs", "list-container-instances", "--cluster", CLUSTER, "--filter", "attribute:ecs.instance-type =~ t3.* and attribute:ecs.availability-zone == us-east-1a");
    assert.equal(t2.containerInstanceArns.length, 1);
  });

  test("a malformed expression is refused with where it went wrong", async () => {
    await assert.rejects(
      t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "placed", placementConstraints: [{ type: "memberOf", expression: "attribute:ecs.instance-type in [t3.micro" }] })),
      (err: Error) => err.name === "InvalidParameterException" && /position \d+/.test(err.message),
    );
  });
});
