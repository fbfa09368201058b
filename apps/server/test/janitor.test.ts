/**
 * Nothing grows without bound: what ages out goes (stopped tasks and their own output, deregistered
 * instances, deleted services), a service keeps its newest 100 events, a log group its retention.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sweep } from "../src/janitor.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let t: TestServer;
before(async () => {
  t = await startTestServer("127.97", { embeddedAgents: false });
});
after(async () => {
  await t?.close();
});

const HOUR = 60 * 60_000;

test("stopped tasks past the retention go with their own output; a log group's events stay as the group keeps them", async () => {
  const db = t.server.ctx.db;
  const base = { cluster: "c", taskDefinitionArn: "td", desiredStatus: "STOPPED", lastStatus: "STOPPED", containers: "[]" };
  await db.task.create({ data: { ...base, id: "old", arn: "arn:old", stoppedAt: new Date(Date.now() - 2 * HOUR) } });
  await db.task.create({ data: { ...base, id: "recent", arn: "arn:recent", stoppedAt: new Date() } });
  await db.logGroup.create({ data: { name: "/ecs/kept", arn: "arn:aws:logs:us-east-1:1:log-group:/ecs/kept", retentionInDays: 1 } });
  await db.logEvent.createMany({
    data: [
      { taskId: "old", container: "app", timestamp: new Date(), message: "own output" },
      { taskId: "old", container: "app", timestamp: new Date(), message: "to CloudWatch", logGroup: "/ecs/kept", logStream: "s" },
      { taskId: "x", container: "app", timestamp: new Date(Date.now() - 3 * 24 * HOUR), message: "past retention", logGroup: "/ecs/kept", logStream: "s" },
    ],
  });
  await sweep(t.server.ctx);
  assert.deepEqual((await db.task.findMany({ select: { id: true } })).map((r) => r.id), ["recent"]);
  assert.deepEqual((await db.logEvent.findMany({ select: { message: true } })).map((r) => r.message), ["to CloudWatch"]);
});

test("a service keeps its newest 100 events", async () => {
  const db = t.server.ctx.db;
  const serviceArn = "arn:aws:ecs:us-east-1:1:service/c/s";
  await db.serviceEvent.createMany({ data: Array.from({ length: 130 }, (_, i) => ({ id: `e${i}`, serviceArn, message: `event ${i}`, createdAt: new Date(Date.now() - (130 - i) * 1000) })) });
  await sweep(t.server.ctx);
  const kept = await db.serviceEvent.findMany({ where: { serviceArn }, orderBy: { createdAt: "asc" } });
  assert.equal(kept.length, 100);
  assert.equal(kept[0]!.message, "event 30");
});

test("the operator sees what the data folder holds and how long it is kept", async () => {
  const res = await fetch(`${t.server.url}/stevedore/v1/data-folder`);
  const body = (await res.json()) as { path: string; databaseBytes: number; rows: { serviceEvents: number }; retention: { stoppedResourcesMinutes: number } };
  assert.equal(body.path, t.config.dataDir);
  assert.ok(body.databaseBytes > 0);
  assert.equal(body.rows.serviceEvents, 100);
  assert.equal(body.retention.stoppedResourcesMinutes, 60);
});
