/**
 * Two students' accounts on one server, driven with the AWS CLI v2 under each one's keys, on the real
 * Docker Engine: each builds the same lab (an EC2 cluster, a task definition with a static host port,
 * a service, a repository, logs); neither lists, describes, stops, updates nor deletes the other's, by
 * name or by ARN; their containers and host ports do not collide; a reset of one removes its
 * containers and records, keeps its keys, and leaves the other running.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { accountSweep } from "@stevedore/agent";
import { dockerContainers, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";
import { awsAs, createAccount, stevedoreCommand, type StudentKeys } from "./support/workshop.ts";

let t: TestServer;
let a: StudentKeys;
let b: StudentKeys;
const labs = new Map<string, { serviceArn: string; taskArn: string; clusterArn: string; taskDefinitionArn: string; bindIP: string }>();

// The AWS CLI encodes user data in base64 itself.
const userData = "#!/bin/bash\necho ECS_CLUSTER=lab >> /etc/ecs/ecs.config\n";
const containers = (keys: StudentKeys) => dockerContainers([`label=com.amazonaws.ecs.cluster=arn:aws:ecs:us-east-1:${keys.accountId}:cluster/lab`]);

/** The same lab in an account: a cluster of one instance and a service whose task publishes host port 8080. */
async function buildLab(keys: StudentKeys) {
  const aws = awsAs(() => t, keys);
  const clusterArn = (await aws("ecs", "create-cluster", "--cluster-name", "lab")).cluster.clusterArn;
  await aws("autoscaling", "create-launch-configuration", "--launch-configuration-name", "lab-lc", "--image-id", "ami-ecs", "--instance-type", "t3.small", "--user-data", userData);
  await aws("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "lab-asg", "--launch-configuration-name", "lab-lc", "--min-size", "0", "--max-size", "1", "--desired-capacity", "1", "--availability-zones", "us-east-1a");
  const taskDefinitionArn = (
    await aws(
      "ecs", "register-task-definition", "--family", "web", "--container-definitions",
      JSON.stringify([{ name: "web", image: "stevedore/sample-web:latest", memory: 64, command: ["/bin/sh", "-c", "echo lab started; exec /bin/sh /app/start.sh"], portMappings: [{ containerPort: 80, hostPort: 8080 }], logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs", "awslogs-create-group": "true" } } }]),
    )
  ).taskDefinition.taskDefinitionArn;
  await waitFor(`${keys.accountId}'s instance`, async () => (await aws("ecs", "list-container-instances", "--cluster", "lab")).containerInstanceArns.length === 1, 60_000);
  const serviceArn = (await aws("ecs", "create-service", "--cluster", "lab", "--service-name", "web", "--task-definition", "web", "--desired-count", "1")).service.serviceArn;
  await aws("ecr", "create-repository", "--repository-name", "web");
  const task = await waitFor(`${keys.accountId}'s task RUNNING`, async () => {
    const [arn] = (await aws("ecs", "list-tasks", "--cluster", "lab", "--service-name", "web")).taskArns;
    if (!arn) return undefined;
    const described = (await aws("ecs", "describe-tasks", "--cluster", "lab", "--tasks", arn)).tasks[0];
    return described.lastStatus === "RUNNING" ? described : undefined;
  }, 90_000);
  const binding = task.containers[0].networkBindings[0];
  assert.equal(binding.hostPort, 8080);
  labs.set(keys.accountId, { serviceArn, taskArn: task.taskArn, clusterArn, taskDefinitionArn, bindIP: binding.bindIP });
}

before(async () => {
  t = await startTestServer("127.121");
  a = await createAccount(t, "student-a");
  b = await createAccount(t, "student-b");
  await Promise.all([buildLab(a), buildLab(b)]);
});
after(async () => {
  const sweep = accountSweep(t.config.dockerSocketPath);
  await t?.close();
  for (const keys of [a, b]) if (keys) await sweep(keys.accountId);
});

test("the same lab runs in both accounts: the same host port on each one's own instance address, one container each", async () => {
  const [la, lb] = [labs.get(a.accountId)!, labs.get(b.accountId)!];
  assert.notEqual(la.bindIP, lb.bindIP);
  for (const lab of [la, lb]) {
    const page = await (await fetch(`http://${lab.bindIP}:8080/`)).text();
    assert.ok(page.includes(lab.taskArn.split("/").at(-1)!), "each page names its own task");
  }
  assert.equal(containers(a).length, 1);
  assert.equal(containers(b).length, 1);
  assert.match(la.clusterArn, new RegExp(`:${a.accountId}:cluster/lab$`));
});

test("B neither lists nor describes A's clusters, instances, tasks, services, task definitions, repositories, groups or logs", async () => {
  const aws = awsAs(() => t, b);
  const la = labs.get(a.accountId)!;
  assert.deepEqual((await aws("ecs", "list-clusters")).clusterArns, [labs.get(b.accountId)!.clusterArn]);
  const clusters = await aws("ecs", "describe-clusters", "--clusters", la.clusterArn);
  assert.deepEqual(clusters.clusters, []);
  assert.deepEqual(clusters.failures, [{ arn: la.clusterArn, reason: "MISSING" }]);
  await assert.rejects(aws("ecs", "list-container-instances", "--cluster", la.clusterArn), /ClusterNotFoundException/);
  await assert.rejects(aws("ecs", "list-tasks", "--cluster", la.clusterArn), /ClusterNotFoundException/);
  const tasks = await aws("ecs", "describe-tasks", "--cluster", "lab", "--tasks", la.taskArn);
  assert.deepEqual(tasks.tasks, []);
  assert.equal(tasks.failures[0].reason, "MISSING");
  const services = await aws("ecs", "describe-services", "--cluster", "lab", "--services", la.serviceArn);
  assert.deepEqual(services.services, []);
  assert.deepEqual(services.failures, [{ arn: la.serviceArn, reason: "MISSING" }]);
  assert.deepEqual((await aws("ecs", "list-task-definitions")).taskDefinitionArns, [labs.get(b.accountId)!.taskDefinitionArn]);
  await assert.rejects(aws("ecs", "describe-task-definition", "--task-definition", la.taskDefinitionArn), /ClientException/);
  const repositories = (await aws("ecr", "describe-repositories")).repositories;
  assert.deepEqual(repositories.map((r: { repositoryArn: string }) => r.repositoryArn), [`arn:aws:ecr:us-east-1:${b.accountId}:repository/web`]);
  const groups = (await aws("autoscaling", "describe-auto-scaling-groups")).AutoScalingGroups;
  assert.deepEqual(groups.map((g: { AutoScalingGroupARN: string }) => g.AutoScalingGroupARN.split(":")[4]), [b.accountId]);
  const own = `ecs/web/${labs.get(b.accountId)!.taskArn.split("/").at(-1)}`;
  const streams = await waitFor("B's log stream", async () => {
    const found = (await aws("logs", "describe-log-streams", "--log-group-name", "/ecs/web")).logStreams.map((s: { logStreamName: string }) => s.logStreamName);
    return found.length ? found : undefined;
  });
  assert.deepEqual(streams, [own]);
  const logGroups = (await aws("logs", "describe-log-groups")).logGroups.map((g: { arn: string }) => g.arn);
  assert.deepEqual(logGroups, [`arn:aws:logs:us-east-1:${b.accountId}:log-group:/ecs/web:*`]);
  await assert.rejects(aws("logs", "get-log-events", "--log-group-name", "/ecs/web", "--log-stream-name", `ecs/web/${la.taskArn.split("/").at(-1)}`), /ResourceNotFoundException/);
});

test("B cannot stop, update, delete or deregister A's resources by ARN, even where B has one of the same name", async () => {
  const aws = awsAs(() => t, b);
  const la = labs.get(a.accountId)!;
  await assert.rejects(aws("ecs", "stop-task", "--cluster", la.clusterArn, "--task", la.taskArn), /ClusterNotFoundException/);
  await assert.rejects(aws("ecs", "stop-task", "--cluster", "lab", "--task", la.taskArn), /InvalidParameterException/);
  await assert.rejects(aws("ecs", "update-service", "--cluster", "lab", "--service", la.serviceArn, "--desired-count", "0"), /ServiceNotFoundException/);
  await assert.rejects(aws("ecs", "delete-service", "--cluster", "lab", "--service", la.serviceArn, "--force"), /ServiceNotFoundException/);
  await assert.rejects(aws("ecs", "delete-cluster", "--cluster", la.clusterArn), /ClusterNotFoundException/);
  await assert.rejects(aws("ecs", "deregister-task-definition", "--task-definition", la.taskDefinitionArn), /ClientException/);
  await assert.rejects(aws("ecs", "tag-resource", "--resource-arn", la.serviceArn, "--tags", "key=owner,value=b"), /(ResourceNotFound|InvalidParameter)Exception/);
  await assert.rejects(aws("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "nope", "--desired-capacity", "0"), /ValidationError/);
  // Nothing of either changed: B's own service still wants its task, A's still runs.
  assert.equal((await aws("ecs", "describe-services", "--cluster", "lab", "--services", "web")).services[0].desiredCount, 1);
  const aTask = (await awsAs(() => t, a)("ecs", "describe-tasks", "--cluster", "lab", "--tasks", la.taskArn)).tasks[0];
  assert.equal(aTask.desiredStatus, "RUNNING");
});

test("the task gateway serves a student's own task page through the server's address, and no one else's", async () => {
  const signIn = async (keys: StudentKeys) => {
    const res = await fetch(`${t.server.url}/stevedore/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(keys) });
    return res.headers.get("set-cookie")!.split(";")[0]!;
  };
  const [la, lb] = [labs.get(a.accountId)!, labs.get(b.accountId)!];
  const id = (arn: string) => arn.split("/").at(-1)!;
  const cookie = await signIn(b);
  const page = await fetch(`${t.server.url}/stevedore/v1/gateway/tasks/${id(lb.taskArn)}/80/`, { headers: { cookie } });
  assert.equal(page.status, 200);
  assert.ok((await page.text()).includes(id(lb.taskArn)));
  assert.match(page.headers.get("content-security-policy")!, /^sandbox /);
  const bare = await fetch(`${t.server.url}/stevedore/v1/gateway/tasks/${id(lb.taskArn)}/80`, { headers: { cookie }, redirect: "manual" });
  assert.equal(bare.status, 308);
  assert.equal(bare.headers.get("location"), `/stevedore/v1/gateway/tasks/${id(lb.taskArn)}/80/`);
  assert.equal((await fetch(`${t.server.url}/stevedore/v1/gateway/tasks/${id(la.taskArn)}/80/`, { headers: { cookie } })).status, 404);
  assert.equal((await fetch(`${t.server.url}/stevedore/v1/gateway/tasks/${id(lb.taskArn)}/81/`, { headers: { cookie } })).status, 404);
  assert.equal((await fetch(`${t.server.url}/stevedore/v1/gateway/tasks/${id(lb.taskArn)}/80/`)).status, 403);
});

test("a reset of A removes its containers and everything it made, keeps its keys, and leaves B running", async () => {
  const { lastLine } = await stevedoreCommand(t, "account", "reset", a.accountId);
  const done = JSON.parse(lastLine);
  assert.equal(done.reset, true);
  assert.ok(done.containersRemoved >= 1);
  assert.deepEqual(containers(a), []);
  const aws = awsAs(() => t, a);
  assert.equal((await aws("sts", "get-caller-identity")).Account, a.accountId);
  assert.deepEqual((await aws("ecs", "list-clusters")).clusterArns, []);
  assert.deepEqual((await aws("ecs", "list-task-definitions")).taskDefinitionArns, []);
  assert.deepEqual((await aws("autoscaling", "describe-auto-scaling-groups")).AutoScalingGroups, []);
  assert.deepEqual((await aws("autoscaling", "describe-launch-configurations")).LaunchConfigurations, []);
  assert.deepEqual((await aws("ecr", "describe-repositories")).repositories, []);
  assert.deepEqual((await aws("logs", "describe-log-groups")).logGroups, []);
  for (const table of ["task", "containerInstance", "ec2Instance", "service", "scalingActivity"] as const) {
    assert.equal(await (t.server.ctx.allAccounts[table] as any).count({ where: { accountId: a.accountId } }), 0, table);
  }
  // B is untouched: its task still runs and answers.
  const lb = labs.get(b.accountId)!;
  const bTask = (await awsAs(() => t, b)("ecs", "describe-tasks", "--cluster", "lab", "--tasks", lb.taskArn)).tasks[0];
  assert.equal(bTask.lastStatus, "RUNNING");
  assert.equal(containers(b).length, 1);
  assert.equal((await fetch(`http://${lb.bindIP}:8080/`)).status, 200);
  // A starts the lab again from nothing: the same names, revision 1 again.
  const again = await aws("ecs", "register-task-definition", "--family", "web", "--container-definitions", '[{"name":"web","image":"stevedore/sample-web:latest","memory":64}]');
  assert.equal(again.taskDefinition.revision, 1);
});
