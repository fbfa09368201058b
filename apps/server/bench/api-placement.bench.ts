/**
 * Placement through the API, as users call it. Not a test: prints figures.
 *
 *   npm run bench:api -w apps/server                         (200 and 2,000 instances, 10 s each)
 *   npm run bench:api -w apps/server -- --instances 200 --seconds 5
 *   npm run bench:api -w apps/server -- --instances 2000 --profile /tmp/prof   (the server's CPU profile of each phase)
 *
 * For each size: agent-less container instances registered with RegisterContainerInstance (three zones,
 * mixed types, a custom attribute; 16 in flight), then RunTask (count 10, spread by zone then binpack on
 * memory, a memberOf constraint; 8 in flight) for --seconds. The client runs in a process of its own
 * over keep-alive connections; its own ceiling (GET /healthz at the same concurrency) is printed beside
 * it, and so is the in-process scheduler's rate on the same instances.
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import inspector from "node:inspector";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createAgent } from "@stevedore/agent";
import { placeTasks, seededRandom, type CandidateInstance } from "@stevedore/scheduler";
import { loadConfig, startServer } from "../src/index.ts";

const { values: args } = parseArgs({ options: { instances: { type: "string", default: "200,2000" }, seconds: { type: "string", default: "10" }, profile: { type: "string" } } });
const SIZES = args.instances!.split(",").map(Number);
const SECONDS = Number(args.seconds);
const BAR_PLACEMENTS = 3_750;
const BAR_REGISTRATIONS = 1_000;

interface ClientResult {
  ceiling: number;
  registrations: number;
  placements: number;
  runTasks: number;
  errors: string[];
}

function runClient(url: string, instances: number): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), "api-placement-client.mjs"), [url, String(instances), String(SECONDS)]);
    const profiler = args.profile ? new PhaseProfiler(args.profile, String(instances)) : undefined;
    child.on("message", (m: ClientResult | { phase: string }) => {
      if ("phase" in m) return void profiler?.phase(m.phase);
      if (profiler) void profiler.stop().then(() => resolve(m), reject);
      else resolve(m);
    });
    child.on("error", reject);
    child.on("exit", (code) => code && reject(new Error(`client exited with ${code}`)));
  });
}

/** The server's CPU profile of each phase of the client's, written as DIR/<phase>-<instances>.cpuprofile (open them in Chrome's DevTools). */
class PhaseProfiler {
  private readonly session = new inspector.Session();
  private current?: string;
  constructor(private readonly dir: string, private readonly suffix: string) {
    this.session.connect();
    this.session.post("Profiler.enable");
  }
  async phase(name: string): Promise<void> {
    await this.stop();
    this.current = name;
    this.session.post("Profiler.start");
  }
  stop(): Promise<void> {
    const name = this.current;
    if (!name) return Promise.resolve();
    this.current = undefined;
    return new Promise((resolve, reject) =>
      this.session.post("Profiler.stop", (err, { profile }) => {
        if (err) return reject(err);
        fs.mkdirSync(this.dir, { recursive: true });
        fs.writeFileSync(path.join(this.dir, `${name}-${this.suffix}.cpuprofile`), JSON.stringify(profile));
        resolve();
      }),
    );
  }
}

/** The scheduler alone on instances like the API's: how many tasks per second it places. */
function inProcessRate(instances: number): number {
  const zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
  const candidates: CandidateInstance[] = Array.from({ length: instances }, (_, i) => ({
    id: `i${i}`,
    arn: `arn:i${i}`,
    ec2InstanceId: `i-${i}`,
    status: "ACTIVE",
    agentConnected: true,
    agentVersion: "1.0",
    registeredAt: i,
    runningTasksCount: 0,
    attributes: { "ecs.availability-zone": zones[i % 3]!, "ecs.instance-type": i % 2 ? "m5.large" : "t3.medium", stack: "prod" },
    remaining: { cpu: 2048, memory: 4096 * 100, tcpPorts: new Set<number>(), udpPorts: new Set<number>() },
    groupCounts: {},
  }));
  const random = seededRandom(1);
  const start = performance.now();
  let placed = 0;
  while (performance.now() - start < 2_000) {
    placed += placeTasks({
      instances: candidates,
      demand: { cpu: 0, memory: 16, tcpPorts: [], udpPorts: [], group: "family:bench" },
      count: 10,
      strategies: [{ type: "spread", field: "attribute:ecs.availability-zone" }, { type: "binpack", field: "memory" }],
      constraints: [{ type: "memberOf", expression: "attribute:stack == prod" }],
      random,
    }).placements.length;
  }
  return placed / ((performance.now() - start) / 1000);
}

for (const size of SIZES) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-bench-"));
  const server = await startServer(loadConfig({}, { port: 0, dataDir, embeddedAgents: false }), { createAgent });
  try {
    const result = await runClient(server.url, size);
    const rss = process.memoryUsage().rss / 2 ** 20;
    const scheduler = inProcessRate(size);
    console.log(`\n${size} instances`);
    console.log(`  client ceiling (GET /healthz):      ${result.ceiling.toFixed(0)} calls/s`);
    console.log(`  RegisterContainerInstance:          ${result.registrations.toFixed(0)} /s   (bar ${BAR_REGISTRATIONS}: ${(result.registrations / BAR_REGISTRATIONS).toFixed(2)}×)`);
    console.log(`  RunTask placements through the API: ${result.placements.toFixed(0)} tasks/s (${result.runTasks.toFixed(0)} RunTask/s; bar ${BAR_PLACEMENTS}: ${(result.placements / BAR_PLACEMENTS).toFixed(2)}×)`);
    console.log(`  the scheduler alone, same instances: ${scheduler.toFixed(0)} tasks/s (API / alone: ${(result.placements / scheduler).toExponential(1)})`);
    console.log(`  server process memory (RSS):        ${rss.toFixed(0)} MiB`);
    if (result.errors.length) console.log(`  errors (${result.errors.length}): ${[...new Set(result.errors)].slice(0, 3).join(" | ")}`);
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
