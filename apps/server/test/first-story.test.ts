/**
 * The first story end to end, through the AWS SDK against a real server and Docker Engine: a cluster,
 * an Auto Scaling group whose instances' agents register, a task definition, tasks that run as real
 * containers with ECS's states and bindings, stop, fail, and survive a server restart.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type Task,
} from "@aws-sdk/client-ecs";
import {
  CreateAutoScalingGroupCommand,
  CreateLaunchConfigurationCommand,
  DeleteAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
} from "@aws-sdk/client-auto-scaling";
import { dockerContainers, dockerInspect, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";

const CLUSTER = "story";
const userData = Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config;\n`).toString("base64");

let t: TestServer;
before(async () => {
  t = await startTestServer("127.71");
});
after(async () => {
  await t?.close();
});

async function describeTask(arn: string): Promise<Task> {
  const out = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [arn] }));
  return out.tasks![0]!;
}

const waitForStatus = (arn: string, status: string, timeoutMs = 60_000) =>
  waitFor(`task ${arn} to be ${status}`, async () => {
    const task = await describeTask(arn);
    return task.lastStatus === status ? task : undefined;
  }, timeoutMs);

describe("the first story", () => {
  test("CreateCluster makes an ACTIVE cluster that DescribeClusters shows", async () => {
    const { cluster } = await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
    assert.equal(cluster?.status, "ACTIVE");
    assert.equal(cluster?.clusterArn, `arn:aws:ecs:us-east-1:${t.config.accountId}:cluster/${CLUSTER}`);
    const described = await t.ecs.send(new DescribeClustersCommand({ clusters: [CLUSTER, "nope"] }));
    assert.equal(described.clusters?.[0]?.clusterName, CLUSTER);
    assert.deepEqual(described.failures?.map((f) => f.reason), ["MISSING"]);
  });

  test("an Auto Scaling group's instances run agents that register to the cluster from the user data", async () => {
    await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "story-lc", ImageId: "ami-ecs", InstanceType: "t3.small", UserData: userData }));
    await t.autoscaling.send(
      new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "story-asg", LaunchConfigurationName: "story-lc", MinSize: 0, MaxSize: 4, DesiredCapacity: 2, AvailabilityZones: ["us-east-1a", "us-east-1b"] }),
    );
    const arns = await waitFor("two registered container instances", async () => {
      const out = await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }));
      return out.containerInstanceArns?.length === 2 ? out.containerInstanceArns : undefined;
    });
    const { containerInstances } = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: arns }));
    const zones = containerInstances!.map((ci) => ci.attributes?.find((a) => a.name === "ecs.availability-zone")?.value).sort();
    assert.deepEqual(zones, ["us-east-1a", "us-east-1b"]);
    for (const ci of containerInstances!) {
      assert.equal(ci.status, "ACTIVE");
      assert.equal(ci.agentConnected, true);
      assert.equal(ci.registeredResources?.find((r) => r.name === "CPU")?.integerValue, 2048);
      assert.equal(ci.registeredResources?.find((r) => r.name === "MEMORY")?.integerValue, 1939);
      assert.match(ci.ec2InstanceId!, /^i-[0-9a-f]{17}$/);
    }
    const groups = await t.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["story-asg"] }));
    assert.equal(groups.AutoScalingGroups?.[0]?.Instances?.length, 2);
    const cluster = (await t.ecs.send(new DescribeClustersCommand({ clusters: [CLUSTER] }))).clusters![0]!;
    assert.equal(cluster.registeredContainerInstancesCount, 2);
  });

  let runningTasks: Task[] = [];

  test("RunTask starts real containers with the task's limits, labels and a published port on the instance's address", async () => {
    const { taskDefinition } = await t.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "web",
        containerDefinitions: [
          { name: "web", image: "stevedore/sample-web:latest", cpu: 256, memory: 128, essential: true, portMappings: [{ containerPort: 80, hostPort: 0, protocol: "tcp" }], environment: [{ name: "GREETING", value: "hello-workshop" }] },
        ],
      }),
    );
    assert.equal(taskDefinition?.revision, 1);
    const out = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "web", count: 3 }));
    assert.equal(out.failures?.length, 0);
    assert.equal(out.tasks?.length, 3);
    for (const task of out.tasks!) {
      assert.equal(task.lastStatus, "PROVISIONING");
      assert.equal(task.desiredStatus, "RUNNING");
      assert.equal(task.group, "family:web");
    }
    runningTasks = await Promise.all(out.tasks!.map((task) => waitForStatus(task.taskArn!, "RUNNING")));
    for (const task of runningTasks) {
      const [binding] = task.containers![0]!.networkBindings!;
      assert.match(binding!.bindIP!, /^127\.71\.0\.\d+$/);
      assert.equal(binding!.containerPort, 80);
      assert.ok(binding!.hostPort! > 0);
      assert.ok(task.startedAt);
      const page = await waitFor("the sample page", async () => {
        const res = await fetch(`http://${binding!.bindIP}:${binding!.hostPort}/`);
        return res.ok ? res.text() : undefined;
      });
      const id = task.taskArn!.split("/").pop()!;
      assert.match(page, new RegExp(`Task ID: <strong id="task-id">${id}</strong>`));
      assert.match(page, /GREETING=hello-workshop/);
      const [containerId] = dockerContainers([`label=com.amazonaws.ecs.task-arn=${task.taskArn}`]);
      assert.ok(containerId, "a container labelled with the task ARN");
      const inspected = dockerInspect(containerId);
      assert.equal(inspected.State.Running, true);
      assert.equal(inspected.HostConfig.Memory, 128 * 1024 * 1024);
      assert.equal(inspected.HostConfig.CpuShares, 256);
      assert.equal(inspected.Config.Labels["com.amazonaws.ecs.container-name"], "web");
      assert.equal(inspected.Id, task.containers![0]!.runtimeId);
    }
    const cluster = (await t.ecs.send(new DescribeClustersCommand({ clusters: [CLUSTER] }))).clusters![0]!;
    assert.equal(cluster.runningTasksCount, 3);
    const listed = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER }));
    assert.equal(listed.taskArns?.length, 3);
  });

  test("container instances report what their tasks reserve", async () => {
    const arns = (await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }))).containerInstanceArns!;
    const { containerInstances } = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: arns }));
    const total = containerInstances!.reduce((sum, ci) => sum + ci.runningTasksCount!, 0);
    assert.equal(total, 3);
    for (const ci of containerInstances!) {
      const remainingCpu = ci.remainingResources!.find((r) => r.name === "CPU")!.integerValue!;
      const remainingMemory = ci.remainingResources!.find((r) => r.name === "MEMORY")!.integerValue!;
      assert.equal(remainingCpu, 2048 - 256 * ci.runningTasksCount!);
      assert.equal(remainingMemory, 1939 - 128 * ci.runningTasksCount!);
    }
  });

  test("the server restarts and finds every task as it was, with no container started twice", async () => {
    const ours = [`label=com.amazonaws.ecs.cluster=${runningTasks[0]!.clusterArn}`, "label=com.amazonaws.ecs.task-definition-family=web", "status=running"];
    const before = dockerContainers(ours).sort();
    await t.restart();
    for (const task of runningTasks) {
      const again = await describeTask(task.taskArn!);
      assert.equal(again.lastStatus, "RUNNING");
      assert.equal(again.containers![0]!.runtimeId, task.containers![0]!.runtimeId);
    }
    // The agents come back and reconnect.
    await waitFor("agents to reconnect", async () => {
      const arns = (await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }))).containerInstanceArns!;
      const { containerInstances } = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: arns }));
      return containerInstances!.length === 2 && containerInstances!.every((ci) => ci.agentConnected);
    });
    await new Promise((r) => setTimeout(r, 2000));
    const after = dockerContainers(ours).sort();
    assert.deepEqual(after, before);
  });

  test("StopTask stops the container and the task reports ECS's reason, stop code and exit code", async () => {
    const task = runningTasks[0]!;
    const out = await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task.taskArn! }));
    assert.equal(out.task?.desiredStatus, "STOPPED");
    const stopped = await waitForStatus(task.taskArn!, "STOPPED");
    assert.equal(stopped.stoppedReason, "Task stopped by user");
    assert.equal(stopped.stopCode, "UserInitiated");
    assert.equal(typeof stopped.containers![0]!.exitCode, "number");
    assert.ok(stopped.stoppedAt);
    const inspected = dockerInspect(task.containers![0]!.runtimeId!);
    assert.equal(inspected.State.Running, false);
    const stoppedList = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, desiredStatus: "STOPPED" }));
    assert.deepEqual(stoppedList.taskArns, [task.taskArn]);
  });

  test("a task whose essential container exits stops with the container's exit code", async () => {
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "exits",
        containerDefinitions: [{ name: "main", image: "stevedore/sample-web:latest", memory: 32, essential: true, command: ["sh", "-c", "sleep 1; exit 3"] }],
      }),
    );
    const { tasks } = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "exits:1" }));
    const stopped = await waitForStatus(tasks![0]!.taskArn!, "STOPPED");
    assert.equal(stopped.stoppedReason, "Essential container in task exited");
    assert.equal(stopped.stopCode, "EssentialContainerExited");
    assert.equal(stopped.containers![0]!.exitCode, 3);
  });

  test("RunTask reports ECS's failure reasons when no instance can take a task", async () => {
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "big",
        containerDefinitions: [{ name: "main", image: "stevedore/sample-web:latest", memory: 4000, essential: true }],
      }),
    );
    const big = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "big" }));
    assert.equal(big.tasks?.length, 0);
    assert.deepEqual([...new Set(big.failures!.map((f) => f.reason))], ["RESOURCE:MEMORY"]);
    assert.match(big.failures![0]!.arn!, /:container-instance\/story\//);

    await t.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "static-port",
        containerDefinitions: [{ name: "web", image: "stevedore/sample-web:latest", memory: 32, essential: true, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
      }),
    );
    const ports = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "static-port", count: 3 }));
    assert.equal(ports.tasks?.length, 2, "one task per instance holds host port 8080");
    assert.deepEqual([...new Set(ports.failures!.map((f) => f.reason))], ["RESOURCE:PORTS"]);
    const placed = await Promise.all(ports.tasks!.map((task) => waitForStatus(task.taskArn!, "RUNNING")));
    const addresses = placed.map((p) => p.containers![0]!.networkBindings![0]!.bindIP).sort();
    assert.equal(new Set(addresses).size, 2, "each on its own instance address");
    for (const p of placed) assert.equal(p.containers![0]!.networkBindings![0]!.hostPort, 8080);
  });

  test("bad requests get ECS's errors", async () => {
    await assert.rejects(t.ecs.send(new RunTaskCommand({ cluster: "nope", taskDefinition: "web" })), { name: "ClusterNotFoundException" });
    await assert.rejects(t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "web", count: 11 })), { name: "InvalidParameterException" });
    await assert.rejects(t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "missing-family" })), { name: "ClientException", message: "Unable to describe task definition." });
    await assert.rejects(
      t.ecs.send(new RegisterTaskDefinitionCommand({ family: "bad", containerDefinitions: [{ name: "a", image: "x", memory: 64, memoryReservation: 128 }] })),
      { name: "ClientException" },
    );
    // What only the operator may allow registers, as on ECS, and is refused when it would run.
    await t.ecs.send(new RegisterTaskDefinitionCommand({ family: "priv", containerDefinitions: [{ name: "a", image: "x", memory: 64, privileged: true }] }));
    await t.ecs.send(new RegisterTaskDefinitionCommand({ family: "hostnet", networkMode: "host", containerDefinitions: [{ name: "a", image: "x", memory: 64 }] }));
    const priv = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "priv" }));
    assert.deepEqual(priv.tasks, []);
    assert.match(priv.failures![0]!.reason!, /containerDefinitions\[a\]\.privileged: .*STEVEDORE_ALLOW_PRIVILEGED=1/);
    const hostnet = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "hostnet" }));
    assert.match(hostnet.failures![0]!.reason!, /networkMode: .*STEVEDORE_ALLOW_HOST_NETWORK=1/);
    await assert.rejects(t.ecs.send(new DeleteClusterCommand({ cluster: CLUSTER })), { name: "ClusterContainsContainerInstancesException" });
  });

  test("deleting the Auto Scaling group terminates its instances and stops their tasks; then the cluster deletes", async () => {
    await t.autoscaling.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: "story-asg", ForceDelete: true }));
    await waitFor("container instances to deregister", async () => {
      const out = await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }));
      return out.containerInstanceArns?.length === 0;
    }, 90_000);
    const running = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER }));
    assert.equal(running.taskArns?.length, 0);
    const stoppedTask = await describeTask(runningTasks[1]!.taskArn!);
    assert.equal(stoppedTask.lastStatus, "STOPPED");
    assert.match(stoppedTask.stoppedReason!, /^Host EC2 \(instance i-[0-9a-f]+\) stopped\/terminated$/);
    const { cluster } = await t.ecs.send(new DeleteClusterCommand({ cluster: CLUSTER }));
    assert.equal(cluster?.status, "INACTIVE");
    assert.deepEqual(dockerContainers([`label=com.amazonaws.ecs.cluster=${cluster?.clusterArn}`, "status=running"]), []);
  });
});
