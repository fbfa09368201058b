/**
 * A data folder written by Stevedore 6bdd24a (fixtures/upgrade-6bdd24a: its database and its task
 * containers, a service mid-deployment) upgrades in place when this server starts on it: the tasks keep
 * running in the same containers, everything belongs to the default account, the instances' agents get
 * their tokens at their next registration, and the rollout carries on to its end.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import Database from "better-sqlite3";
import Docker from "dockerode";
import { DescribeContainerInstancesCommand, DescribeServicesCommand, DescribeTasksCommand, ListContainerInstancesCommand, ListTasksCommand, StopTaskCommand } from "@aws-sdk/client-ecs";
import { databaseFile } from "../src/db/client.ts";
import { startTestServer, waitFor, type TestServer } from "./support/test-server.ts";
import { removeContainersOf } from "./support/child-processes.ts";

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures/upgrade-6bdd24a");
const ACCOUNT = "123456789012";
const CLUSTER = "legacy";
const docker = new Docker();

interface FixtureContainer {
  name: string;
  running: boolean;
  create: Docker.ContainerCreateOptions;
}

let t: TestServer;
const containerIds = new Map<string, string>();

before(async () => {
  removeContainersOf(ACCOUNT);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-upgrade-"));
  const db = new Database(databaseFile(dataDir));
  db.exec(fs.readFileSync(path.join(FIXTURE, "stevedore.sql"), "utf8"));
  // The containers as 6bdd24a's agents made them, running where they ran; the database then names
  // them by their new ids, as it named the originals.
  const rename = db.prepare(`UPDATE "Task" SET "containers" = replace("containers", json_extract("containers", '$[0].runtimeId'), ?) WHERE "arn" = ?`);
  for (const c of JSON.parse(fs.readFileSync(path.join(FIXTURE, "containers.json"), "utf8")) as FixtureContainer[]) {
    const container = await docker.createContainer({ name: `${c.name}-upgrade`, ...c.create });
    await container.start();
    if (!c.running) await container.kill();
    const taskArn = c.create.Labels!["com.amazonaws.ecs.task-arn"]!;
    containerIds.set(taskArn, container.id);
    rename.run(container.id, taskArn);
  }
  db.close();
  t = await startTestServer("127.77", { dataDir, accountId: ACCOUNT });
});
after(async () => {
  await t?.close();
  removeContainersOf(ACCOUNT);
});

const describeTasks = async (arns: string[]) => (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns }))).tasks ?? [];

test("every record belongs to the default account", async () => {
  for (const table of ["Cluster", "ContainerInstance", "TaskDefinition", "Task", "Service", "LaunchConfiguration", "AutoScalingGroup", "Ec2Instance"]) {
    const rows = await t.server.ctx.allAccounts.$queryRawUnsafe<{ accountId: string }[]>(`SELECT DISTINCT "accountId" FROM "${table}"`);
    assert.deepEqual(rows, [{ accountId: ACCOUNT }], table);
  }
});

test("the running tasks keep running in the same containers, never restarted", async () => {
  const running = await waitFor("the agents to adopt the running tasks", async () => {
    const { taskArns } = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER }));
    const tasks = await describeTasks(taskArns ?? []);
    const instances = (await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: (await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }))).containerInstanceArns! }))).containerInstances!;
    return instances.every((i) => i.agentConnected) && tasks.length >= 3 ? tasks : undefined;
  }, 90_000);
  for (const task of running.filter((x) => containerIds.has(x.taskArn!))) {
    assert.equal(task.lastStatus, "RUNNING", task.taskArn);
    assert.equal(task.containers![0]!.runtimeId, containerIds.get(task.taskArn!));
    const state = (await docker.getContainer(containerIds.get(task.taskArn!)!).inspect()).State;
    assert.equal(state.Running, true);
    assert.equal(state.Restarting, false);
  }
});

test("the instances' agents registered again and hold tokens now", async () => {
  const rows = await t.server.ctx.db.containerInstance.findMany({ where: { cluster: CLUSTER, status: "ACTIVE" } });
  assert.equal(rows.length, 2);
  assert.ok(rows.every((r) => r.agentTokenHash), "every agent has a token");
});

test("the deployment that was under way finishes: the service runs revision 2 only", async () => {
  const service = await waitFor("the rollout to complete", async () => {
    const [s] = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ["web"] }))).services!;
    return s?.deployments?.length === 1 && s.deployments[0]!.rolloutState === "COMPLETED" && s.runningCount === 2 ? s : undefined;
  }, 120_000);
  assert.equal(service.taskDefinition, `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/legacy-web:2`);
  const { taskArns } = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: "web" }));
  assert.ok((await describeTasks(taskArns!)).every((task) => task.taskDefinitionArn!.endsWith("legacy-web:2")));
});

test("and it goes on working: StopTask stops the standalone task", async () => {
  const standalone = [...containerIds.keys()].find((arn) => arn.endsWith("6c97f682c5b89ab36d9c397b6babfbd3"))!;
  await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: standalone }));
  await waitFor("the task to stop", async () => (await describeTasks([standalone]))[0]?.lastStatus === "STOPPED");
});
