/** StatsShipper against a local HTTP server that answers as told. Traffic stays on 127.0.0.1. */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import { AGENT_STATS_PATH, type AgentStatsBatch, type AgentStatsSample } from "@stevedore/shared";
import { createLogger } from "../src/log.ts";
import { ServerLink } from "../src/server-link.ts";
import { sleep } from "../src/sleep.ts";
import { STATS_BACKLOG_MAX_ROUNDS, STATS_BATCH_MAX_SAMPLES, StatsShipper, type StatsTarget } from "../src/stats-shipper.ts";

const target: StatsTarget = {
  cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/demo",
  containerInstanceArn: "arn:aws:ecs:us-east-1:123456789012:container-instance/demo/1",
};
const round = (n: number, size = 2): AgentStatsSample[] =>
  Array.from({ length: size }, (_, i) => ({
    taskArn: `arn:aws:ecs:us-east-1:123456789012:task/demo/${i}`,
    containerName: "app",
    timestamp: 1_700_000_000_000 + n * 10_000,
    cpuUnits: 100 + n,
    memoryMiB: 20,
  }));

let server: Server;
let endpoint: string;
let answers: number[] = [];
let received: { status: number; batch: AgentStatsBatch }[] = [];
let agentLog: string[] = [];
let abort: AbortController;
let shipper: StatsShipper;

async function until(what: string, done: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const accepted = () => received.filter((r) => r.status === 200).map((r) => r.batch);
const roundsOf = (b: AgentStatsBatch) => [...new Set(b.samples.map((s) => s.timestamp))];

describe("StatsShipper", () => {
  before(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const status = req.url === AGENT_STATS_PATH && req.method === "POST" ? (answers.shift() ?? 200) : 404;
        received.push({ status, batch: JSON.parse(body) as AgentStatsBatch });
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
    shipper = new StatsShipper(new ServerLink(endpoint, { agentToken: "agent-token" }), createLogger((line) => agentLog.push(line)), abort.signal);
  });
  afterEach(() => abort.abort());

  it("sends a round at once to /agent/v1/stats with the instance's target", async () => {
    shipper.add(target, round(1));
    await until("the batch", () => accepted().length === 1);
    assert.deepEqual(accepted()[0], { ...target, samples: round(1) });
    assert.equal(shipper.backlog, 0);
  });

  it("retries 5xx and 429, then sends what waited in order, rounds taken meanwhile included", async () => {
    answers = [503, 429];
    shipper.add(target, round(1));
    await until("the first refusal", () => received.length >= 1);
    shipper.add(target, round(2));
    shipper.add(target, round(3));
    await until("the retries", () => accepted().length >= 1, 10_000);
    const sent = accepted().flatMap(roundsOf);
    assert.deepEqual(sent, [1, 2, 3].map((n) => round(n)[0]!.timestamp));
    assert.ok(agentLog.some((l) => l.includes("Server could not take container stats; retrying") && l.includes("status=503")));
  });

  it("drops a batch the server refuses (4xx) with a warning and goes on", async () => {
    answers = [400];
    shipper.add(target, round(1));
    await until("the refusal", () => received.length === 1);
    shipper.add(target, round(2));
    await until("the next batch", () => accepted().length === 1);
    assert.deepEqual(roundsOf(accepted()[0]!), [round(2)[0]!.timestamp]);
    assert.ok(agentLog.some((l) => l.includes("Server refused container stats; dropping them") && l.includes("status=400")));
  });

  it("keeps rounds whole and batches at most STATS_BATCH_MAX_SAMPLES samples", async () => {
    answers = [503];
    const size = STATS_BATCH_MAX_SAMPLES * 0.6;
    shipper.add(target, round(1, size));
    await until("the refusal", () => received.length === 1);
    shipper.add(target, round(2, size));
    await until("both rounds", () => accepted().length === 2, 10_000);
    assert.deepEqual(
      accepted().map((b) => [b.samples.length, roundsOf(b).length]),
      [
        [size, 1],
        [size, 1],
      ],
    );
  });

  it("bounds the backlog: past it the oldest rounds are dropped, with a warning", async () => {
    answers = Array(10).fill(503);
    for (let n = 0; n < STATS_BACKLOG_MAX_ROUNDS + 40; n++) shipper.add(target, round(n, 1));
    assert.ok(shipper.backlog <= STATS_BACKLOG_MAX_ROUNDS, String(shipper.backlog));
    assert.ok(agentLog.some((l) => l.includes("Dropped container stats the server has not taken")));
    await until("the first refusal", () => received.length === 1);
    assert.ok(shipper.backlog <= STATS_BACKLOG_MAX_ROUNDS, String(shipper.backlog));
  });
});
