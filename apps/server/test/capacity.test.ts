/**
 * Capacity through the AWS APIs: scaling activities, draining, custom attributes, and an instance
 * terminated out from under its tasks, replaced by its Auto Scaling group.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  CreateCapacityProviderCommand,
  CreateClusterCommand,
  DeleteAttributesCommand,
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ListAttributesCommand,
  ListContainerInstancesCommand,
  ListTasksCommand,
  PutAttributesCommand,
  PutClusterCapacityProvidersCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateContainerInstancesStateCommand,
  type ContainerInstance,
} from "@aws-sdk/client-ecs";
import {
  CreateAutoScalingGroupCommand,
  CreateLaunchConfigurationCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeScalingActivitiesCommand,
  SetDesiredCapacityCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from "@aws-sdk/client-auto-scaling";
import { startTestServer, waitFor, type TestServer } from "./support/test-server.ts";

const CLUSTER = "capacity";
let t: TestServer;
let instances: ContainerInstance[] = [];

before(async () => {
  // Managed scaling terminates an instance left empty this long (15 minutes on ECS).
  t = await startTestServer("127.76", { managedScaleInAfterMs: 3_000 });
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  const userData = Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config\n`).toString("base64");
  await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "cap-lc", ImageId: "ami-ecs", InstanceType: "t3.micro", UserData: userData }));
  await t.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "cap-asg", LaunchConfigurationName: "cap-lc", MinSize: 1, MaxSize: 2, DesiredCapacity: 2 }));
  instances = await waitFor("two instances", async () => {
    const arns = (await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }))).containerInstanceArns!;
    if (arns.length !== 2) return undefined;
    return (await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: arns }))).containerInstances;
  });
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({ family: "sleeper", containerDefinitions: [{ name: "main", image: "stevedore/sample-web:latest", memory: 16, command: ["sleep", "3600"], stopTimeout: 2 }] }),
  );
});
after(async () => {
  await t?.close();
});

test("the group's launches are recorded as scaling activities, and capacity stays within min and max", async () => {
  const { Activities } = await t.autoscaling.send(new DescribeScalingActivitiesCommand({ AutoScalingGroupName: "cap-asg" }));
  const launches = Activities!.filter((a) => a.Description?.startsWith("Launching a new EC2 instance: i-"));
  assert.equal(launches.length, 2);
  assert.ok(launches.every((a) => a.StatusCode === "Successful"));
  assert.match(launches[0]!.Cause!, /an instance was started in response to a difference between desired and actual capacity, increasing the capacity from \d to \d\./);
  await assert.rejects(t.autoscaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: "cap-asg", DesiredCapacity: 3 })), {
    name: "ValidationError",
    message: "New SetDesiredCapacity value 3 is above max value 2 for the AutoScalingGroup.",
  });
});

test("custom attributes are put, listed with the built-in ones, and deleted", async () => {
  const target = instances[0]!.containerInstanceArn!;
  await t.ecs.send(new PutAttributesCommand({ cluster: CLUSTER, attributes: [{ name: "stack", value: "prod", targetId: target }] }));
  const listed = await t.ecs.send(new ListAttributesCommand({ cluster: CLUSTER, targetType: "container-instance", attributeName: "stack" }));
  assert.deepEqual(listed.attributes?.map((a) => [a.value, a.targetId]), [["prod", target]]);
  const zones = await t.ecs.send(new ListAttributesCommand({ cluster: CLUSTER, targetType: "container-instance", attributeName: "ecs.availability-zone" }));
  assert.equal(zones.attributes?.length, 2);
  await assert.rejects(t.ecs.send(new PutAttributesCommand({ cluster: CLUSTER, attributes: [{ name: "bad name!", value: "x", targetId: target }] })), { name: "InvalidParameterException" });
  await assert.rejects(t.ecs.send(new PutAttributesCommand({ cluster: CLUSTER, attributes: [{ name: "stack", value: "x", targetId: "0000" }] })), { name: "TargetNotFoundException" });
  await t.ecs.send(new DeleteAttributesCommand({ cluster: CLUSTER, attributes: [{ name: "stack", targetId: target }] }));
  const after = await t.ecs.send(new ListAttributesCommand({ cluster: CLUSTER, targetType: "container-instance", attributeName: "stack" }));
  assert.deepEqual(after.attributes, []);
});

test("a DRAINING instance takes no new tasks, and its standalone tasks keep running", async () => {
  const [a, b] = instances;
  const first = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "sleeper", count: 2, placementStrategy: [{ type: "spread", field: "instanceId" }] }));
  const onA = first.tasks!.find((task) => task.containerInstanceArn === a!.containerInstanceArn)!;
  assert.ok(onA, "spread put one task on each instance");
  const drained = await t.ecs.send(new UpdateContainerInstancesStateCommand({ cluster: CLUSTER, containerInstances: [a!.containerInstanceArn!], status: "DRAINING" }));
  assert.equal(drained.containerInstances?.[0]?.status, "DRAINING");
  const next = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "sleeper", count: 3 }));
  assert.equal(next.tasks?.length, 3);
  assert.ok(next.tasks!.every((task) => task.containerInstanceArn === b!.containerInstanceArn));
  await waitFor("the task on the draining instance to run", async () => {
    const { tasks } = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [onA.taskArn!] }));
    return tasks![0]!.lastStatus === "RUNNING";
  });
  await t.ecs.send(new UpdateContainerInstancesStateCommand({ cluster: CLUSTER, containerInstances: [a!.containerInstanceArn!], status: "ACTIVE" }));
});

test("a host volume lives on the instance's own disk in the data folder, not on the real host", async () => {
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "writer",
      volumes: [{ name: "data", host: { sourcePath: "/srv/stevedore-capacity-test" } }],
      containerDefinitions: [{ name: "main", image: "stevedore/sample-web:latest", memory: 16, command: ["sh", "-c", "echo written > /data/out.txt"], mountPoints: [{ sourceVolume: "data", containerPath: "/data" }] }],
    }),
  );
  const { tasks } = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "writer" }));
  const done = await waitFor("the writer to finish", async () => {
    const d = (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [tasks![0]!.taskArn!] }))).tasks![0]!;
    return d.lastStatus === "STOPPED" ? d : undefined;
  });
  assert.equal(done.containers![0]!.exitCode, 0);
  const instance = instances.find((i) => i.containerInstanceArn === done.containerInstanceArn)!;
  const onDisk = path.join(t.config.dataDir, "instances", instance.ec2InstanceId!, "root/srv/stevedore-capacity-test/out.txt");
  assert.equal(fs.readFileSync(onDisk, "utf8"), "written\n");
  assert.equal(fs.existsSync("/srv/stevedore-capacity-test"), false);
});

test("under a strategy of Auto Scaling group capacity providers, each provider's tasks go to its group's instances", async () => {
  const groups = await t.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["cap-asg"] }));
  await t.ecs.send(new CreateCapacityProviderCommand({ name: "cap-cp", autoScalingGroupProvider: { autoScalingGroupArn: groups.AutoScalingGroups![0]!.AutoScalingGroupARN! } }));
  await t.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "empty-asg", LaunchConfigurationName: "cap-lc", MinSize: 0, MaxSize: 1, DesiredCapacity: 0 }));
  const empty = await t.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["empty-asg"] }));
  await t.ecs.send(new CreateCapacityProviderCommand({ name: "empty-cp", autoScalingGroupProvider: { autoScalingGroupArn: empty.AutoScalingGroups![0]!.AutoScalingGroupARN! } }));
  await t.ecs.send(
    new PutClusterCapacityProvidersCommand({ cluster: CLUSTER, capacityProviders: ["cap-cp", "empty-cp"], defaultCapacityProviderStrategy: [{ capacityProvider: "cap-cp", weight: 1 }] }),
  );
  try {
    // No launch type: the cluster's default strategy, so the tasks say which provider launched them.
    const { tasks } = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "sleeper", count: 2 }));
    assert.deepEqual(tasks!.map((x) => [x.launchType, x.capacityProviderName]), [["EC2", "cap-cp"], ["EC2", "cap-cp"]]);
    // A provider whose group has no instance places nothing.
    const none = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "sleeper", capacityProviderStrategy: [{ capacityProvider: "empty-cp", weight: 1 }] }));
    assert.deepEqual(none.tasks, []);
    for (const task of tasks!) await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task.taskArn! }));
  } finally {
    await t.ecs.send(new PutClusterCapacityProvidersCommand({ cluster: CLUSTER, capacityProviders: [], defaultCapacityProviderStrategy: [] }));
  }
});

test("managed scaling: tasks that do not fit wait in PROVISIONING while the provider's group grows, then run", async () => {
  const userData = Buffer.from("#!/bin/bash\necho ECS_CLUSTER=managed >> /etc/ecs/ecs.config\n").toString("base64");
  await t.ecs.send(new CreateClusterCommand({ clusterName: "managed" }));
  await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "ms-lc", ImageId: "ami-ecs", InstanceType: "t3.micro", UserData: userData }));
  const provider = async (name: string, max: number) => {
    await t.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: `${name}-asg`, LaunchConfigurationName: "ms-lc", MinSize: 0, MaxSize: max, DesiredCapacity: 0 }));
    const { AutoScalingGroups } = await t.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [`${name}-asg`] }));
    await t.ecs.send(
      new CreateCapacityProviderCommand({
        name,
        autoScalingGroupProvider: { autoScalingGroupArn: AutoScalingGroups![0]!.AutoScalingGroupARN!, managedScaling: { status: "ENABLED", targetCapacity: 100 } },
      }),
    );
  };
  await provider("ms-cp", 3);
  await provider("capped-cp", 0);
  await t.ecs.send(new PutClusterCapacityProvidersCommand({ cluster: "managed", capacityProviders: ["ms-cp", "capped-cp"], defaultCapacityProviderStrategy: [] }));
  // Port 8080 on the host: two tasks need two instances, as ECS's binpacking of the waiting tasks says.
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "static-port",
      containerDefinitions: [{ name: "main", image: "stevedore/sample-web:latest", memory: 16, portMappings: [{ containerPort: 80, hostPort: 8080 }], stopTimeout: 2 }],
    }),
  );
  const { tasks } = await t.ecs.send(new RunTaskCommand({ cluster: "managed", taskDefinition: "static-port", count: 2, capacityProviderStrategy: [{ capacityProvider: "ms-cp", weight: 1 }] }));
  assert.deepEqual(tasks!.map((x) => [x.lastStatus, x.capacityProviderName, x.containerInstanceArn]), [["PROVISIONING", "ms-cp", undefined], ["PROVISIONING", "ms-cp", undefined]]);
  const running = await waitFor("both tasks RUNNING on instances the group launched", async () => {
    const described = (await t.ecs.send(new DescribeTasksCommand({ cluster: "managed", tasks: tasks!.map((x) => x.taskArn!) }))).tasks!;
    return described.every((x) => x.lastStatus === "RUNNING") ? described : undefined;
  }, 90_000);
  assert.notEqual(running[0]!.containerInstanceArn, running[1]!.containerInstanceArn);
  const { AutoScalingGroups } = await t.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["ms-cp-asg"] }));
  assert.equal(AutoScalingGroups![0]!.DesiredCapacity, 2);

  // A group that cannot grow: the task waits, and stops at once when asked (no agent has it).
  const capped = await t.ecs.send(new RunTaskCommand({ cluster: "managed", taskDefinition: "static-port", capacityProviderStrategy: [{ capacityProvider: "capped-cp", weight: 1 }] }));
  const waiting = capped.tasks![0]!;
  assert.equal(waiting.lastStatus, "PROVISIONING");
  await t.ecs.send(new StopTaskCommand({ cluster: "managed", task: waiting.taskArn! }));
  const [stopped] = (await t.ecs.send(new DescribeTasksCommand({ cluster: "managed", tasks: [waiting.taskArn!] }))).tasks!;
  assert.deepEqual([stopped!.lastStatus, stopped!.stoppedReason], ["STOPPED", "Task stopped by user"]);
  for (const task of running) await t.ecs.send(new StopTaskCommand({ cluster: "managed", task: task.taskArn! }));

  // Left empty, the instances go, one at a time, down to the group's minimum of 0.
  await waitFor("the group scaled in to 0", async () => {
    const { AutoScalingGroups } = await t.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["ms-cp-asg"] }));
    const group = AutoScalingGroups![0]!;
    return group.DesiredCapacity === 0 && group.Instances!.length === 0 ? true : undefined;
  }, 90_000);
  const { Activities } = await t.autoscaling.send(new DescribeScalingActivitiesCommand({ AutoScalingGroupName: "ms-cp-asg" }));
  assert.equal(Activities!.filter((a) => a.Description?.startsWith("Terminating EC2 instance")).length, 2);
});

test("awsvpc tasks each get their own address, so two on one instance both serve port 80; a task's containers share localhost", async () => {
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "eni",
      networkMode: "awsvpc",
      containerDefinitions: [
        { name: "web", image: "stevedore/sample-web:latest", memory: 16, portMappings: [{ containerPort: 80 }] },
        // A sidecar reaches the web container at 127.0.0.1, as on ECS (both are in the pause container's network).
        {
          name: "sidecar",
          image: "stevedore/sample-web:latest",
          memory: 16,
          essential: false,
          command: ["sh", "-c", "for i in $(seq 100); do wget -q -O /dev/null http://127.0.0.1:80/ && exit 0; sleep 0.2; done; exit 1"],
        },
      ],
    }),
  );
  const target = instances[0]!;
  const { tasks } = await t.ecs.send(
    new RunTaskCommand({
      cluster: CLUSTER,
      taskDefinition: "eni",
      count: 2,
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0123456789abcdef0"] } },
      placementConstraints: [{ type: "memberOf", expression: `ec2InstanceId == ${target.ec2InstanceId}` }],
    }),
  );
  assert.equal(tasks!.length, 2);
  const running = await waitFor("both to run", async () => {
    const d = (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: tasks!.map((x) => x.taskArn!) }))).tasks!;
    return d.every((x) => x.lastStatus === "RUNNING") ? d : undefined;
  });
  const addresses = running.map((x) => x.attachments![0]!.details!.find((d) => d.name === "privateIPv4Address")!.value!);
  assert.equal(new Set(addresses).size, 2);
  for (const [i, task] of running.entries()) {
    assert.equal(task.attachments![0]!.type, "ElasticNetworkInterface");
    const binding = task.containers![0]!.networkBindings![0]!;
    assert.deepEqual([binding.bindIP, binding.hostPort, binding.containerPort], [addresses[i], 80, 80]);
    const page = await waitFor("the page", async () => {
      const res = await fetch(`http://${addresses[i]}:80/`);
      return res.ok ? res.text() : undefined;
    });
    assert.match(page, new RegExp(task.taskArn!.split("/").pop()!));
  }
  const sidecars = await waitFor("the sidecars to reach their web containers", async () => {
    const d = (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: tasks!.map((x) => x.taskArn!) }))).tasks!;
    return d.every((x) => x.containers!.find((c) => c.name === "sidecar")?.lastStatus === "STOPPED") ? d : undefined;
  });
  for (const task of sidecars) {
    // The pause container holding the task's network is not one of its containers.
    assert.deepEqual(task.containers!.map((c) => c.name).sort(), ["sidecar", "web"]);
    assert.equal(task.containers!.find((c) => c.name === "sidecar")!.exitCode, 0);
    assert.equal(task.lastStatus, "RUNNING");
  }
});

test("terminating an instance stops its tasks, and the group launches a replacement", async () => {
  const victim = instances[1]!;
  const { taskArns } = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, containerInstance: victim.containerInstanceArn }));
  assert.ok(taskArns!.length > 0);
  const out = await t.autoscaling.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: victim.ec2InstanceId!, ShouldDecrementDesiredCapacity: false }));
  assert.equal(out.Activity?.Description, `Terminating EC2 instance: ${victim.ec2InstanceId}`);
  await waitFor("the instance's tasks to stop", async () => {
    const { tasks } = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: taskArns }));
    return tasks!.every((task) => task.lastStatus === "STOPPED") ? tasks : undefined;
  });
  const { tasks } = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: taskArns }));
  for (const task of tasks!) assert.equal(task.stoppedReason, `Host EC2 (instance ${victim.ec2InstanceId}) stopped/terminated`);
  await waitFor("a replacement instance", async () => {
    const g = (await t.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["cap-asg"] }))).AutoScalingGroups![0]!;
    const ids = g.Instances!.map((i) => i.InstanceId);
    return ids.length === 2 && !ids.includes(victim.ec2InstanceId) ? ids : undefined;
  }, 90_000);
  const listed = await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }));
  assert.equal(listed.containerInstanceArns?.includes(victim.containerInstanceArn!), false);
});
