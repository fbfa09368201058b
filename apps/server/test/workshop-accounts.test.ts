/**
 * A workshop's accounts, as the operator manages them through the running server: the operator's
 * command (create, list, link, delete), who may call its routes, per-student sign-in links that
 * expire, and each account's quotas in EC2's, Auto Scaling's and ECS's words.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, test } from "node:test";
import { operatorTokenFile } from "../src/workshops/operator-token.ts";
import { credentials, startTestServer, type TestServer } from "./support/test-server.ts";
import { awsAs, createAccount, stevedoreCommand } from "./support/workshop.ts";

let t: TestServer;
before(async () => {
  t = await startTestServer("127.120", { embeddedAgents: false });
});
after(async () => {
  await t?.close();
});

const operatorRoute = (path: string, init: RequestInit = {}) => fetch(`${t.server.url}/stevedore/v1/operator${path}`, init);
const json = async (res: Response): Promise<any> => res.json();
const bearer = () => ({ authorization: `Bearer ${fs.readFileSync(operatorTokenFile(t.config.dataDir), "utf8").trim()}` });

test("the operator token is made at start, readable by its owner only", () => {
  const mode = fs.statSync(operatorTokenFile(t.config.dataDir)).mode & 0o777;
  assert.equal(mode, 0o600);
});

test("account create prints the account's keys as JSON on its last line; they work with the AWS CLI at once", async () => {
  const { stdout, lastLine } = await stevedoreCommand(t, "account", "create", "alice");
  const created = JSON.parse(lastLine);
  assert.match(created.accountId, /^[1-9]\d{11}$/);
  assert.match(created.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
  assert.equal(created.secretAccessKey.length, 40);
  assert.match(stdout, /shown only now/);
  const identity = await awsAs(() => t, created)("sts", "get-caller-identity");
  assert.equal(identity.Account, created.accountId);
  assert.equal(identity.Arn, `arn:aws:iam::${created.accountId}:user/student`);
  // A second account turned signatures on: the default account's own key still works, unsigned calls do not.
  const unsigned = await fetch(t.server.url, { method: "POST", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonEC2ContainerServiceV20141113.ListClusters" }, body: "{}" });
  assert.equal(unsigned.status, 400);
  assert.equal((await json(unsigned)).__type, "MissingAuthenticationTokenException");

  const listed = JSON.parse((await stevedoreCommand(t, "account", "list", "--json")).lastLine) as any[];
  const alice = listed.find((a) => a.accountId === created.accountId);
  assert.equal(alice.name, "alice");
  assert.deepEqual(alice.quotas, { instances: 4, runningTasks: 20, memoryMiB: 8192 });
  assert.deepEqual(alice.accessKeys, [{ accessKeyId: created.accessKeyId, userName: "student" }]);
  assert.equal(alice.usage.clusters, 0);
  assert.equal(listed.find((a) => a.default).accountId, t.config.accountId);
  assert.match((await stevedoreCommand(t, "account", "list")).stdout, new RegExp(`${created.accountId}\\talice`));
});

test("only the operator reaches the operator's routes: its token, or an operator key's console session", async () => {
  const student = await createAccount(t, "mallory");
  assert.equal((await operatorRoute("/accounts")).status, 403);
  assert.equal((await operatorRoute("/accounts", { headers: { authorization: "Bearer not-the-token" } })).status, 403);
  assert.equal((await operatorRoute("/accounts", { headers: bearer() })).status, 200);

  const signIn = async (keys: { accessKeyId: string; secretAccessKey: string }) => {
    const res = await fetch(`${t.server.url}/stevedore/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(keys) });
    assert.equal(res.status, 200);
    return res.headers.get("set-cookie")!.split(";")[0]!;
  };
  const studentCookie = await signIn(student);
  const refused = await operatorRoute(`/accounts/${student.accountId}/reset`, { method: "POST", headers: { cookie: studentCookie } });
  assert.equal(refused.status, 403);
  assert.equal((await json(refused)).__type, "AccessDeniedException");
  const operatorCookie = await signIn(credentials);
  const overview = await json(await operatorRoute("/accounts", { headers: { cookie: operatorCookie } }));
  assert.ok(overview.accounts.some((a: { accountId: string }) => a.accountId === student.accountId));
  // The default account is the server's own: neither reset nor deleted here.
  const own = await operatorRoute(`/accounts/${t.config.accountId}`, { method: "DELETE", headers: bearer() });
  assert.equal(own.status, 400);
});

test("a sign-in link signs the browser in as the student and gives the student's keys, until it expires", async () => {
  const student = await createAccount(t, "bob");
  const { stdout } = await stevedoreCommand(t, "account", "link", student.accountId, "--minutes", "30");
  const url = stdout.trim().split("\n").at(-1)!;
  assert.ok(url.startsWith(`${t.server.url}/signin#link=`), url);
  const token = url.slice(url.indexOf("#link=") + "#link=".length);

  const exchange = (link: string) => fetch(`${t.server.url}/stevedore/v1/session/link`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ link }) });
  const res = await exchange(token);
  assert.equal(res.status, 200);
  const body = await json(res);
  assert.equal(body.signedIn, true);
  assert.equal(body.accountId, student.accountId);
  assert.deepEqual(body.credentials, { accessKeyId: student.accessKeyId, secretAccessKey: student.secretAccessKey });
  const cookie = res.headers.get("set-cookie")!;
  assert.match(cookie, /HttpOnly; SameSite=Strict/);
  const session = await json(await fetch(`${t.server.url}/stevedore/v1/session`, { headers: { cookie: cookie.split(";")[0]! } }));
  assert.equal(session.accountId, student.accountId);

  const wrong = await exchange("A".repeat(43));
  assert.equal(wrong.status, 403);
  assert.equal((await json(wrong)).__type, "ExpiredTokenException");
  // The link's time is up (moved into the past rather than waited for).
  await t.server.ctx.allAccounts.signInLink.updateMany({ where: { accountId: student.accountId }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const expired = await exchange(token);
  assert.equal(expired.status, 403);
  assert.match((await json(expired)).message, /expired/);
});

test("quotas: instances beyond the limit fail as EC2 fails a launch; tasks and memory beyond it are ECS's LimitExceededException", async () => {
  const student = await createAccount(t, "carol", "--instances", "1", "--tasks", "2", "--memory", "1024");
  const aws = awsAs(() => t, student);
  await aws("autoscaling", "create-launch-configuration", "--launch-configuration-name", "lc", "--image-id", "ami-ecs", "--instance-type", "t3.micro");
  await aws("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "asg", "--launch-configuration-name", "lc", "--min-size", "0", "--max-size", "3", "--desired-capacity", "3", "--availability-zones", "us-east-1a");
  const groups = await aws("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "asg");
  assert.equal(groups.AutoScalingGroups[0].Instances.length, 1);
  const { Activities } = await aws("autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", "asg");
  const failed = Activities.find((a: { StatusCode: string }) => a.StatusCode === "Failed");
  assert.match(failed.StatusMessage, /You have requested more instances \(3\) than your current instance limit of 1 allows/);
  // Asking again records no second copy of the same failure.
  await aws("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "asg", "--desired-capacity", "3");
  const again = await aws("autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", "asg");
  assert.equal(again.Activities.filter((a: { StatusCode: string }) => a.StatusCode === "Failed").length, 1);
  // RunInstances counts against the same quota: the group's one instance already uses it.
  await assert.rejects(aws("ec2", "run-instances", "--image-id", "ami-ecs", "--instance-type", "t3.micro", "--count", "1"), /InstanceLimitExceeded.*more instances \(2\) than your current instance limit of 1/s);

  await aws("ecs", "create-cluster", "--cluster-name", "lab");
  await aws("ecs", "register-task-definition", "--family", "big", "--container-definitions", '[{"name":"web","image":"stevedore/sample-web:latest","memory":768}]');
  await aws("ecs", "register-task-definition", "--family", "small", "--container-definitions", '[{"name":"web","image":"stevedore/sample-web:latest","memory":128}]');
  await assert.rejects(aws("ecs", "run-task", "--cluster", "lab", "--task-definition", "small", "--count", "3"), /LimitExceededException.*number of tasks you can run concurrently/s);
  await assert.rejects(aws("ecs", "run-task", "--cluster", "lab", "--task-definition", "big", "--count", "2"), /LimitExceededException.*amount of memory \(1024 MiB\)/s);
  // Within the quotas, RunTask goes on to placement (this server has no agents: no instance registered).
  await assert.rejects(aws("ecs", "run-task", "--cluster", "lab", "--task-definition", "big"), /No Container Instances were found/);
});

test("account delete removes the account and its keys stop working", async () => {
  const student = await createAccount(t, "dave");
  const aws = awsAs(() => t, student);
  await aws("ecs", "create-cluster", "--cluster-name", "gone");
  const { lastLine } = await stevedoreCommand(t, "account", "delete", student.accountId);
  assert.equal(JSON.parse(lastLine).deleted, true);
  await assert.rejects(aws("ecs", "list-clusters"), /UnrecognizedClientException/);
  const listed = JSON.parse((await stevedoreCommand(t, "account", "list", "--json")).lastLine) as { accountId: string }[];
  assert.ok(!listed.some((a) => a.accountId === student.accountId));
  assert.equal(await t.server.ctx.allAccounts.cluster.count({ where: { accountId: student.accountId } }), 0);
});

test("the operator's command says what is wrong when no server answers", async () => {
  const run = stevedoreCommand({ ...t, server: { ...t.server, url: "http://127.120.0.250:9" } } as TestServer, "account", "list");
  await assert.rejects(run, /No Stevedore server answers at http:\/\/127\.120\.0\.250:9/);
});
