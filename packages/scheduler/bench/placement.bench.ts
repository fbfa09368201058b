/**
 * Placement throughput: place.ts against the plain-scan reference.ts in the same run, on the issue's
 * shape (spread by zone, binpack by memory, a memberOf constraint). Not a test: prints numbers.
 *
 *   npm run bench -w packages/scheduler
 */
import { cpus } from "node:os";
import {
  placeTasks,
  placeTasksReference,
  RUN_TASK_DEFAULT_STRATEGIES,
  seededRandom,
  SERVICE_DEFAULT_STRATEGIES,
  type CandidateInstance,
  type PlacementRequest,
  type PlacementResult,
  type PlacementStrategy,
} from "../src/index.ts";

const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];
// Half the fleet is t3 (matches the constraint), half is not.
const TYPES = [
  { type: "t3.large", cpu: 2048, memory: 8192 },
  { type: "t3.xlarge", cpu: 4096, memory: 16384 },
  { type: "m5.large", cpu: 2048, memory: 8192 },
  { type: "c5.xlarge", cpu: 4096, memory: 8192 },
];

function cluster(size: number, seed: number): CandidateInstance[] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, (_, i): CandidateInstance => {
    const t = TYPES[i % TYPES.length]!;
    // Some capacity already in use, so instances differ in what they have left.
    const usedTasks = Math.floor(random() * 8);
    return {
      id: `ci-${i.toString(16).padStart(8, "0")}`,
      arn: `arn:aws:ecs:us-east-1:123456789012:container-instance/bench/ci-${i}`,
      status: "ACTIVE",
      agentConnected: true,
      attributes: { "ecs.availability-zone": ZONES[Math.floor(random() * ZONES.length)]!, "ecs.instance-type": t.type, "ecs.os-type": "linux" },
      remaining: { cpu: t.cpu - usedTasks * 64, memory: t.memory - usedTasks * 256, tcpPorts: new Set([22, 2375, 2376, 51678, 51679]), udpPorts: new Set<number>() },
      groupCounts: usedTasks ? { "service:web": usedTasks } : {},
      ec2InstanceId: `i-${i.toString(16).padStart(17, "0")}`,
      agentVersion: "1.89.0",
      registeredAt: Date.UTC(2024, 0, 1) + i * 1000,
      runningTasksCount: usedTasks,
    };
  });
}

function request(instances: number, count: number): Omit<PlacementRequest, "random"> {
  return {
    instances: cluster(instances, instances),
    demand: { cpu: 64, memory: 256, tcpPorts: [], udpPorts: [], group: "service:web" },
    count,
    strategies: [
      { type: "spread", field: "attribute:ecs.availability-zone" },
      { type: "binpack", field: "memory" },
    ],
    constraints: [{ type: "memberOf", expression: "attribute:ecs.instance-type =~ t3.*" }],
  };
}

type Place = (r: PlacementRequest) => PlacementResult;

/** Median milliseconds of `runs` placements of `req`, each from the same seed. */
function time(place: Place, req: Omit<PlacementRequest, "random">, runs: number): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const { placements } = place({ ...req, random: seededRandom(42) });
    ms.push(performance.now() - start);
    if (placements.length !== req.count) throw new Error(`placed ${placements.length} of ${req.count}`);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function scenario(instances: number, tasks: number, referenceTasks: number): void {
  const full = request(instances, tasks);
  const slice = { ...full, count: referenceTasks };
  // Same seed, same choices: the reference's slice must be the first tasks of ours.
  const ours = placeTasks({ ...full, random: seededRandom(42) }).placements.slice(0, referenceTasks);
  if (JSON.stringify(ours) !== JSON.stringify(placeTasksReference({ ...slice, random: seededRandom(42) }).placements)) throw new Error("place.ts and reference.ts disagree");

  const oursMs = time(placeTasks, full, 7);
  const refMs = time(placeTasksReference, slice, 3);
  const oursRate = (tasks / oursMs) * 1000;
  const refRate = (referenceTasks / refMs) * 1000;
  console.log(`\n${fmt(tasks)} tasks on ${fmt(instances)} instances`);
  console.log(`  place.ts      ${fmt(oursRate).padStart(9)} placements/s  (${((oursMs * 1000) / tasks).toFixed(2)} µs each; median of 7 runs of all ${fmt(tasks)} tasks: ${oursMs.toFixed(1)} ms)`);
  const slices = referenceTasks === tasks ? `all ${fmt(tasks)} tasks` : `the first ${fmt(referenceTasks)} tasks only, per-placement cost extrapolated to ${fmt(tasks)}`;
  console.log(`  reference.ts  ${fmt(refRate).padStart(9)} placements/s  (${((refMs * 1000) / referenceTasks).toFixed(2)} µs each; median of 3 runs of ${slices})`);
  console.log(`  ratio         ${(oursRate / refRate).toFixed(0)}x`);
}

console.log(`placement benchmark: node ${process.version}, ${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}`);
console.log("strategies spread(attribute:ecs.availability-zone) + binpack(memory); constraint memberOf(attribute:ecs.instance-type =~ t3.*)");
// Warm-up: let the JIT see both implementations before anything is timed.
for (let i = 0; i < 3; i++) {
  placeTasks({ ...request(2000, 10_000), random: seededRandom(i) });
  placeTasksReference({ ...request(500, 200), random: seededRandom(i) });
}
scenario(2_000, 10_000, 2_000);
scenario(10_000, 100_000, 500);

// Other shapes, place.ts only: the defaults keep large tie classes, the worst case for the tie-break.
const shapes: [string, readonly PlacementStrategy[]][] = [
  ["RunTask default [random]", RUN_TASK_DEFAULT_STRATEGIES],
  ["service default [spread(AZ), spread(instanceId)]", SERVICE_DEFAULT_STRATEGIES],
  ["[spread(attribute:ecs.instance-type), spread(AZ), binpack(cpu)]", [{ type: "spread", field: "attribute:ecs.instance-type" }, ...SERVICE_DEFAULT_STRATEGIES.slice(0, 1), { type: "binpack", field: "cpu" }]],
];
console.log("\nother strategies, no constraint, place.ts only (median of 7 runs):");
for (const [name, strategies] of shapes) {
  for (const [instances, tasks] of [[2_000, 10_000], [10_000, 100_000]] as const) {
    const req = { ...request(instances, tasks), strategies, constraints: [] };
    time(placeTasks, req, 3);
    console.log(`  ${name.padEnd(66)} ${fmt(tasks).padStart(7)} on ${fmt(instances).padStart(6)}: ${fmt((tasks / time(placeTasks, req, 7)) * 1000).padStart(9)} placements/s`);
  }
}

// RunTask's calls place ten tasks at most: there the cost of a call's setup, not of a placement, counts.
console.log("\nRunTask-sized calls (count 10), the issue's shape, the same instances call after call (CPU time, median of 5):");
for (const instances of [200, 2_000, 10_000]) {
  const req = request(instances, 10);
  const cpuMicros: number[] = [];
  for (let round = 0; round < 5; round++) {
    const calls = 200;
    const before = process.cpuUsage();
    for (let i = 0; i < calls; i++) placeTasks({ ...req, random: seededRandom(i) });
    const used = process.cpuUsage(before);
    cpuMicros.push((used.user + used.system) / calls);
  }
  const micros = cpuMicros.sort((a, b) => a - b)[2]!;
  console.log(`  ${fmt(instances).padStart(6)} instances: ${fmt(micros).padStart(6)} µs per call, ${fmt(1e6 / micros).padStart(6)} calls/s, ${fmt(1e7 / micros).padStart(7)} placements/s`);
}
