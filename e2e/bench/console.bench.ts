/**
 * The console with a large cluster, in Chromium. Not a test: prints figures (npm run bench).
 *
 * A server of its own (fresh data folder, port 4595, network 127.53, no agents) gets 2,000 agent-less
 * container instances registered through the API and 10,000 tasks placed on them with RunTask. Then,
 * in a new browser context each time (nothing cached), the time from navigation to the first rows of
 * the cluster's Tasks tab and Infrastructure tab, and the JavaScript the first page loaded (gzip).
 * Goal: first rows under 1 s; the first page at most 300 KB of JavaScript.
 *
 *   npm run bench -w e2e                      (2,000 instances, 10,000 tasks, 5 runs per tab)
 *   npm run bench -w e2e -- --instances 200 --tasks 1000 --runs 3
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { chromium, type Browser } from "@playwright/test";

const { values: args } = parseArgs({
  options: { instances: { type: "string", default: "2000" }, tasks: { type: "string", default: "10000" }, runs: { type: "string", default: "5" } },
});
const INSTANCES = Number(args.instances);
const TASKS = Number(args.tasks);
const RUNS = Number(args.runs);
const PORT = Number(process.env.STEVEDORE_BENCH_PORT ?? 4595);
const URL_BASE = `http://127.0.0.1:${PORT}`;
const CLUSTER = "bench";
const GOAL_MS = 1000;
const GOAL_FIRST_PAGE_KB = 300;
const ROOT = new URL("../..", import.meta.url).pathname;

async function startServer() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-console-bench-"));
  const server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "apps/stevedore/src/main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      STEVEDORE_PORT: String(PORT),
      STEVEDORE_REGISTRY_PORT: String(PORT + 1),
      STEVEDORE_DATA_DIR: dataDir,
      STEVEDORE_INSTANCE_NETWORK: "127.53",
      STEVEDORE_EMBEDDED_AGENTS: "0",
      STEVEDORE_ETC_HOSTS: "off",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("Stevedore is ready") && resolve());
    server.on("exit", (code) => reject(new Error(`The server exited (${code})`)));
  });
  return async () => {
    server.kill("SIGINT");
    await new Promise((r) => server.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

async function ecs<T = Record<string, unknown>>(action: string, input: unknown): Promise<T> {
  const res = await fetch(`${URL_BASE}/`, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AmazonEC2ContainerServiceV20141113.${action}` },
    body: JSON.stringify(input),
  });
  const out = (await res.json()) as T & { __type?: string; message?: string };
  if (!res.ok) throw new Error(`${action}: ${out.__type}: ${out.message}`);
  return out;
}

/** Runs job(0..count-1), `inFlight` at a time. */
async function pool(count: number, inFlight: number, job: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    for (let i = next++; i < count; i = next++) await job(i);
  }));
}

async function fill() {
  await ecs("CreateCluster", { clusterName: CLUSTER });
  await ecs("RegisterTaskDefinition", { family: "bench", containerDefinitions: [{ name: "app", image: "stevedore/sample-web:latest", memory: 16, cpu: 0 }] });
  const zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
  await pool(INSTANCES, 16, (i) =>
    ecs("RegisterContainerInstance", {
      cluster: CLUSTER,
      instanceIdentityDocument: JSON.stringify({
        instanceId: `i-${String(i).padStart(17, "0")}`,
        instanceType: i % 2 ? "m5.large" : "t3.medium",
        availabilityZone: zones[i % 3],
        privateIp: `127.53.${Math.floor(i / 250)}.${(i % 250) + 1}`,
      }),
      totalResources: [
        { name: "CPU", type: "INTEGER", integerValue: 2048 },
        { name: "MEMORY", type: "INTEGER", integerValue: 409600 },
      ],
    }),
  );
  let placed = 0;
  const failures = new Map<string, number>();
  await pool(Math.ceil(TASKS / 10), 8, async (i) => {
    const count = Math.min(10, TASKS - i * 10);
    const out = await ecs<{ tasks: unknown[]; failures?: { reason: string }[] }>("RunTask", { cluster: CLUSTER, taskDefinition: "bench", count, launchType: "EC2" });
    placed += out.tasks.length;
    for (const f of out.failures ?? []) failures.set(f.reason, (failures.get(f.reason) ?? 0) + 1);
  });
  if (failures.size) console.log(`RunTask failures: ${[...failures].map(([reason, n]) => `${n} × ${reason}`).join(", ")}`);
  return placed;
}

/**
 * Navigation to the first row of `table` in a fresh context, in ms; when the page's first API call
 * left (the JavaScript loaded and ran); and the JavaScript it loaded (gzip bytes).
 */
async function firstRows(browser: Browser, pathname: string, table: string): Promise<{ ms: number; firstCallMs: number; jsGzip: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  let start = performance.now();
  const page = await context.newPage();
  const bodies: Promise<number>[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith(".js")) bodies.push(r.body().then((b) => zlib.gzipSync(b).length, () => 0));
  });
  let firstCallMs = NaN;
  page.on("request", (r) => {
    if (r.method() === "POST" && Number.isNaN(firstCallMs)) firstCallMs = performance.now() - start;
  });
  if (process.env.BENCH_TRACE) {
    page.on("request", (r) => console.log(`  ${(performance.now() - start).toFixed(0).padStart(6)} → ${r.method()} ${r.url().slice(URL_BASE.length)} ${r.headers()["x-amz-target"]?.split(".")[1] ?? ""}`));
    page.on("requestfinished", (r) => console.log(`  ${(performance.now() - start).toFixed(0).padStart(6)} ← ${r.url().slice(URL_BASE.length)} ${r.headers()["x-amz-target"]?.split(".")[1] ?? ""}`));
  }
  start = performance.now();
  await page.goto(`${URL_BASE}${pathname}`, { waitUntil: "commit" });
  // A row with a link is a resource's (the loading and empty states are rows without one).
  await page.getByRole("table", { name: table }).getByRole("row").filter({ has: page.getByRole("link") }).first().waitFor({ timeout: 60_000 });
  const ms = performance.now() - start;
  await page.waitForLoadState("networkidle");
  const jsGzip = (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
  await context.close();
  return { ms, firstCallMs, jsGzip };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const stop = await startServer();
try {
  const t0 = performance.now();
  const placed = await fill();
  console.log(`${INSTANCES} container instances and ${placed} tasks in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const first = await firstRows(browser, "/clusters", "Clusters");
    console.log(`first page (Clusters): ${(first.jsGzip / 1024).toFixed(1)} KB of JavaScript gzip (goal ≤ ${GOAL_FIRST_PAGE_KB} KB)`);
    for (const [tab, table] of [["tasks", "Tasks"], ["infrastructure", "Container instances"]] as const) {
      const times: number[] = [];
      const calls: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        try {
          const r = await firstRows(browser, `/clusters/${CLUSTER}/${tab}`, table);
          times.push(r.ms);
          calls.push(r.firstCallMs);
        } catch (err) {
          console.log(`${table} tab: no rows within 60 s (${(err as Error).message.split("\n")[0]})`);
        }
      }
      if (!times.length) continue;
      const m = median(times);
      console.log(
        `${table} tab, navigation to first rows: median ${m.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(", ")}; first API call at ${median(calls).toFixed(0)} ms) goal < ${GOAL_MS} ms ${m < GOAL_MS ? "✓" : "✗"}`,
      );
    }
  } finally {
    await browser.close();
  }
} finally {
  await stop();
}
