/**
 * The server dies (SIGKILL, as a crash or an OOM kill would) while tasks run: its embedded agents die
 * with it, the task containers do not. Started again on the same data folder, it finds every task as
 * it was, with the same containers, none started twice, the service still at its count, and goes on
 * working. The server runs as a child process, as `npm start` runs it.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListContainerInstancesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  type Service,
  type Task,
} from "@aws-sdk/client-ecs";
import { AutoScalingClient, CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { containersOf, freePort, removeContainersOf, startServerProcess, type Program } from "./support/child-processes.ts";
import { credentials, waitFor } from "./support/test-server.ts";

const CLUSTER = "crash";
const REGION = "us-east-1";
const userData = Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config;\n`).toString("base64");

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-crash-"));
const accountId = String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999));
let env: Record<string, string>;
let server: (Program & { url: string }) | undefined;
let ecs: ECSClient;
let autoscaling: AutoScalingClient;
let failed = false;

async function startServer() {
  server = await startServerProcess(env);
  ecs = new ECSClient({ endpoint: server.url, region: REGION, credentials });
  autoscaling = new AutoScalingClient({ endpoint: server.url, region: REGION, credentials });
}

before(async () => {
  env = {
    STEVEDORE_PORT: String(await freePort()),
    STEVEDORE_REGISTRY_PORT: String(await freePort()),
    STEVEDORE_DATA_DIR: dataDir,
    STEVEDORE_INSTANCE_NETWORK: "127.83",
    STEVEDORE_ACCOUNT_ID: accountId,
    STEVEDORE_REGION: REGION,
  };
  await startServer();
});

after(async () => {
  if (failed && server) console.log(`--- server output ---\n${server.output().slice(-8000)}`);
  await server?.stop("SIGTERM");
  removeContainersOf(accountId);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function step(name: string, fn: () => Promise<void>) {
  test(name, async () => {
    try {
      await fn();
    } catch (err) {
      failed = true;
      throw err;
    }
  });
}

const describeTasks = async (arns: string[]): Promise<Task[]> => (await ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns }))).tasks ?? [];
const describeService = async (): Promise<Service> => (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ["web"] }))).services![0]!;
const serviceTasks = async () => (await ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: "web" }))).taskArns ?? [];

async function connectedInstances(): Promise<number> {
  const { containerInstanceArns } = await ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }));
  if (!containerInstanceArns?.length) return 0;
  const { containerInstances } = await ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: containerInstanceArns }));
  return containerInstances!.filter((ci) => ci.agentConnected).length;
}

/** What Docker says of a container: enough to tell one started again from one left alone. */
function container(id: string): { id: string; running: boolean; startedAt: string; restartCount: number } {
  const [state] = JSON.parse(execFileSync("docker", ["inspect", id], { encoding: "utf8" })) as { Id: string; State: { Running: boolean; StartedAt: string }; RestartCount: number }[];
  return { id: state!.Id, running: state!.State.Running, startedAt: state!.State.StartedAt, restartCount: state!.RestartCount };
}

/** The account's containers that run now, sorted. */
function runningContainersOf(account: string): string[] {
  const running = new Set(execFileSync("docker", ["ps", "-q", "--no-trunc"], { encoding: "utf8" }).split("\n").filter(Boolean));
  return containersOf(account).filter((id) => running.has(id)).sort();
}

describe("the server crashes while tasks run and starts again", () => {
  let standalone: string[] = [];
  let service: string[] = [];
  /** Task ARN → its container as Docker described it before the crash. */
  const original = new Map<string, ReturnType<typeof container>>();

  step("a cluster with an Auto Scaling group of two, three tasks and a service of two, all running", async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
    await autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "crash-lc", ImageId: "ami-ecs", InstanceType: "t3.small", UserData: userData }));
    await autoscaling.send(
      new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "crash-asg", LaunchConfigurationName: "crash-lc", MinSize: 2, MaxSize: 2, DesiredCapacity: 2, AvailabilityZones: ["us-east-1a", "us-east-1b"] }),
    );
    await waitFor("two connected instances", async () => (await connectedInstances()) === 2);
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "crash-web",
        containerDefinitions: [{ name: "web", image: "stevedore/sample-web:latest", cpu: 128, memory: 64, stopTimeout: 2, portMappings: [{ containerPort: 80 }] }],
      }),
    );
    const run = await ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "crash-web", count: 3 }));
    assert.deepEqual(run.failures, []);
    standalone = run.tasks!.map((task) => task.taskArn!);
    await ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: "web", taskDefinition: "crash-web", desiredCount: 2 }));
    await waitFor("the service's two tasks to run", async () => (await describeService()).runningCount === 2 && (await serviceTasks()).length === 2);
    service = await serviceTasks();
    const all = await waitFor("all five tasks RUNNING", async () => {
      const tasks = await describeTasks([...standalone, ...service]);
      return tasks.length === 5 && tasks.every((task) => task.lastStatus === "RUNNING") ? tasks : undefined;
    });
    for (const task of all) original.set(task.taskArn!, container(task.containers![0]!.runtimeId!));
    assert.equal(containersOf(accountId).length, 5, "one container per task");
    assert.ok([...original.values()].every((c) => c.running));
  });

  step("SIGKILL: the server and its embedded agents die, the task containers keep running", async () => {
    const killedAt = Date.now();
    await server!.stop("SIGKILL");
    assert.equal((await server!.exited).signal, "SIGKILL");
    await assert.rejects(fetch(`${server!.url}/healthz`), "nothing answers");
    for (const [, c] of original) assert.deepEqual(container(c.id), c);
    console.log(`server killed; ${original.size} containers still running ${((Date.now() - killedAt) / 1000).toFixed(1)} s later`);
  });

  step("started again on the same data folder, it finds every task as it was, none started twice", async () => {
    const startedAt = Date.now();
    await startServer();
    const ready = Date.now();
    // At once, from its database: every task as it was.
    const tasks = await describeTasks([...original.keys()]);
    assert.equal(tasks.length, 5);
    for (const task of tasks) {
      assert.equal(task.lastStatus, "RUNNING", task.taskArn);
      assert.equal(task.desiredStatus, "RUNNING");
      assert.equal(task.containers![0]!.runtimeId, original.get(task.taskArn!)!.id);
    }
    // Its agents come back, register as the same instances and adopt the containers.
    await waitFor("both agents to register again", async () => (server!.output().match(/Registered container instance with cluster!/g) ?? []).length === 2);
    const reconnected = Date.now();
    assert.equal(await connectedInstances(), 2);
    await new Promise((r) => setTimeout(r, 5_000)); // several reconcile rounds
    assert.doesNotMatch(server!.output(), /Created docker container|Started container/);
    for (const [, c] of original) assert.deepEqual(container(c.id), c, "the same container, never restarted");
    assert.deepEqual(containersOf(accountId).sort(), [...original.values()].map((c) => c.id).sort(), "no container started twice");
    const running = await ecs.send(new ListTasksCommand({ cluster: CLUSTER }));
    assert.deepEqual(running.taskArns?.sort(), [...original.keys()].sort());
    const s = await describeService();
    assert.equal(s.desiredCount, 2);
    assert.equal(s.runningCount, 2);
    assert.equal(s.pendingCount, 0);
    assert.deepEqual((await serviceTasks()).sort(), [...service].sort());
    console.log(`server ready ${((ready - startedAt) / 1000).toFixed(1)} s after its start; agents reconnected ${((reconnected - ready) / 1000).toFixed(1)} s later`);
  });

  step("it goes on working: StopTask stops a task, the service replaces a stopped one", async () => {
    const [first] = standalone;
    await ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: first! }));
    const stopped = await waitFor("the task to stop", async () => {
      const [task] = await describeTasks([first!]);
      return task?.lastStatus === "STOPPED" ? task : undefined;
    });
    assert.equal(stopped.stoppedReason, "Task stopped by user");
    assert.equal(container(original.get(first!)!.id).running, false);

    const [victim] = service;
    await ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: victim! }));
    // The stopped task may still count as running while it stops: wait for the replacement itself.
    const replaced = await waitFor("the service to run a replacement", async () => {
      const arns = await serviceTasks();
      if (arns.length !== 2 || arns.includes(victim!)) return undefined;
      const tasks = await describeTasks(arns);
      return tasks.every((task) => task.lastStatus === "RUNNING") ? arns : undefined;
    });
    const [replacement] = await describeTasks(replaced.filter((arn) => !service.includes(arn)));
    assert.equal(replacement?.lastStatus, "RUNNING");
  });

  step("SIGKILL in the middle of a rolling deployment: it comes back with one PRIMARY deployment, finishes the rollout, leaves no orphan container", async () => {
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "crash-web",
        containerDefinitions: [{ name: "web", image: "stevedore/sample-web:latest", cpu: 128, memory: 64, stopTimeout: 2, portMappings: [{ containerPort: 80 }], environment: [{ name: "REVISION", value: "2" }] }],
      }),
    );
    await ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: "web", taskDefinition: "crash-web:2" }));
    await waitFor("the new revision's first task", async () => (await describeTasks(await serviceTasks())).some((t) => t.taskDefinitionArn!.endsWith(":2")));
    await server!.stop("SIGKILL");
    await startServer();
    const done = await waitFor("the rollout to finish: one deployment, two tasks of revision 2 RUNNING", async () => {
      const s = await describeService();
      const tasks = await describeTasks(await serviceTasks());
      const settled = s.deployments!.length === 1 && tasks.length === 2 && tasks.every((t) => t.lastStatus === "RUNNING" && t.taskDefinitionArn!.endsWith(":2"));
      return settled ? { s, tasks } : undefined;
    }, 90_000);
    assert.equal(done.s.deployments![0]!.status, "PRIMARY");
    assert.equal(done.s.deployments![0]!.rolloutState, "COMPLETED");
    // Every container still running belongs to a task ECS shows RUNNING: none left behind by the kill.
    const { taskArns } = await ecs.send(new ListTasksCommand({ cluster: CLUSTER, desiredStatus: "RUNNING" }));
    const live = await describeTasks(taskArns!);
    const expected = live.map((t) => t.containers![0]!.runtimeId!).sort();
    await waitFor("the old revision's containers to stop", async () => JSON.stringify(runningContainersOf(accountId)) === JSON.stringify(expected), 60_000);
  });
});
