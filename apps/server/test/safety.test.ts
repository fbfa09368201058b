/**
 * The safety policy, one path to the host at a time: refused by default when a task is launched, with
 * a message naming the field and the operator's switch; allowed with the switch where one exists. Also:
 * a symbolic link planted by one task for another, a service whose definition the policy refuses, and
 * the agent as the last line when a task reaches it anyway.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type ContainerDefinition,
  type RegisterTaskDefinitionCommandInput,
  type Task,
} from "@aws-sdk/client-ecs";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { dockerContainers, dockerInspect, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";
import { startStandaloneAgent } from "./support/child-processes.ts";

const CLUSTER = "safety";
const IMAGE = "stevedore/sample-web:latest";
let t: TestServer;
let operator: TestServer;

async function withInstance(server: TestServer, name: string) {
  await server.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  const userData = Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config\n`).toString("base64");
  await server.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: `${name}-lc`, ImageId: "ami-ecs", InstanceType: "t3.medium", UserData: userData }));
  await server.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: `${name}-asg`, LaunchConfigurationName: `${name}-lc`, MinSize: 1, MaxSize: 1, DesiredCapacity: 1, AvailabilityZones: ["us-east-1a"] }));
  await waitFor("the instance to register", async () => (await server.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }))).containerInstanceArns?.length === 1);
}

before(async () => {
  t = await startTestServer("127.94");
  operator = await startTestServer("127.95", { safety: { allowPrivileged: true, allowHostNetwork: true, allowHostPaths: false, allowVolumeDrivers: false } });
  await Promise.all([withInstance(t, "default"), withInstance(operator, "operator")]);
});
after(async () => {
  await t?.close();
  await operator?.close();
});

const container = (extra: Partial<ContainerDefinition> = {}): ContainerDefinition => ({ name: "app", image: IMAGE, memory: 32, command: ["sleep", "3600"], ...extra });

async function run(server: TestServer, family: string, def: Partial<RegisterTaskDefinitionCommandInput>) {
  await server.ecs.send(new RegisterTaskDefinitionCommand({ family, containerDefinitions: [container()], ...def }));
  return server.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: family }));
}

const waitForTask = (server: TestServer, arn: string, status: string) =>
  waitFor(`task to be ${status}`, async () => {
    const [task] = (await server.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [arn] }))).tasks!;
    return task?.lastStatus === status ? (task as Task) : undefined;
  });

describe("each path to the host is refused by default, naming its field and switch", () => {
  const cases: [string, Partial<RegisterTaskDefinitionCommandInput>, RegExp][] = [
    [
      "a local volume that binds the host's root",
      {
        volumes: [{ name: "r", dockerVolumeConfiguration: { scope: "task", driver: "local", driverOpts: { type: "none", o: "bind", device: "/" } } }],
        containerDefinitions: [container({ mountPoints: [{ sourceVolume: "r", containerPath: "/host" }] })],
      },
      /volumes\[r\]\.dockerVolumeConfiguration\.driverOpts: .*STEVEDORE_ALLOW_HOST_PATHS=1/,
    ],
    ["a volume plugin", { volumes: [{ name: "p", dockerVolumeConfiguration: { scope: "task", driver: "rexray/ebs" } }] }, /driver: Volume driver 'rexray\/ebs'.*STEVEDORE_ALLOW_VOLUME_DRIVERS=1/],
    ["seccomp unconfined", { containerDefinitions: [container({ dockerSecurityOptions: ["seccomp=unconfined"] })] }, /dockerSecurityOptions: Security option 'seccomp=unconfined'.*STEVEDORE_ALLOW_PRIVILEGED=1/],
    ...(["SYS_TIME", "BPF", "PERFMON", "SYSLOG", "MAC_ADMIN", "SYS_ADMIN"].map((cap) => [
      `capability ${cap}`,
      { containerDefinitions: [container({ linuxParameters: { capabilities: { add: [cap] } } })] },
      new RegExp(`capabilities\\.add: Capability ${cap} is beyond Docker's default set.*STEVEDORE_ALLOW_PRIVILEGED=1`),
    ]) as [string, Partial<RegisterTaskDefinitionCommandInput>, RegExp][]),
    ["a host device", { containerDefinitions: [container({ linuxParameters: { devices: [{ hostPath: "/dev/kmsg" }] } })] }, /linuxParameters\.devices: .*STEVEDORE_ALLOW_PRIVILEGED=1/],
    ["a sysctl outside the container's namespaces", { containerDefinitions: [container({ systemControls: [{ namespace: "vm.swappiness", value: "1" }] })] }, /Sysctl 'vm\.swappiness'.*never allows it/],
    ["a real-time ulimit", { containerDefinitions: [container({ ulimits: [{ name: "rtprio", softLimit: 99, hardLimit: 99 }] })] }, /Ulimit 'rtprio'.*STEVEDORE_ALLOW_PRIVILEGED=1/],
    ["a forged ECS label", { containerDefinitions: [container({ dockerLabels: { "com.amazonaws.ecs.task-arn": "arn:aws:ecs:us-east-1:1:task/x/y" } })] }, /dockerLabels: Label 'com\.amazonaws\.ecs\.task-arn' is Stevedore's own/],
    ["the host's network", { networkMode: "host" }, /networkMode: .*STEVEDORE_ALLOW_HOST_NETWORK=1/],
    ["the host's PID namespace", { pidMode: "host" }, /pidMode: .*STEVEDORE_ALLOW_PRIVILEGED=1/],
    ["the host's IPC namespace", { ipcMode: "host" }, /ipcMode: .*STEVEDORE_ALLOW_PRIVILEGED=1/],
    ["privileged mode", { containerDefinitions: [container({ privileged: true })] }, /privileged: .*STEVEDORE_ALLOW_PRIVILEGED=1/],
  ];
  for (const [name, def, reason] of cases) {
    test(name, async () => {
      const out = await run(t, `refused-${name.replace(/[^a-z0-9]+/gi, "-")}`, def);
      assert.deepEqual(out.tasks, [], "nothing is started");
      assert.match(out.failures?.[0]?.reason ?? "", reason);
    });
  }
});

test("with the operator's switch, what it allows runs, and Docker gets it", async () => {
  const out = await run(operator, "allowed", { containerDefinitions: [container({ linuxParameters: { capabilities: { add: ["NET_ADMIN"] } }, dockerSecurityOptions: ["seccomp=unconfined"] })] });
  assert.deepEqual(out.failures, []);
  const task = await waitForTask(operator, out.tasks![0]!.taskArn!, "RUNNING");
  const [id] = dockerContainers([`label=com.amazonaws.ecs.task-arn=${task.taskArn}`]);
  const inspected = dockerInspect(id!);
  assert.deepEqual(inspected.HostConfig.CapAdd, ["NET_ADMIN"]);
  assert.deepEqual(inspected.HostConfig.SecurityOpt, ["seccomp=unconfined"]);
  // Every container gets a process limit and rotated logs.
  assert.equal(inspected.HostConfig.PidsLimit, 4096);
  assert.deepEqual(inspected.HostConfig.LogConfig, { Type: "json-file", Config: { "max-file": "3", "max-size": "10m" } });
  // A switch lifts its own refusals only: a volume plugin still needs STEVEDORE_ALLOW_VOLUME_DRIVERS.
  const plugin = await run(operator, "still-refused", { volumes: [{ name: "p", dockerVolumeConfiguration: { scope: "task", driver: "rexray/ebs" } }] });
  assert.match(plugin.failures?.[0]?.reason ?? "", /STEVEDORE_ALLOW_VOLUME_DRIVERS=1/);
});

test("a symbolic link one task plants in a host volume cannot lead another task out of the instance's disk", async () => {
  const volumes = [{ name: "shared", host: { sourcePath: "/shared" } }];
  const planter = await run(t, "planter", {
    volumes,
    containerDefinitions: [container({ mountPoints: [{ sourceVolume: "shared", containerPath: "/shared" }], command: ["sh", "-c", "ln -s / /shared/escape && sleep 3600"] })],
  });
  await waitForTask(t, planter.tasks![0]!.taskArn!, "RUNNING");
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "follower",
      volumes: [{ name: "escape", host: { sourcePath: "/shared/escape/etc" } }],
      containerDefinitions: [container({ mountPoints: [{ sourceVolume: "escape", containerPath: "/etc-of-host" }] })],
    }),
  );
  const follower = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "follower" }));
  const stopped = await waitForTask(t, follower.tasks![0]!.taskArn!, "STOPPED");
  assert.equal(stopped.stopCode, "TaskFailedToStart");
  assert.match(stopped.containers![0]!.reason!, /^CannotCreateContainerError: host path '\/shared\/escape\/etc' leads outside the instance's disk/);
});

test("a service whose task definition the policy refuses says why, and its circuit breaker fails the deployment", async () => {
  await t.ecs.send(new RegisterTaskDefinitionCommand({ family: "svc-priv", containerDefinitions: [container({ privileged: true })] }));
  await t.ecs.send(
    new CreateServiceCommand({
      cluster: CLUSTER,
      serviceName: "refused",
      taskDefinition: "svc-priv",
      desiredCount: 1,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false }, minimumHealthyPercent: 0, maximumPercent: 200 },
    }),
  );
  const service = await waitFor("the deployment to fail", async () => {
    const [s] = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ["refused"] }))).services!;
    return s?.deployments?.[0]?.rolloutState === "FAILED" ? s : undefined;
  }, 60_000);
  assert.ok(service.events!.some((e) => /\(service refused\) was unable to start tasks: Stevedore's safety policy refused the task: containerDefinitions\[app\]\.privileged/.test(e.message!)));
  const stopped = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: "refused", desiredStatus: "STOPPED" }));
  const [task] = (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: stopped.taskArns!.slice(0, 1) }))).tasks!;
  assert.equal(task!.stopCode, "TaskFailedToStart");
  assert.match(task!.stoppedReason!, /^Task failed to start: Stevedore's safety policy refused the task: .*STEVEDORE_ALLOW_PRIVILEGED=1/);
});

test("a standalone agent keeps host volumes on the disk it is given, not on its host's real paths", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "standalone-agent-"));
  const agent = startStandaloneAgent("standalone", ["--endpoint", t.server.url, "--cluster", CLUSTER, "--private-ip", "127.94.9.1", "--instance-id", "i-0feedfacecafe0001", "--data-dir", dataDir]);
  try {
    await waitFor("the standalone agent to register", async () => (await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }))).containerInstanceArns?.length === 2, 60_000);
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "standalone-volume",
        volumes: [{ name: "data", host: { sourcePath: "/etc" } }],
        containerDefinitions: [container({ mountPoints: [{ sourceVolume: "data", containerPath: "/data" }] })],
        placementConstraints: [{ type: "memberOf", expression: "ec2InstanceId == i-0feedfacecafe0001" }],
      }),
    );
    const out = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "standalone-volume" }));
    const task = await waitForTask(t, out.tasks![0]!.taskArn!, "RUNNING");
    const [id] = dockerContainers([`label=com.amazonaws.ecs.task-arn=${task.taskArn}`]);
    const mount = dockerInspect(id!).Mounts.find((m: { Destination: string }) => m.Destination === "/data");
    assert.equal(mount.Source, path.join(fs.realpathSync(dataDir), "i-0feedfacecafe0001", "root", "etc"));
  } finally {
    await agent.stop();
  }
});
