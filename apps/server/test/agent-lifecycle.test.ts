/**
 * The container agent's lifecycle against the real server (its embedded agent on a virtual instance),
 * the real SQLite file and the real Docker Engine, as a user sees it through the ECS API and Docker:
 * registration retried until the cluster exists, non-essential containers that exit, pull failures,
 * dependsOn, orphan containers, adoption after a restart, and the task metadata endpoint.
 * Instances live on 127.73.0.0/16; the pull that must fail asks a registry on 127.0.0.1:1.
 */
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import {
  CreateClusterCommand,
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type ContainerDefinition,
  type Task,
} from "@aws-sdk/client-ecs";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand, DescribeAutoScalingGroupsCommand } from "@aws-sdk/client-auto-scaling";
import { dockerContainers, dockerInspect, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";

const CLUSTER = "lifecycle";
const IMAGE = "stevedore/sample-web:latest";
const userData = Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config\n`).toString("base64");
const execFileAsync = promisify(execFile);

/** The sample app: httpd behind a shell that exits 143 on SIGTERM, so stops are quick. */
const web = (name = "web"): ContainerDefinition => ({ name, image: IMAGE, memory: 32, essential: true, stopTimeout: 2 });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let t: TestServer;
/** Every line the embedded agents log (they log to the console, as on a host). */
const agentLog: string[] = [];
const consoleLog = console.log;

before(async () => {
  console.log = (...args: unknown[]) => {
    agentLog.push(args.map(String).join(" "));
    consoleLog(...args);
  };
  t = await startTestServer("127.73");
});

after(async () => {
  console.log = consoleLog;
  await t?.close();
});

async function describeTask(arn: string): Promise<Task> {
  const out = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [arn] }));
  return out.tasks![0]!;
}

/** Waits for `done`; fails at once when the task stops without reaching it, with why it stopped. */
async function waitForTask(arn: string, what: string, done: (task: Task) => boolean, timeoutMs = 60_000): Promise<Task> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await describeTask(arn);
    if (done(task)) return task;
    const containers = JSON.stringify(task.containers?.map((c) => [c.name, c.lastStatus, c.exitCode, c.reason]));
    if (task.lastStatus === "STOPPED") assert.fail(`task ${arn} stopped before ${what}: ${task.stoppedReason}; containers ${containers}`);
    if (Date.now() > deadline) assert.fail(`timed out waiting for task ${arn} ${what}; it is ${task.lastStatus}, containers ${containers}`);
    await sleep(250);
  }
}

const waitForStatus = (arn: string, status: string) => waitForTask(arn, `to be ${status}`, (task) => task.lastStatus === status);

const containerOf = (task: Task, name: string) => {
  const container = task.containers?.find((c) => c.name === name);
  assert.ok(container, `task has a container named ${name}`);
  return container;
};

/** Registers a revision of `family` and runs one task of it; its ARN. */
async function runTask(family: string, containerDefinitions: ContainerDefinition[]): Promise<string> {
  await t.ecs.send(new RegisterTaskDefinitionCommand({ family, containerDefinitions }));
  const out = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: family }));
  assert.deepEqual(out.failures, []);
  return out.tasks![0]!.taskArn!;
}

/** Docker's RFC 3339 times with nanoseconds, as nanoseconds since the epoch (Date drops the digits). */
function dockerTimeNs(time: string): bigint {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(time);
  assert.ok(m, `a Docker UTC time: ${time}`);
  return BigInt(Date.parse(`${m[1]}Z`)) * 1_000_000n + BigInt((m[2] ?? "").padEnd(9, "0"));
}

describe("the container agent with the real server", () => {
  let instanceArn = "";

  test("an instance launched before its cluster exists keeps registering and joins once the cluster is created", async () => {
    await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "lifecycle-lc", ImageId: "ami-ecs", InstanceType: "t3.small", UserData: userData }));
    await t.autoscaling.send(
      new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "lifecycle-asg", LaunchConfigurationName: "lifecycle-lc", MinSize: 0, MaxSize: 1, DesiredCapacity: 1, AvailabilityZones: ["us-east-1a"] }),
    );
    const groups = await t.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["lifecycle-asg"] }));
    const instanceId = groups.AutoScalingGroups?.[0]?.Instances?.[0]?.InstanceId;
    assert.match(instanceId ?? "", /^i-[0-9a-f]{17}$/);

    // The agent is up and its cluster is not: it says so, and tries again.
    await waitFor("the agent to fail registering twice", async () =>
      agentLog.filter((l) => l.includes(`[agent ${instanceId}]`) && l.includes('msg="Unable to register as a container instance with ECS"') && l.includes("ClusterNotFoundException")).length >= 2,
    );
    await assert.rejects(t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER })), { name: "ClusterNotFoundException" });

    await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
    const arns = await waitFor("the instance to register", async () => {
      const out = await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }));
      return out.containerInstanceArns?.length ? out.containerInstanceArns : undefined;
    }, 15_000);
    assert.equal(arns.length, 1);
    instanceArn = arns[0]!;
    const { containerInstances } = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: arns }));
    const ci = containerInstances![0]!;
    assert.equal(ci.ec2InstanceId, instanceId);
    assert.equal(ci.status, "ACTIVE");
    assert.equal(ci.agentConnected, true);
    assert.ok(agentLog.some((l) => l.includes(`[agent ${instanceId}]`) && l.includes('msg="Registered container instance with cluster!"') && l.includes(instanceArn)));
  });

  test("a non-essential container that exits is STOPPED with its exit code while the task stays RUNNING", async () => {
    const arn = await runTask("sidecar-exits", [web(), { name: "once", image: IMAGE, memory: 16, essential: false, command: ["sh", "-c", "exit 5"] }]);
    const task = await waitForTask(arn, "RUNNING with `once` STOPPED", (task) => task.lastStatus === "RUNNING" && containerOf(task, "once").lastStatus === "STOPPED");
    assert.equal(containerOf(task, "once").exitCode, 5);
    assert.equal(containerOf(task, "web").lastStatus, "RUNNING");
    assert.equal(task.containerInstanceArn, instanceArn);

    await sleep(2000); // the agent has seen the exit (Docker's die event) and reconciled: nothing more happens
    const later = await describeTask(arn);
    assert.equal(later.lastStatus, "RUNNING");
    assert.equal(later.desiredStatus, "RUNNING");
    assert.equal(later.stoppedReason, undefined);
    assert.equal(containerOf(later, "web").lastStatus, "RUNNING");
    assert.ok((await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, family: "sidecar-exits" }))).taskArns?.includes(arn));

    const once = dockerInspect(containerOf(later, "once").runtimeId!);
    assert.equal(once.State.Status, "exited");
    assert.equal(once.State.ExitCode, 5);
    assert.equal(once.Config.Labels["com.amazonaws.ecs.container-name"], "once");
    assert.equal(dockerInspect(containerOf(later, "web").runtimeId!).State.Running, true);
  });

  test("a task whose image cannot be pulled stops with TaskFailedToStart and CannotPullContainerError", async () => {
    // A registry on a closed loopback port: the pull fails at once, and no traffic leaves the host.
    const image = "127.0.0.1:1/stevedore/does-not-exist:1";
    const arn = await runTask("no-image", [{ name: "app", image, memory: 32, essential: true }]);
    const task = await waitForStatus(arn, "STOPPED");
    assert.equal(task.stoppedReason, "Task failed to start");
    assert.equal(task.stopCode, "TaskFailedToStart");
    assert.equal(task.desiredStatus, "STOPPED");
    assert.ok(task.pullStartedAt, "pullStartedAt");
    assert.ok(task.stoppedAt, "stoppedAt");
    assert.equal(task.startedAt, undefined, "it never started");
    const app = containerOf(task, "app");
    assert.equal(app.lastStatus, "STOPPED");
    assert.match(app.reason ?? "", /^CannotPullContainerError: /);
    assert.match(app.reason ?? "", /127\.0\.0\.1:1/);
    assert.equal(app.runtimeId, undefined);
    assert.deepEqual(dockerContainers([`label=com.amazonaws.ecs.task-arn=${arn}`]), []);
    const stopped = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, desiredStatus: "STOPPED", family: "no-image" }));
    assert.deepEqual(stopped.taskArns, [arn]);
  });

  describe("dependsOn", () => {
    async function checkOrder(family: string, initExit: number, condition: "SUCCESS" | "COMPLETE") {
      const arn = await runTask(family, [
        { ...web("app"), dependsOn: [{ containerName: "init", condition }] },
        { name: "init", image: IMAGE, memory: 16, essential: false, command: ["sh", "-c", `sleep 2; exit ${initExit}`] },
      ]);
      const task = await waitForStatus(arn, "RUNNING");
      const init = containerOf(task, "init");
      assert.equal(init.lastStatus, "STOPPED", "init has exited by the time the task is RUNNING");
      assert.equal(init.exitCode, initExit);
      assert.equal(containerOf(task, "app").lastStatus, "RUNNING");
      const initState = dockerInspect(init.runtimeId!).State;
      const appState = dockerInspect(containerOf(task, "app").runtimeId!).State;
      assert.equal(initState.Status, "exited");
      assert.equal(initState.ExitCode, initExit);
      assert.equal(appState.Running, true);
      assert.ok(
        dockerTimeNs(appState.StartedAt) > dockerTimeNs(initState.FinishedAt),
        `app started at ${appState.StartedAt}, after init finished at ${initState.FinishedAt}`,
      );
      assert.ok(dockerTimeNs(initState.FinishedAt) - dockerTimeNs(initState.StartedAt) >= 1_900_000_000n, "init ran its two seconds");
    }

    test("condition SUCCESS: the container starts only after init exited 0", () => checkOrder("depends-success", 0, "SUCCESS"));

    test("condition COMPLETE: the container starts after init exited, whatever its exit code", () => checkOrder("depends-complete", 3, "COMPLETE"));
  });

  test("a container with the instance's labels but a task the server never heard of is stopped and removed", async () => {
    const arn = await runTask("web", [web()]);
    const task = await waitForStatus(arn, "RUNNING");
    const realId = containerOf(task, "web").runtimeId!;
    const labels = dockerInspect(realId).Config.Labels as Record<string, string>;
    assert.equal(labels["stevedore.container-instance-arn"], instanceArn);

    // A container as the agent makes them, but of a task the server never heard of.
    const orphan = (how: "run" | "create") => {
      const unknownTask = arn.replace(/[0-9a-f]{32}$/, randomBytes(16).toString("hex"));
      const labelArgs = Object.entries({ ...labels, "com.amazonaws.ecs.task-arn": unknownTask }).flatMap(([k, v]) => ["--label", `${k}=${v}`]);
      const args = [how, ...(how === "run" ? ["-d"] : []), "--name", `lifecycle-orphan-${how}-${randomBytes(4).toString("hex")}`, ...labelArgs, IMAGE];
      const createdAt = Date.now();
      const id = execFileSync("docker", args, { encoding: "utf8" }).trim();
      assert.match(id, /^[0-9a-f]{64}$/);
      return { id, unknownTask, createdAt };
    };
    const removed = async (o: ReturnType<typeof orphan>) => {
      await waitFor(`orphan ${o.id} to be removed`, async () => dockerContainers([`label=com.amazonaws.ecs.task-arn=${o.unknownTask}`]).length === 0, 30_000);
      assert.throws(() => execFileSync("docker", ["inspect", o.id], { stdio: "ignore" }));
      return Date.now() - o.createdAt;
    };

    // Only created: no Docker event the agent watches, so its periodic reconcile (every 10 s) finds it.
    const created = orphan("create");
    const createdTook = await removed(created);
    assert.ok(createdTook < 15_000, `removed within one reconcile period; took ${createdTook} ms`);
    // Running: its start event wakes the agent, which stops it (SIGTERM first) and removes it.
    const running = orphan("run");
    const runningTook = await removed(running);
    assert.ok(runningTook < 10_000, `removed at once; took ${runningTook} ms`);

    // The real task is left alone.
    const again = await describeTask(arn);
    assert.equal(again.lastStatus, "RUNNING");
    assert.equal(containerOf(again, "web").runtimeId, realId);
    assert.equal(dockerInspect(realId).State.Running, true);
  });

  test("after a restart the agent adopts a RUNNING task: same container, never restarted, still RUNNING and stoppable", async () => {
    const arn = await runTask("adopted", [web()]);
    const task = await waitForStatus(arn, "RUNNING");
    const runtimeId = containerOf(task, "web").runtimeId!;
    const before = dockerInspect(runtimeId).State;
    assert.equal(before.Running, true);
    // Every report the agent submits bumps the task's version.
    const { version } = await describeTask(arn);

    await t.restart(); // stops the embedded agents (their containers keep running) and starts new ones

    // The new agent is at work: it starts a new task...
    const probe = await runTask("after-restart", [web()]);
    await waitForStatus(probe, "RUNNING");
    // ...and has left the old one's container as it was.
    const again = await describeTask(arn);
    assert.equal(again.lastStatus, "RUNNING");
    assert.equal(again.desiredStatus, "RUNNING");
    assert.equal(containerOf(again, "web").runtimeId, runtimeId);
    assert.equal(again.startedAt?.getTime(), task.startedAt?.getTime());
    assert.equal(again.version, version, "the new agent found nothing to report: the server's view was right");
    const after = dockerInspect(runtimeId).State;
    assert.equal(after.Running, true);
    assert.equal(after.StartedAt, before.StartedAt, "never restarted");
    assert.equal(after.Pid, before.Pid);
    assert.deepEqual(dockerContainers([`label=com.amazonaws.ecs.task-arn=${arn}`]), [runtimeId]);
    const { containerInstances } = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: [instanceArn] }));
    assert.equal(containerInstances?.[0]?.status, "ACTIVE");
    assert.equal(containerInstances?.[0]?.agentConnected, true);

    // The container is the new agent's to stop.
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: arn }));
    const stopped = await waitForStatus(arn, "STOPPED");
    assert.equal(stopped.stopCode, "UserInitiated");
    assert.equal(containerOf(stopped, "web").exitCode, 143);
    assert.equal(dockerInspect(runtimeId).State.Running, false);
  });

  test("a task's container reads its task from the task metadata endpoint (v4)", async () => {
    const arn = await runTask("metadata", [web(), { name: "worker", image: IMAGE, memory: 16, essential: false, command: ["sleep", "3600"], stopTimeout: 2 }]);
    const task = await waitForStatus(arn, "RUNNING");
    const webId = containerOf(task, "web").runtimeId!;
    // Not execFileSync: the endpoint is served by this very process, which must keep running meanwhile.
    const get = async (path: string) => {
      const { stdout } = await execFileAsync("docker", ["exec", webId, "sh", "-c", `timeout 10 wget -q -O - "$ECS_CONTAINER_METADATA_URI_V4${path}"`], { timeout: 20_000 });
      return JSON.parse(stdout);
    };
    const taskMeta = await get("/task");
    assert.equal(taskMeta.TaskARN, arn);
    assert.equal(taskMeta.Cluster, task.clusterArn);
    assert.equal(taskMeta.Family, "metadata");
    assert.equal(taskMeta.KnownStatus, "RUNNING");
    assert.deepEqual(taskMeta.Containers.map((c: { Name: string }) => c.Name).sort(), ["web", "worker"]);
    const webMeta = taskMeta.Containers.find((c: { Name: string }) => c.Name === "web");
    assert.equal(webMeta.DockerId, webId);
    assert.equal(webMeta.KnownStatus, "RUNNING");

    const own = await get("");
    assert.equal(own.Name, "web");
    assert.equal(own.DockerId, webId);
    assert.equal(own.Labels["com.amazonaws.ecs.task-arn"], arn);
  });
});
