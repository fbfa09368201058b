/**
 * The store under concurrency: a StopTask racing agents' reports is never undone, concurrent RunTasks
 * and service scale-ups never over-commit an instance, a retried RunTask with its clientToken starts
 * nothing new (even when the server was killed mid-call), and a server killed while services are being
 * created comes back with each service whole (one PRIMARY deployment).
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListServicesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { AGENT_TOKEN_HEADER } from "@stevedore/shared";
import { credentials, startTestServer, type TestServer } from "./support/test-server.ts";
import { ECS_JSON, rawRequest } from "./support/raw-http.ts";
import { freePort, startServerProcess } from "./support/child-processes.ts";

const CLUSTER = "consistency";
let t: TestServer;
before(async () => {
  t = await startTestServer("127.99", { embeddedAgents: false });
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  await t.ecs.send(new RegisterTaskDefinitionCommand({ family: "quarter", containerDefinitions: [{ name: "app", image: "x", memory: 256, cpu: 0 }] }));
});
after(async () => {
  await t?.close();
});

/** An agent-less instance of `memory` MiB; its agent token. */
async function instance(id: string, memory: number, url = t.server.url): Promise<{ arn: string; token: string }> {
  const r = await rawRequest(url, {
    headers: ECS_JSON("RegisterContainerInstance"),
    body: JSON.stringify({
      cluster: CLUSTER,
      instanceIdentityDocument: JSON.stringify({ instanceId: id, instanceType: "t3.medium", availabilityZone: "us-east-1a", privateIp: "127.99.0.1" }),
      totalResources: [
        { name: "CPU", type: "INTEGER", integerValue: 2048 },
        { name: "MEMORY", type: "INTEGER", integerValue: memory },
      ],
      attributes: [{ name: "pool", value: id }],
    }),
  });
  const out = JSON.parse(r.body);
  return { arn: out.containerInstance.containerInstanceArn, token: out.agentToken };
}

test("concurrent RunTasks never over-commit an instance: 20 at once on room for 4", async () => {
  const { arn } = await instance("i-0000000000000fill", 1024);
  const runs = await Promise.all(
    Array.from({ length: 20 }, () =>
      t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "quarter", placementConstraints: [{ type: "memberOf", expression: "attribute:pool == i-0000000000000fill" }] })),
    ),
  );
  assert.equal(runs.reduce((n, r) => n + (r.tasks?.length ?? 0), 0), 4);
  assert.equal(runs.filter((r) => r.failures?.[0]?.reason === "RESOURCE:MEMORY").length, 16);
  const [described] = (await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: [arn] }))).containerInstances!;
  assert.equal(described!.remainingResources!.find((r) => r.name === "MEMORY")!.integerValue, 0);
  assert.equal(described!.pendingTasksCount, 4);
});

test("concurrent service scale-ups never over-commit an instance: 5 services asking for 4 each on room for 4", async () => {
  const { arn } = await instance("i-00000000000scale", 1024);
  const names = Array.from({ length: 5 }, (_, i) => `scale-${i}`);
  const memberOf = [{ type: "memberOf" as const, expression: "attribute:pool == i-00000000000scale" }];
  for (const serviceName of names) await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName, taskDefinition: "quarter", desiredCount: 0, placementConstraints: memberOf }));
  await Promise.all(names.map((service) => t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service, desiredCount: 4 }))));
  // Each service's scheduler keeps trying; give every one of them several rounds.
  let running = 0;
  for (let i = 0; i < 30 && running < 4; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const { services } = await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: names }));
    running = services!.reduce((n, s) => n + (s.pendingCount ?? 0) + (s.runningCount ?? 0), 0);
  }
  await new Promise((r) => setTimeout(r, 1000));
  const { services } = await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: names }));
  assert.equal(services!.reduce((n, s) => n + (s.pendingCount ?? 0) + (s.runningCount ?? 0), 0), 4);
  const [described] = (await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: [arn] }))).containerInstances!;
  assert.equal(described!.remainingResources!.find((r) => r.name === "MEMORY")!.integerValue, 0);
  assert.equal(described!.pendingTasksCount, 4);
});

test("a StopTask racing the agent's reports is never undone", async () => {
  const { token } = await instance("i-0000000000000race", 4096);
  for (let round = 0; round < 5; round++) {
    const run = await t.ecs.send(
      new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "quarter", placementConstraints: [{ type: "memberOf", expression: "attribute:pool == i-0000000000000race" }] }),
    );
    const taskArn = run.tasks![0]!.taskArn!;
    const report = (status: string) =>
      rawRequest(t.server.url, {
        headers: { ...ECS_JSON("SubmitTaskStateChange"), [AGENT_TOKEN_HEADER]: token },
        body: JSON.stringify({ cluster: CLUSTER, task: taskArn, status, containers: [{ containerName: "app", status, runtimeId: `c${round}` }] }),
      });
    await Promise.all([...Array.from({ length: 20 }, (_, i) => report(i % 2 ? "RUNNING" : "PENDING")), t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: taskArn, reason: "stopped in the race" }))]);
    await report("RUNNING");
    const [task] = (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [taskArn] }))).tasks!;
    assert.equal(task!.desiredStatus, "STOPPED", `round ${round}`);
    assert.equal(task!.stoppedReason, "stopped in the race", `round ${round}`);
  }
});

test("a RunTask retried with its clientToken starts nothing new; the token with other parameters is refused", async () => {
  await instance("i-0000000000000idem", 4096);
  const input = { cluster: CLUSTER, taskDefinition: "quarter", count: 2, clientToken: "retry-me-1", placementConstraints: [{ type: "memberOf" as const, expression: "attribute:pool == i-0000000000000idem" }] };
  const first = await t.ecs.send(new RunTaskCommand(input));
  const again = await t.ecs.send(new RunTaskCommand(input));
  assert.deepEqual(again.tasks!.map((x) => x.taskArn), first.tasks!.map((x) => x.taskArn));
  assert.equal(again.tasks![0]!.createdAt!.getTime(), first.tasks![0]!.createdAt!.getTime());
  const { taskArns } = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, family: "quarter", maxResults: 100 }));
  assert.equal(taskArns!.filter((a) => first.tasks!.some((x) => x.taskArn === a)).length, 2);
  await assert.rejects(t.ecs.send(new RunTaskCommand({ ...input, count: 3 })), { name: "ClientException", message: /clientToken 'retry-me-1' was used with other parameters/ });
});

test("RunTasks cut by a SIGKILL and retried with their clientTokens start each token's tasks exactly once", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-kill-"));
  const env = { STEVEDORE_PORT: String(await freePort()), STEVEDORE_DATA_DIR: dataDir, STEVEDORE_EMBEDDED_AGENTS: "0", STEVEDORE_INSTANCE_NETWORK: "127.98" };
  let server = await startServerProcess(env);
  const ecs = () => new ECSClient({ endpoint: server.url, region: "us-east-1", credentials, maxAttempts: 1 });
  const run = (i: number) => new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "web", count: 2, clientToken: `kill-${i}` });
  try {
    await ecs().send(new CreateClusterCommand({ clusterName: CLUSTER }));
    await ecs().send(new RegisterTaskDefinitionCommand({ family: "web", containerDefinitions: [{ name: "app", image: "x", memory: 16 }] }));
    await instance("i-000000000000kill", 16_384, server.url);
    const first = Array.from({ length: 60 }, (_, i) => ecs().send(run(i)));
    await Promise.any(first);
    await server.stop("SIGKILL");
    const answered = (await Promise.allSettled(first)).filter((r) => r.status === "fulfilled").length;
    server = await startServerProcess(env);
    const retried = await Promise.all(Array.from({ length: 60 }, (_, i) => ecs().send(run(i))));
    for (const [i, r] of retried.entries()) assert.equal(r.tasks!.length, 2, `token kill-${i}`);
    assert.ok(answered < 60, "the kill came before every call was answered");
    const listed: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ecs().send(new ListTasksCommand({ cluster: CLUSTER, maxResults: 100, ...(nextToken ? { nextToken } : {}) }));
      listed.push(...page.taskArns!);
      nextToken = page.nextToken;
    } while (nextToken);
    const answeredArns = retried.flatMap((r) => r.tasks!.map((x) => x.taskArn!));
    assert.equal(new Set(answeredArns).size, 120);
    assert.deepEqual(listed.sort(), answeredArns.sort());
  } finally {
    await server.stop("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a server killed while services are created comes back with each service whole: one PRIMARY deployment", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-kill-"));
  const env = { STEVEDORE_PORT: String(await freePort()), STEVEDORE_DATA_DIR: dataDir, STEVEDORE_EMBEDDED_AGENTS: "0", STEVEDORE_INSTANCE_NETWORK: "127.99" };
  let server = await startServerProcess(env);
  const ecs = () => new ECSClient({ endpoint: server.url, region: "us-east-1", credentials, maxAttempts: 1 });
  try {
    await ecs().send(new CreateClusterCommand({ clusterName: CLUSTER }));
    await ecs().send(new RegisterTaskDefinitionCommand({ family: "web", containerDefinitions: [{ name: "app", image: "x", memory: 64 }] }));
    const creating = Array.from({ length: 40 }, (_, i) => ecs().send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: `s${i}`, taskDefinition: "web", desiredCount: 1 })).catch(() => undefined));
    await new Promise((r) => setTimeout(r, 40));
    await server.stop("SIGKILL");
    await Promise.all(creating);
    server = await startServerProcess(env);
    const arns = (await ecs().send(new ListServicesCommand({ cluster: CLUSTER, maxResults: 100 }))).serviceArns ?? [];
    for (let i = 0; i < arns.length; i += 10) {
      const { services } = await ecs().send(new DescribeServicesCommand({ cluster: CLUSTER, services: arns.slice(i, i + 10) }));
      for (const s of services!) assert.equal(s.deployments!.filter((d) => d.status === "PRIMARY").length, 1, s.serviceName);
    }
  } finally {
    await server.stop("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
