/**
 * Agents prove who they are with the token their registration gave them: no caller takes over a
 * registered instance, reports another instance's tasks, or polls for them. Each refusal changes nothing.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CreateClusterCommand, DescribeContainerInstancesCommand, DescribeTasksCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from "@aws-sdk/client-ecs";
import { AGENT_TOKEN_HEADER } from "@stevedore/shared";
import { startTestServer, type TestServer } from "./support/test-server.ts";
import { ECS_JSON, rawRequest } from "./support/raw-http.ts";

const CLUSTER = "tokens";
let t: TestServer;
before(async () => {
  t = await startTestServer("127.93", { embeddedAgents: false });
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
});
after(async () => {
  await t?.close();
});

const identity = (instanceId: string, privateIp: string) =>
  JSON.stringify({ instanceId, instanceType: "t3.medium", availabilityZone: "us-east-1a", privateIp, region: "us-east-1" });

async function register(instanceId: string, privateIp: string, token?: string) {
  const body = JSON.stringify({
    cluster: CLUSTER,
    instanceIdentityDocument: identity(instanceId, privateIp),
    totalResources: [
      { name: "CPU", type: "INTEGER", integerValue: 2048 },
      { name: "MEMORY", type: "INTEGER", integerValue: 3800 },
    ],
    attributes: [{ name: "registered-by", value: token ? "its-agent" : "someone" }],
  });
  const r = await rawRequest(t.server.url, { headers: { ...ECS_JSON("RegisterContainerInstance"), ...(token ? { [AGENT_TOKEN_HEADER]: token } : {}) }, body });
  return { status: r.status, body: JSON.parse(r.body) };
}

test("an agent re-registering as another instance is refused, and the instance is left as it was", async () => {
  const first = await register("i-0aaaaaaaaaaaaaaa1", "127.93.0.1");
  assert.equal(first.status, 200);
  assert.match(first.body.agentToken, /^[\w-]{40,}$/);
  const arn = first.body.containerInstance.containerInstanceArn;

  const hijack = await register("i-0aaaaaaaaaaaaaaa1", "127.93.0.99");
  assert.equal(hijack.status, 400);
  assert.equal(hijack.body.__type, "ClientException");
  assert.match(hijack.body.message, /only that agent \(its token\) may register it again/);
  const [after] = (await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: [arn] }))).containerInstances!;
  assert.equal(after!.attributes!.find((a) => a.name === "registered-by")?.value, "someone");

  // Its own agent, with its token, registers again and gets the same instance and a new token.
  const again = await register("i-0aaaaaaaaaaaaaaa1", "127.93.0.1", first.body.agentToken);
  assert.equal(again.status, 200);
  assert.equal(again.body.containerInstance.containerInstanceArn, arn);
  assert.notEqual(again.body.agentToken, first.body.agentToken);
  // The old token no longer proves anything.
  const stale = await rawRequest(t.server.url, { headers: { ...ECS_JSON("SubmitTaskStateChange"), [AGENT_TOKEN_HEADER]: first.body.agentToken }, body: "{}" });
  assert.equal(JSON.parse(stale.body).__type, "UnrecognizedClientException");
});

test("a task's state is reported by its own instance's agent only; others are refused and nothing changes", async () => {
  const a = await register("i-0bbbbbbbbbbbbbbb1", "127.93.0.2");
  const b = await register("i-0bbbbbbbbbbbbbbb2", "127.93.0.3");
  await t.ecs.send(new RegisterTaskDefinitionCommand({ family: "tokens", containerDefinitions: [{ name: "web", image: "x", memory: 64 }] }));
  const run = await t.ecs.send(
    new RunTaskCommand({
      cluster: CLUSTER,
      taskDefinition: "tokens",
      placementConstraints: [{ type: "memberOf", expression: "ec2InstanceId == i-0bbbbbbbbbbbbbbb1" }],
    }),
  );
  const task = run.tasks![0]!;
  assert.equal(task.containerInstanceArn, a.body.containerInstance.containerInstanceArn);
  const report = JSON.stringify({ cluster: CLUSTER, task: task.taskArn, status: "STOPPED", reason: "forged" });

  for (const headers of [{}, { [AGENT_TOKEN_HEADER]: b.body.agentToken as string }] as Record<string, string>[]) {
    const r = await rawRequest(t.server.url, { headers: { ...ECS_JSON("SubmitTaskStateChange"), ...headers }, body: report });
    assert.equal(JSON.parse(r.body).__type, "AccessDeniedException");
  }
  const [unchanged] = (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [task.taskArn!] }))).tasks!;
  assert.equal(unchanged!.lastStatus, "PROVISIONING");

  const own = await rawRequest(t.server.url, { headers: { ...ECS_JSON("SubmitTaskStateChange"), [AGENT_TOKEN_HEADER]: a.body.agentToken }, body: report });
  assert.equal(own.status, 200);
  const [stopped] = (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [task.taskArn!] }))).tasks!;
  assert.equal(stopped!.lastStatus, "STOPPED");
});

test("an agent polls for its own instance only, and an agent's token calls nothing but an agent's actions", async () => {
  const a = await register("i-0ccccccccccccccc1", "127.93.0.4");
  const b = await register("i-0ccccccccccccccc2", "127.93.0.5");
  const poll = (token: string, arn: string) =>
    rawRequest(t.server.url, { path: "/agent/v1/poll", headers: { "content-type": "application/json", [AGENT_TOKEN_HEADER]: token }, body: JSON.stringify({ cluster: CLUSTER, containerInstanceArn: arn, waitMs: 0 }) });
  const mine = await poll(a.body.agentToken, a.body.containerInstance.containerInstanceArn);
  assert.equal(mine.status, 200);
  assert.equal(JSON.parse(mine.body).registered, true);
  assert.equal((await poll(a.body.agentToken, b.body.containerInstance.containerInstanceArn)).status, 403);
  assert.equal((await rawRequest(t.server.url, { path: "/agent/v1/poll", headers: { "content-type": "application/json" }, body: "{}" })).status, 403);

  const deleteCluster = await rawRequest(t.server.url, { headers: { ...ECS_JSON("DeleteCluster"), [AGENT_TOKEN_HEADER]: a.body.agentToken }, body: JSON.stringify({ cluster: CLUSTER }) });
  assert.equal(JSON.parse(deleteCluster.body).__type, "AccessDeniedException");
});
