/**
 * The control plane at size, through the API: 10,000 agent-less container instances and 100,000 tasks
 * (RunTask, count 10), then the calls people make on such a cluster: ListTasks paged to the end,
 * DescribeTasks of 100, ListContainerInstances with a filter, DescribeContainerInstances of 100. Prints
 * each phase's rate or latency and the server's memory (goal: under 1 GiB). Not a test.
 *
 *   node --import tsx bench/scale.bench.ts [--instances 10000] [--tasks 100000]
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createAgent } from "@stevedore/agent";
import { loadConfig, startServer } from "../src/index.ts";

const { values: args } = parseArgs({ options: { instances: { type: "string", default: "10000" }, tasks: { type: "string", default: "100000" } } });
const INSTANCES = Number(args.instances);
const TASKS = Number(args.tasks);
const CLUSTER = "scale";
const IN_FLIGHT = 8;
const MEMORY_GOAL_MIB = 1024;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-scale-"));
const server = await startServer(loadConfig({}, { port: 0, dataDir, embeddedAgents: false }), { createAgent });
const { hostname, port } = new URL(server.url);
// As many sockets as requests in flight: none sits idle long enough for the server to close it under a request.
const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

function ecs<T = Record<string, unknown>>(action: string, input: unknown): Promise<T> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: hostname, port, method: "POST", path: "/", agent, headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AmazonEC2ContainerServiceV20141113.${action}`, "content-length": Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const out = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          if (res.statusCode !== 200) reject(new Error(`${action}: ${out.__type}: ${out.message}`));
          else resolve(out as T);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Runs job(0..n-1) with IN_FLIGHT at a time; the seconds it took. */
async function pool(n: number, job: (i: number) => Promise<void>): Promise<number> {
  const start = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    for (let i = next++; i < n; i = next++) await job(i);
  }));
  return (performance.now() - start) / 1000;
}

/** Median milliseconds of `runs` calls. */
async function latency(runs: number, call: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call();
    ms.push(performance.now() - start);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const rssMiB = () => process.memoryUsage().rss / 2 ** 20;
const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];

try {
  console.log(`scale benchmark: node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`);
  await ecs("CreateCluster", { clusterName: CLUSTER });
  await ecs("RegisterTaskDefinition", { family: "scale", containerDefinitions: [{ name: "app", image: "x", memory: 16, cpu: 0 }] });
  const registering = await pool(INSTANCES, async (i) => {
    await ecs("RegisterContainerInstance", {
      cluster: CLUSTER,
      instanceIdentityDocument: JSON.stringify({ instanceId: `i-${String(i).padStart(17, "0")}`, instanceType: i % 2 ? "m5.large" : "t3.medium", availabilityZone: ZONES[i % 3], privateIp: `127.201.${Math.floor(i / 250)}.${(i % 250) + 1}` }),
      totalResources: [{ name: "CPU", type: "INTEGER", integerValue: 2048 }, { name: "MEMORY", type: "INTEGER", integerValue: 8192 }],
      attributes: [{ name: "stack", value: i % 4 ? "prod" : "test" }],
    });
  });
  console.log(`  RegisterContainerInstance × ${fmt(INSTANCES)}: ${fmt(INSTANCES / registering)}/s; server RSS ${fmt(rssMiB())} MiB`);

  let failed = 0;
  const reasons = new Map<string, number>();
  const running = await pool(TASKS / 10, async () => {
    const out = await ecs<{ tasks: unknown[]; failures: { reason?: string }[] }>("RunTask", {
      cluster: CLUSTER,
      taskDefinition: "scale",
      count: 10,
      placementStrategy: [{ type: "spread", field: "attribute:ecs.availability-zone" }, { type: "binpack", field: "memory" }],
      placementConstraints: [{ type: "memberOf", expression: "attribute:stack == prod" }],
    });
    failed += 10 - out.tasks.length;
    for (const f of out.failures) reasons.set(f.reason ?? "?", (reasons.get(f.reason ?? "?") ?? 0) + 1);
  });
  console.log(`  RunTask × ${fmt(TASKS / 10)} (count 10): ${fmt((TASKS - failed) / running)} placements/s, ${fmt(failed)} not placed${reasons.size ? ` (${[...reasons].map(([r, n]) => `${r} ×${fmt(n)}`).join(", ")})` : ""}; server RSS ${fmt(rssMiB())} MiB`);

  let listed = 0;
  let pages = 0;
  const listing = performance.now();
  let nextToken: string | undefined;
  let firstPage: string[] = [];
  do {
    const page = await ecs<{ taskArns: string[]; nextToken?: string }>("ListTasks", { cluster: CLUSTER, maxResults: 100, ...(nextToken ? { nextToken } : {}) });
    if (pages === 0) firstPage = page.taskArns;
    listed += page.taskArns.length;
    pages++;
    nextToken = page.nextToken;
  } while (nextToken);
  const listSeconds = (performance.now() - listing) / 1000;
  console.log(`  ListTasks to the end: ${fmt(listed)} tasks in ${fmt(pages)} pages, ${((listSeconds * 1000) / pages).toFixed(1)} ms per page`);
  console.log(`  DescribeTasks of 100: ${(await latency(20, () => ecs("DescribeTasks", { cluster: CLUSTER, tasks: firstPage }))).toFixed(1)} ms (median of 20)`);
  const filtered = await latency(10, () => ecs("ListContainerInstances", { cluster: CLUSTER, filter: "attribute:stack == test and attribute:ecs.availability-zone == us-east-1a", maxResults: 100 }));
  console.log(`  ListContainerInstances with a filter: ${filtered.toFixed(1)} ms (median of 10)`);
  const { containerInstanceArns } = await ecs<{ containerInstanceArns: string[] }>("ListContainerInstances", { cluster: CLUSTER, maxResults: 100 });
  console.log(`  DescribeContainerInstances of 100: ${(await latency(10, () => ecs("DescribeContainerInstances", { cluster: CLUSTER, containerInstances: containerInstanceArns }))).toFixed(1)} ms (median of 10)`);
  const rss = rssMiB();
  console.log(`  server RSS at ${fmt(INSTANCES)} instances and ${fmt(TASKS - failed)} tasks: ${fmt(rss)} MiB (goal under ${fmt(MEMORY_GOAL_MIB)}: ${(rss / MEMORY_GOAL_MIB).toFixed(2)}×; the benchmark's client shares the process)`);
} finally {
  agent.destroy();
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
