/**
 * The whole agent against a fake server and the real Docker Engine: register, run, adopt after a
 * restart, stop, clean up. Tasks publish on 127.1.0.3; no traffic leaves 127.0.0.0/8.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import Docker from "dockerode";
import { LABELS, type AgentTask, type ContainerDefinition } from "@stevedore/shared";
import { createAgent, type AgentOptions, type ContainerAgent } from "../src/index.ts";
import { sleep } from "../src/sleep.ts";
import { ensureTestImage, TEST_IMAGE } from "./docker-image.ts";
import { FakeServer } from "./fake-server.ts";
import { INSTANCE_ARN, TASK_ARN, task, taskDefinition } from "./fixtures.ts";

const run = randomBytes(4).toString("hex");
const instanceArn = `${INSTANCE_ARN}-${run}`;
const docker = new Docker({ socketPath: "/var/run/docker.sock" });
const logs: string[] = [];

const webTask = `${TASK_ARN}-web-${run}`;
const badImageTask = `${TASK_ARN}-pull-${run}`;
const exitingTask = `${TASK_ARN}-exit-${run}`;

const webDefs: ContainerDefinition[] = [
  {
    name: "web",
    image: TEST_IMAGE,
    memory: 32,
    command: ["/bin/busybox", "httpd", "-f", "-p", "8080", "-h", "/bin"],
    portMappings: [{ containerPort: 8080 }],
    stopTimeout: 1,
  },
  { name: "sidecar", image: TEST_IMAGE, essential: false, stopTimeout: 1 },
];

const newTask = (taskArn: string, defs: ContainerDefinition[]): AgentTask =>
  task({ taskArn, lastStatus: "PROVISIONING", containers: defs.map((d) => ({ name: d.name, lastStatus: "PENDING" })), taskDefinition: taskDefinition(defs) });

function agentOptions(fake: FakeServer): AgentOptions {
  return {
    endpoint: fake.url,
    userData: "#!/bin/bash\necho ECS_CLUSTER=demo >> /etc/ecs/ecs.config",
    identity: {
      instanceId: `i-${run}`,
      instanceType: "t3.medium",
      availabilityZone: "us-east-1a",
      privateIp: "127.1.0.3",
      imageId: "ami-1",
      region: "us-east-1",
      accountId: "123456789012",
    },
    resources: { cpu: 2048, memoryMiB: 3917 },
    log: (line) => logs.push(line),
  };
}

async function eventually<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}\n${logs.slice(-30).join("\n")}`);
    await sleep(100);
  }
}

const containersOf = (taskArn: string) =>
  docker.listContainers({ all: true, filters: { label: [`${LABELS.containerInstanceArn}=${instanceArn}`, `${LABELS.taskArn}=${taskArn}`] } });

describe("agent, end to end", () => {
  let fake: FakeServer;
  let agent: ContainerAgent;

  before(async () => {
    ensureTestImage();
    fake = await FakeServer.start(instanceArn);
    fake.refuseRegistrations = 1;
    agent = createAgent(agentOptions(fake));
    await agent.start();
  });

  after(async () => {
    await agent.stop();
    await fake.close();
    for (const c of await docker.listContainers({ all: true, filters: { label: [`${LABELS.containerInstanceArn}=${instanceArn}`] } })) {
      await docker.getContainer(c.Id).remove({ force: true });
    }
  });

  it("registers to the cluster of its user data, retrying while the cluster does not exist", async () => {
    await eventually("registration", () => agent.containerInstanceArn);
    assert.equal(agent.containerInstanceArn, instanceArn);
    assert.equal(fake.registrations.length, 2);
    const reg = fake.registrations[1]!;
    assert.equal(reg.cluster, "demo");
    assert.equal(JSON.parse(String(reg.instanceIdentityDocument)).instanceId, `i-${run}`);
    assert.ok(logs.some((l) => l.includes('msg="Unable to register as a container instance with ECS"') && l.includes("ClusterNotFoundException")));
    assert.ok(logs.some((l) => l.includes('msg="Registering Instance with ECS"')));
    assert.ok(logs.some((l) => l.includes('msg="Remaining mem: 3917"')));
    assert.ok(logs.some((l) => l.includes('msg="Registered container instance with cluster!"') && l.includes(instanceArn)));
  });

  it("runs a task: PENDING, then RUNNING with runtime ids and network bindings", async () => {
    fake.setTasks((tasks) => [...tasks, newTask(webTask, webDefs)]);
    await eventually("RUNNING", () => fake.task(webTask)?.lastStatus === "RUNNING");
    const [pending, running] = fake.reportsOf(webTask);
    assert.equal(pending?.status, "PENDING");
    assert.equal(typeof pending?.pullStartedAt, "number");
    assert.equal(running?.status, "RUNNING");
    assert.equal(running?.cluster, "demo");
    assert.equal(typeof running?.pullStoppedAt, "number");
    const web = running?.containers.find((c) => c.containerName === "web");
    assert.equal(web?.status, "RUNNING");
    assert.match(web?.runtimeId ?? "", /^[0-9a-f]{64}$/);
    const [binding] = web?.networkBindings ?? [];
    assert.equal(binding?.bindIP, "127.1.0.3");
    assert.equal(binding?.containerPort, 8080);
    assert.equal((await fetch(`http://127.1.0.3:${binding?.hostPort}/nothing-here`)).status, 404);

    const containers = await containersOf(webTask);
    assert.equal(containers.length, 2);
    const info = await docker.getContainer(web!.runtimeId!).inspect();
    assert.match(info.Name, new RegExp(`^/ecs-web-3-web-[0-9a-f]{20}$`));
    assert.ok(info.Config.Env.some((e) => /^ECS_CONTAINER_METADATA_URI_V4=http:\/\/[\d.]+:\d+\/v4\/[0-9a-f-]{36}$/.test(e)));
  });

  it("reports a non-essential container that exited and keeps the task RUNNING", async () => {
    const sidecar = (await containersOf(webTask)).find((c) => c.Labels[LABELS.containerName] === "sidecar")!;
    await docker.getContainer(sidecar.Id).kill();
    const report = await eventually("sidecar report", () =>
      fake.reportsOf(webTask).find((r) => r.containers.some((c) => c.containerName === "sidecar" && c.status === "STOPPED")),
    );
    assert.equal(report.status, "RUNNING");
    assert.deepEqual(report.containers, [{ containerName: "sidecar", runtimeId: sidecar.Id, status: "STOPPED", exitCode: 137 }]);
    assert.equal(fake.task(webTask)?.lastStatus, "RUNNING");
  });

  it("stops within two seconds and leaves the containers running", async () => {
    const started = Date.now();
    await agent.stop();
    assert.ok(Date.now() - started < 2000, `stop took ${Date.now() - started} ms`);
    const web = (await containersOf(webTask)).find((c) => c.Labels[LABELS.containerName] === "web");
    assert.equal(web?.State, "running");
  });

  it("adopts running containers after a restart: reports RUNNING to a server that says PENDING, starts nothing", async () => {
    const before = (await containersOf(webTask)).map((c) => c.Id).sort();
    const reportCount = fake.reports.length;
    fake.setTasks((tasks) => tasks.map((t) => (t.taskArn === webTask ? { ...t, lastStatus: "PENDING" } : t)));
    agent = createAgent(agentOptions(fake));
    await agent.start();
    await eventually("RUNNING again", () => fake.task(webTask)?.lastStatus === "RUNNING");
    const newReports = fake.reports.slice(reportCount);
    assert.deepEqual(newReports.map((r) => r.status), ["RUNNING"]);
    await sleep(1000);
    assert.equal(fake.reports.length, reportCount + 1, "converged: nothing more to report");
    assert.deepEqual((await containersOf(webTask)).map((c) => c.Id).sort(), before);
  });

  it("a pull failure stops the task with CannotPullContainerError", async () => {
    const defs = [{ name: "app", image: "127.0.0.1:1/stevedore/missing:latest" }];
    fake.setTasks((tasks) => [...tasks, newTask(badImageTask, defs)]);
    await eventually("STOPPED", () => fake.task(badImageTask)?.lastStatus === "STOPPED");
    const stopped = fake.reportsOf(badImageTask).at(-1)!;
    assert.equal(stopped.reason, "Task failed to start");
    assert.equal(stopped.containers[0]?.containerName, "app");
    assert.match(stopped.containers[0]?.reason ?? "", /^CannotPullContainerError: Error response from daemon: .*127\.0\.0\.1:1.*connection refused$/);
    assert.deepEqual(await containersOf(badImageTask), []);
  });

  it("an essential container that exits stops its task with the exit code", async () => {
    const defs: ContainerDefinition[] = [
      { name: "job", image: TEST_IMAGE, command: ["/bin/busybox", "sh", "-c", "sleep 1; exit 3"] },
      { name: "helper", image: TEST_IMAGE, essential: false, stopTimeout: 1 },
    ];
    fake.setTasks((tasks) => [...tasks, newTask(exitingTask, defs)]);
    await eventually("STOPPED", () => fake.task(exitingTask)?.lastStatus === "STOPPED");
    const stopped = fake.reportsOf(exitingTask).at(-1)!;
    assert.equal(stopped.reason, "Essential container in task exited");
    assert.equal(typeof stopped.executionStoppedAt, "number");
    const exitCodes = Object.fromEntries(fake.task(exitingTask)!.containers.map((c) => [c.name, c.exitCode]));
    assert.deepEqual(exitCodes, { job: 3, helper: 137 });
    assert.equal((await containersOf(exitingTask)).length, 2, "a STOPPED task's containers are kept while the server lists it");
  });

  it("StopTask: reports STOPPING, stops the containers, reports STOPPED with exit codes", async () => {
    const reportCount = fake.reportsOf(webTask).length;
    fake.setTasks((tasks) => tasks.map((t) => (t.taskArn === webTask ? { ...t, desiredStatus: "STOPPED" } : t)));
    await eventually("STOPPED", () => fake.task(webTask)?.lastStatus === "STOPPED");
    const reports = fake.reportsOf(webTask).slice(reportCount);
    assert.deepEqual(reports.map((r) => r.status), ["STOPPING", "STOPPED"]);
    assert.deepEqual(reports[1]?.containers.map((c) => [c.containerName, c.status, c.exitCode]), [["web", "STOPPED", 137]]);
  });

  it("removes the containers of tasks the server no longer lists", async () => {
    fake.setTasks(() => []);
    await eventually("orphans removed", async () => (await containersOf(webTask)).length === 0 && (await containersOf(exitingTask)).length === 0);
  });
});
