/**
 * A real multi-host cluster: the server's embedded agent for an Auto Scaling group's virtual instance,
 * and two standalone agents (`stevedore-agent`, as child processes) on two more Docker Engines of
 * this machine, each with its own socket, data root and bridge. Tasks spread over the three hosts run
 * on the right engines; an engine that stops takes its instance out of placement; when it comes back
 * its agent reports the task that died with it as ECS does.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import { after, before, describe, test } from "node:test";
import {
  CreateClusterCommand,
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type ContainerInstance,
  type Task,
} from "@aws-sdk/client-ecs";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { AGENT_DISCONNECTED_AFTER_MS, INSTANCE_TYPES } from "@stevedore/shared";
import { startStandaloneAgent, type Program } from "./support/child-processes.ts";
import { extraEngine, type ExtraEngine } from "./support/docker-engines.ts";
import { dockerContainers, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";

const CLUSTER = "multi";
const IMAGE = "stevedore/sample-web:latest";
const MIB = 1024 * 1024;
const userData = Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config;\n`).toString("base64");

let t: TestServer | undefined;
const engines: ExtraEngine[] = [];
const agents: Program[] = [];
let failed = false;

/** The three hosts: where each instance's containers are and where its tasks publish their ports. */
interface Host {
  name: string;
  /** Its extra Docker Engine; the main one for the virtual instance. */
  engine?: ExtraEngine;
  address: string;
  instance?: ContainerInstance;
}
const hosts: Host[] = [];

before(async () => {
  const began = Date.now();
  for (const n of [1, 2]) {
    const engine = extraEngine(n);
    engines.push(engine); // before start(), so after() cleans up whatever start() got to
    await engine.start();
    engine.loadImage(IMAGE);
  }
  t = await startTestServer("127.82");
  console.log(`two extra engines and the server ready in ${((Date.now() - began) / 1000).toFixed(1)} s`);
});

after(async () => {
  if (failed) for (const a of agents) console.log(`--- ${a.name} output ---\n${a.output().slice(-6000)}`);
  for (const a of agents) a.child.kill("SIGCONT"); // in case a failure left one held
  await Promise.allSettled(agents.map((a) => a.stop()));
  await t?.close().catch((err: unknown) => console.error("closing the test server:", err));
  await Promise.all(engines.map((e) => e.destroy()));
});

const ecs = () => t!.ecs;

async function describeInstances(): Promise<ContainerInstance[]> {
  const { containerInstanceArns } = await ecs().send(new ListContainerInstancesCommand({ cluster: CLUSTER }));
  if (!containerInstanceArns?.length) return [];
  const { containerInstances } = await ecs().send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: containerInstanceArns }));
  return containerInstances ?? [];
}

async function describeTask(arn: string): Promise<Task> {
  const out = await ecs().send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [arn] }));
  return out.tasks![0]!;
}

const waitForStatus = (arn: string, status: string, timeoutMs = 60_000) =>
  waitFor(`task ${arn} to be ${status}`, async () => {
    const task = await describeTask(arn);
    return task.lastStatus === status ? task : undefined;
  }, timeoutMs);

const attribute = (ci: ContainerInstance | undefined, name: string) => ci?.attributes?.find((a) => a.name === name)?.value;
const hostOf = (containerInstanceArn: string | undefined) => hosts.find((h) => h.instance?.containerInstanceArn === containerInstanceArn)!;
const containersOn = (host: Host, filters: string[]) =>
  host.engine
    ? host.engine.docker(["ps", "-aq", "--no-trunc", ...filters.flatMap((f) => ["--filter", f])]).split("\n").filter(Boolean)
    : dockerContainers(filters);

/** Marks the run failed when `fn` throws, so after() prints the agents' output. */
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

describe("a cluster of three hosts: a virtual instance and two standalone agents on Docker Engines of their own", () => {
  step("standalone agents register their hosts' real CPU and memory beside the Auto Scaling group's instance", async () => {
    await ecs().send(new CreateClusterCommand({ clusterName: CLUSTER }));
    await t!.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "multi-lc", ImageId: "ami-ecs", InstanceType: "t3.small", UserData: userData }));
    await t!.autoscaling.send(
      new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "multi-asg", LaunchConfigurationName: "multi-lc", MinSize: 1, MaxSize: 1, DesiredCapacity: 1, AvailabilityZones: ["us-east-1a"] }),
    );
    // One agent configured on its command line, the other from an ecs.config file as on an EC2 host.
    const config = `${engines[1]!.dir}/ecs.config`;
    fs.writeFileSync(config, `ECS_CLUSTER=${CLUSTER}\nECS_CONTAINER_STOP_TIMEOUT=7s\nECS_INSTANCE_ATTRIBUTES={"stack":"prod"}\nECS_ENABLE_TASK_IAM_ROLE=true\n`);
    const url = t!.server.url;
    agents.push(
      startStandaloneAgent("agent 1", ["--endpoint", url, "--cluster", CLUSTER, "--docker-socket", engines[0]!.socket, "--private-ip", "127.82.1.1", "--availability-zone", "us-east-1b", "--data-dir", engines[0]!.dir]),
      startStandaloneAgent("agent 2", ["--endpoint", url, "--config", config, "--docker-socket", engines[1]!.socket, "--private-ip", "127.82.1.2", "--availability-zone", "us-east-1c", "--data-dir", engines[1]!.dir]),
    );
    const instances = await waitFor("three connected container instances", async () => {
      const all = await describeInstances();
      return all.length === 3 && all.every((ci) => ci.agentConnected) ? all : undefined;
    });
    const byZone = (zone: string) => instances.find((ci) => attribute(ci, "ecs.availability-zone") === zone);
    hosts.push(
      { name: "the virtual instance", address: "127.82.0.1", instance: byZone("us-east-1a") },
      { name: "engine 1", engine: engines[0]!, address: "127.82.1.1", instance: byZone("us-east-1b") },
      { name: "engine 2", engine: engines[1]!, address: "127.82.1.2", instance: byZone("us-east-1c") },
    );
    assert.ok(hosts.every((h) => h.instance), "one instance in each zone");

    const hostMemory = Math.floor(os.totalmem() / MIB) - 256;
    for (const h of hosts.slice(1)) {
      const ci = h.instance!;
      assert.match(ci.ec2InstanceId!, /^i-[0-9a-f]{17}$/);
      assert.equal(ci.registeredResources?.find((r) => r.name === "CPU")?.integerValue, os.cpus().length * 1024);
      assert.equal(ci.registeredResources?.find((r) => r.name === "MEMORY")?.integerValue, hostMemory);
      assert.ok(INSTANCE_TYPES.some((type) => type.name === attribute(ci, "ecs.instance-type")));
      assert.equal(attribute(ci, "ecs.os-type"), "linux");
    }
    assert.notEqual(hosts[1]!.instance!.ec2InstanceId, hosts[2]!.instance!.ec2InstanceId, "an instance id per Docker Engine");
    assert.equal(attribute(hosts[2]!.instance, "stack"), "prod", "ECS_INSTANCE_ATTRIBUTES registered as attributes");
    assert.equal(attribute(hosts[1]!.instance, "stack"), undefined);
    assert.equal(hosts[0]!.instance!.registeredResources?.find((r) => r.name === "MEMORY")?.integerValue, 1939, "the virtual t3.small as before");
    assert.match(agents[1]!.output(), /Ignoring ECS agent variables Stevedore does not act on.*ECS_ENABLE_TASK_IAM_ROLE/);
  });

  let spread: Task[] = [];

  step("RunTask spread over instanceId puts a task on each host, on that host's engine, serving on its address", async () => {
    await ecs().send(
      new RegisterTaskDefinitionCommand({
        family: "multi-web",
        containerDefinitions: [{ name: "web", image: IMAGE, cpu: 128, memory: 64, essential: true, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
      }),
    );
    const out = await ecs().send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "multi-web", count: 3, placementStrategy: [{ type: "spread", field: "instanceId" }] }));
    assert.deepEqual(out.failures, []);
    assert.equal(new Set(out.tasks!.map((task) => task.containerInstanceArn)).size, 3, "one task per instance");
    spread = await Promise.all(out.tasks!.map((task) => waitForStatus(task.taskArn!, "RUNNING")));
    for (const task of spread) {
      const host = hostOf(task.containerInstanceArn);
      const label = `label=com.amazonaws.ecs.task-arn=${task.taskArn}`;
      for (const other of hosts) {
        assert.equal(containersOn(other, [label]).length, other === host ? 1 : 0, `${task.taskArn} has its container on ${host.name} only`);
      }
      assert.equal(containersOn(host, [label, "status=running"])[0], task.containers![0]!.runtimeId);
      const binding = task.containers![0]!.networkBindings![0]!;
      assert.equal(binding.bindIP, host.address);
      // The sample page names its task as the task metadata endpoint told it: the agent's endpoint on
      // the engine's own bridge gateway answers its containers.
      const page = await waitFor(`the page of the task on ${host.name}`, async () => {
        const res = await fetch(`http://${binding.bindIP}:${binding.hostPort}/`);
        return res.ok ? res.text() : undefined;
      });
      assert.match(page, new RegExp(`Task ID: <strong id="task-id">${task.taskArn!.split("/").pop()}</strong>`));
      if (host.engine) assert.match(page, new RegExp(`ECS_CONTAINER_METADATA_URI_V4=http://${host.engine.gateway.replace(/\./g, "\\.")}:\\d+/v4/`));
    }
    // ECS_CONTAINER_STOP_TIMEOUT of engine 2's ecs.config: its containers without a stopTimeout get 7 s.
    const onEngine2 = spread.find((task) => hostOf(task.containerInstanceArn) === hosts[2])!;
    const inspected = JSON.parse(engines[1]!.docker(["inspect", onEngine2.containers![0]!.runtimeId!]))[0];
    assert.equal(inspected.Config.StopTimeout, 7);
  });

  let placedInWindow: Task | undefined;
  let engineStoppedAt = 0;
  const pinnedTo = (host: Host) => [{ type: "memberOf" as const, expression: `ec2InstanceId == ${host.instance!.ec2InstanceId}` }];

  step("an engine that stops takes its instance out: disconnected within the server's window, and nothing more placed there", async () => {
    const [first, second, third] = hosts;
    engineStoppedAt = Date.now();
    // The agent is held (SIGSTOP) while the engine shuts down: otherwise it sees the containers die
    // while Docker still answers and reports at once. Held, it finds out only when the engine is back,
    // as ECS's agent, a container of that engine, would.
    agents[1]!.child.kill("SIGSTOP");
    try {
      await engines[1]!.stop();
    } finally {
      agents[1]!.child.kill("SIGCONT");
    }
    console.log(`engine 2 stopped (SIGTERM) in ${((Date.now() - engineStoppedAt) / 1000).toFixed(1)} s`);
    // Until the server's window has passed it still counts as connected: a task placed now waits there.
    const early = await ecs().send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "multi-web", placementConstraints: pinnedTo(third!) }));
    assert.deepEqual(early.failures, []);
    placedInWindow = early.tasks![0]!;
    await agents[1]!.waitForOutput(/Docker Engine does not answer: the agent stops polling/, 15_000);
    await waitFor("engine 2's instance to be disconnected", async () => {
      const ci = (await describeInstances()).find((i) => i.containerInstanceArn === third!.instance!.containerInstanceArn);
      return ci?.agentConnected === false;
    }, AGENT_DISCONNECTED_AFTER_MS + 20_000);
    const disconnectedAfter = Date.now() - engineStoppedAt;
    console.log(`engine 2's instance disconnected ${(disconnectedAfter / 1000).toFixed(1)} s after the engine was told to stop`);
    assert.ok(disconnectedAfter <= AGENT_DISCONNECTED_AFTER_MS + 10_000);
    const others = (await describeInstances()).filter((ci) => ci.containerInstanceArn !== third!.instance!.containerInstanceArn);
    assert.ok(others.every((ci) => ci.agentConnected), "the other two stay connected");

    const pinned = await ecs().send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "multi-web", placementConstraints: pinnedTo(third!) }));
    assert.equal(pinned.tasks?.length, 0);
    assert.equal(pinned.failures?.find((f) => f.arn === third!.instance!.containerInstanceArn)?.reason, "AGENT");
    const more = await ecs().send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "multi-web", count: 2, placementStrategy: [{ type: "spread", field: "instanceId" }] }));
    assert.equal(more.tasks?.length, 2);
    assert.deepEqual(more.tasks!.map((task) => hostOf(task.containerInstanceArn).name).sort(), [first!.name, second!.name].sort());
    await Promise.all(more.tasks!.map((task) => waitForStatus(task.taskArn!, "RUNNING")));
    assert.equal((await describeTask(placedInWindow.taskArn!)).lastStatus, "PROVISIONING", "nothing can start it while the engine is away");
    // Nor can the server know that the task on the stopped engine died: it still shows RUNNING, as on ECS.
    const onEngine2 = spread.find((task) => hostOf(task.containerInstanceArn) === third)!;
    assert.equal((await describeTask(onEngine2.taskArn!)).lastStatus, "RUNNING");
  });

  step("the engine starts again: its agent reconnects as the same instance, the task that died with the engine is STOPPED, the waiting one starts", async () => {
    const third = hosts[2]!;
    const onEngine2 = spread.find((task) => hostOf(task.containerInstanceArn) === third)!;
    const startedAt = Date.now();
    await engines[1]!.start();
    await waitFor("engine 2's instance to reconnect", async () => {
      const all = await describeInstances();
      return all.length === 3 && all.find((ci) => ci.containerInstanceArn === third.instance!.containerInstanceArn)?.agentConnected;
    });
    const stopped = await waitForStatus(onEngine2.taskArn!, "STOPPED");
    const running = await waitForStatus(placedInWindow!.taskArn!, "RUNNING");
    console.log(`engine 2 back: its agent reconnected, reported the dead task and ran the waiting one ${((Date.now() - startedAt) / 1000).toFixed(1)} s after the engine started`);
    assert.ok(stopped.stoppedAt!.getTime() >= startedAt, "reported once the engine was back");
    assert.equal(stopped.stoppedReason, "Essential container in task exited");
    assert.equal(stopped.stopCode, "EssentialContainerExited");
    assert.equal(stopped.containers![0]!.exitCode, 143, "the engine's shutdown stopped it with SIGTERM");
    assert.equal(hostOf(running.containerInstanceArn), third);

    // No orphans: engine 2 keeps the stopped task's exited container (ECS keeps those a while) and runs the new one.
    const all = engines[1]!.docker(["ps", "-a", "--no-trunc", "--format", '{{.ID}} {{.State}} {{.Label "com.amazonaws.ecs.task-arn"}}']).split("\n").filter(Boolean).sort();
    const expected = [`${onEngine2.containers![0]!.runtimeId} exited ${onEngine2.taskArn}`, `${running.containers![0]!.runtimeId} running ${running.taskArn}`].sort();
    assert.deepEqual(all, expected);
    const page = await fetch(`http://${third.address}:${running.containers![0]!.networkBindings![0]!.hostPort}/`).then((r) => r.text());
    assert.match(page, new RegExp(`Task ID: <strong id="task-id">${running.taskArn!.split("/").pop()}</strong>`), "the metadata endpoint answers again");
    // The other hosts' tasks went on undisturbed.
    for (const task of spread.filter((s) => s !== onEngine2)) assert.equal((await describeTask(task.taskArn!)).lastStatus, "RUNNING");
  });
});
