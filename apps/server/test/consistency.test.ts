/**
 * The store under concurrency: a StopTask racing agents' reports is never undone, concurrent RunTasks
 * never over-commit an instance, a retried RunTask with its clientToken starts nothing new, and a server
 * killed while services are being created comes back with each service whole (one PRIMARY deployment).
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
async function instance(id: string, memory: number): Promise<{ arn: string; token: string }> {
  const r = await rawRequest(t.server.url, {
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
