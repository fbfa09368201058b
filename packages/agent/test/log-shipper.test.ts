/** LogShipper against a local HTTP server that answers as told. Traffic stays on 127.0.0.1. */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import { AGENT_LOGS_PATH, type AgentLogBatch } from "@stevedore/shared";
import { createLogger } from "../src/log.ts";
import { ServerLink } from "../src/server-link.ts";
import { BACKLOG_MAX_EVENTS, BATCH_MAX_EVENTS, LogShipper, type LogEvent, type LogTarget } from "../src/log-shipper.ts";
import { sleep } from "../src/sleep.ts";

const target: LogTarget = {
  cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/demo",
  containerInstanceArn: "arn:aws:ecs:us-east-1:123456789012:container-instance/demo/1",
  taskArn: "arn:aws:ecs:us-east-1:123456789012:task/demo/1",
  containerName: "app",
};
const events = (from: number, count: number): LogEvent[] =>
  Array.from({ length: count }, (_, i) => ({ timestamp: 1_700_000_000_000 + from + i, message: `line ${from + i}`, stream: "stdout" }));

let server: Server;
let endpoint: string;
/** What the server answers next; 200 once the list is empty. */
let answers: number[] = [];
let received: { status: number; batch: AgentLogBatch; at: number }[] = [];
let agentLog: string[] = [];
let abort: AbortController;
let shipper: LogShipper;

async function until(what: string, done: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const accepted = () => received.filter((r) => r.status === 200).flatMap((r) => r.batch.events);

describe("LogShipper", () => {
  before(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const status = req.url === AGENT_LOGS_PATH && req.method === "POST" ? (answers.shift() ?? 200) : 404;
        received.push({ status, batch: JSON.parse(body) as AgentLogBatch, at: Date.now() });
        res.writeHead(status, { "content-type": "application/json" }).end(status === 200 ? "{}" : '{"message":"no"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answers = [];
    received = [];
    agentLog = [];
    abort = new AbortController();
    shipper = new LogShipper(new ServerLink(endpoint, { agentToken: "agent-token" }), createLogger((line) => agentLog.push(line)), abort.signal);
  });
  afterEach(() => abort.abort());

  it("sends a few lines about a second after the first, in one AgentLogBatch", async () => {
    const start = Date.now();
    shipper.add("c1", target, events(0, 2));
    await sleep(300);
    shipper.add("c1", target, events(2, 1));
    await until("the batch", () => received.length > 0);
    const elapsed = received[0]!.at - start;
    assert.ok(elapsed >= 900 && elapsed < 1500, `sent after ${elapsed} ms`);
    assert.deepEqual(received[0]!.batch, { ...target, events: events(0, 3) });
  });

  it("sends full batches of 1000 at once, oldest first", async () => {
    const start = Date.now();
    shipper.add("c1", target, events(0, 2 * BATCH_MAX_EVENTS + 500));
    await until("three batches", () => received.length === 3);
    assert.deepEqual(
      received.map((r) => r.batch.events.length),
      [BATCH_MAX_EVENTS, BATCH_MAX_EVENTS, 500],
    );
    assert.ok(received[1]!.at - start < 500, "full batches do not wait");
    assert.deepEqual(accepted(), events(0, 2 * BATCH_MAX_EVENTS + 500));
  });

  it("keeps containers apart", async () => {
    shipper.add("c1", target, events(0, 1));
    shipper.add("c2", { ...target, containerName: "sidecar" }, events(10, 1));
    await until("two batches", () => received.length === 2);
    assert.deepEqual(received.map((r) => [r.batch.containerName, r.batch.events[0]!.message]).sort(), [
      ["app", "line 0"],
      ["sidecar", "line 10"],
    ]);
  });

  it("retries what the server could not take (5xx), then goes on in order", async () => {
    answers = [503];
    shipper.add("c1", target, events(0, 2));
    await until("the retry", () => received.length === 2);
    shipper.add("c1", target, events(2, 1));
    await until("the next batch", () => accepted().length === 3);
    assert.deepEqual(accepted(), events(0, 3));
    assert.ok(agentLog.some((l) => l.includes("Server could not take container logs; retrying") && l.includes("status=503")));
  });

  it("drops a batch the server refuses (4xx) and says so", async () => {
    answers = [404];
    shipper.add("c1", target, events(0, 1));
    await until("the refusal", () => received.length === 1);
    shipper.add("c1", target, events(1, 1));
    await until("the next batch", () => accepted().length === 1);
    assert.deepEqual(accepted(), events(1, 1));
    assert.ok(agentLog.some((l) => l.includes("Server refused container logs; dropping them") && l.includes("status=404")));
  });

  it("bounds a container's backlog: past 10,000 lines the oldest go, and the agent logs how many", async () => {
    answers = [503, 503];
    shipper.add("c1", target, events(0, 6000));
    await until("a failed send", () => received.length === 1);
    shipper.add("c1", target, events(6000, 6000));
    await until("everything the backlog kept", () => accepted().length === BACKLOG_MAX_EVENTS, 15_000);
    assert.deepEqual(accepted(), events(2000, BACKLOG_MAX_EVENTS));
    assert.ok(agentLog.some((l) => l.includes("Dropped container log lines the server has not taken") && l.includes("lines=2000")), agentLog.join("\n"));
  });
});
