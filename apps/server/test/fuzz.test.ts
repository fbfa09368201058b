/**
 * Fuzzing every action of every service the server dispatches (API_SERVICES: services added later are
 * fuzzed too) and the agent routes, with bodies generated from AWS's model of each input and broken in
 * the ways clients and hostile pages break them. No answer may be a 5xx or an HTML page, and the server
 * stays up. The seed is printed: FUZZ_SEED=<seed> replays a run.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AGENT_LOGS_PATH, AGENT_POLL_PATH, AGENT_STATS_PATH } from "@stevedore/shared";
import { API_SERVICES } from "../src/api-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";
import { rawRequest, type RawResponse } from "./support/raw-http.ts";
import { fuzzJsonBody, fuzzQueryBody, fuzzValue, seeded } from "./support/fuzz-bodies.ts";

const BODIES_PER_ACTION = 50;
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz seed ${seed} (replay with FUZZ_SEED=${seed})`);
const random = seeded(seed);

let t: TestServer;
before(async () => {
  t = await startTestServer("127.90", { embeddedAgents: false });
});
after(async () => {
  await t?.close();
});

function problem(r: RawResponse): string | undefined {
  if (r.status >= 500) return `status ${r.status}: ${r.body.slice(0, 300)}`;
  if (/text\/html/.test(String(r.headers["content-type"])) || /<html|<!DOCTYPE/i.test(r.body)) return `an HTML page: ${r.body.slice(0, 200)}`;
  return undefined;
}

test("every action answers every generated body with a 4xx or a 2xx in AWS's shape, never a 5xx or HTML", { timeout: 600_000 }, async () => {
  const counts: string[] = [];
  const failures: string[] = [];
  for (const service of API_SERVICES) {
    for (const operation of service.operations().sort()) {
      const inputShape = service.model.operations[operation]?.input;
      for (let i = 0; i < BODIES_PER_ACTION; i++) {
        const json = service.protocol === "json";
        const body = json ? fuzzJsonBody(service.model, inputShape, random) : fuzzQueryBody(service.model, operation, inputShape, random, service.protocol === "ec2");
        const headers: Record<string, string> = json
          ? { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${service.model.metadata.targetPrefix}.${operation}` }
          : { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };
        const r = await rawRequest(t.server.url, { headers, body });
        const wrong = problem(r);
        if (wrong) failures.push(`${service.name} ${operation} (${body.slice(0, 200)}): ${wrong}`);
        else if (json) assert.doesNotThrow(() => JSON.parse(r.body), `${operation}: a JSON answer`);
        else assert.match(r.body, /^<\?xml/, `${operation}: an XML answer`);
      }
      counts.push(`${service.name}.${operation} ${BODIES_PER_ACTION}`);
    }
  }
  console.log(`fuzzed ${counts.length} actions: ${counts.join(", ")}`);
  assert.deepEqual(failures, []);
});

test("the agent routes answer any body with a 4xx or a 2xx, never a 5xx or HTML", { timeout: 120_000 }, async () => {
  const failures: string[] = [];
  const shapes = [() => fuzzValue(API_SERVICES[0]!.model, "SubmitTaskStateChangeRequest", random), () => ({ containerInstanceArn: "arn:aws:ecs:us-east-1:1:container-instance/x/y", waitMs: -5 })];
  for (const path of [AGENT_POLL_PATH, AGENT_LOGS_PATH, AGENT_STATS_PATH]) {
    for (let i = 0; i < BODIES_PER_ACTION; i++) {
      const roll = random();
      const body =
        roll < 0.2
          ? "{trunc"
          : roll < 0.3
            ? JSON.stringify([1, 2])
            : roll < 0.4
              ? JSON.stringify({ taskArn: 5, events: "x", samples: [{ cpu: "NaN" }], containerInstanceArn: { a: 1 } })
              : JSON.stringify(shapes[Math.floor(random() * shapes.length)]!());
      const r = await rawRequest(t.server.url, { path, headers: { "content-type": "application/json" }, body });
      const wrong = problem(r);
      if (wrong) failures.push(`${path} (${body.slice(0, 120)}): ${wrong}`);
    }
  }
  console.log(`fuzzed the agent routes: ${BODIES_PER_ACTION} bodies each`);
  assert.deepEqual(failures, []);
});

test("the server is still up after the fuzzing", async () => {
  const r = await rawRequest(t.server.url, { method: "GET", path: "/healthz" });
  assert.equal(r.status, 200);
});
