/** Builders for tests: instances with sensible defaults, and a seeded generator of random clusters. */
import { seededRandom, type CandidateInstance, type PlacementConstraint, type PlacementRequest, type PlacementStrategy, type Random, type TaskDemand } from "../src/index.ts";

export interface InstanceSpec extends Partial<Omit<CandidateInstance, "remaining">> {
  cpu?: number;
  memory?: number;
  tcpPorts?: number[];
  udpPorts?: number[];
}

export function instance(id: string, spec: InstanceSpec = {}): CandidateInstance {
  const { cpu = 4096, memory = 8192, tcpPorts = [22], udpPorts = [], ...rest } = spec;
  return {
    id,
    arn: `arn:aws:ecs:us-east-1:123456789012:container-instance/default/${id}`,
    status: "ACTIVE",
    agentConnected: true,
    attributes: { "ecs.availability-zone": "us-east-1a" },
    groupCounts: {},
    ec2InstanceId: `i-${id}`,
    agentVersion: "1.89.0",
    registeredAt: Date.UTC(2024, 0, 1),
    runningTasksCount: 0,
    ...rest,
    remaining: { cpu, memory, tcpPorts: new Set(tcpPorts), udpPorts: new Set(udpPorts) },
  };
}

export const az = (zone: string, more: Record<string, string> = {}) => ({ "ecs.availability-zone": zone, ...more });

export function demand(cpu: number, memory: number, more: Partial<TaskDemand> = {}): TaskDemand {
  return { cpu, memory, tcpPorts: [], udpPorts: [], group: "service:web", ...more };
}

/** Counts of each id in a list of placements. */
export function tally(ids: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of ids) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"];
const TYPES = ["t3.small", "t3.large", "m5.large", "c5.xlarge"];
const GROUPS = ["service:web", "service:api", "family:batch"];
const STRATEGIES: PlacementStrategy[] = [
  { type: "spread", field: "attribute:ecs.availability-zone" },
  { type: "spread", field: "attribute:ecs.instance-type" },
  { type: "spread", field: "attribute:rack" },
  { type: "spread", field: "instanceId" },
  { type: "binpack", field: "memory" },
  { type: "binpack", field: "cpu" },
  { type: "random" },
];
const EXPRESSIONS = [
  "attribute:ecs.instance-type =~ t3.*",
  "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
  "not(task:group == service:api)",
  "task:group == service:web or runningTasksCount < 3",
  "attribute:rack exists and attribute:rack != r2",
];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: Random, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

/** A random cluster and request, reproducible from `seed`; small numbers so that ties and exhaustion happen often. */
export function randomRequest(seed: number, sizes: { instances?: number; count?: number } = {}): Omit<PlacementRequest, "random"> & { seed: number } {
  const random = seededRandom(seed);
  const n = sizes.instances ?? int(random, 0, 24);
  const instances = Array.from({ length: n }, (_, i) => {
    const groupCounts: Record<string, number> = {};
    for (const g of GROUPS) if (random() < 0.3) groupCounts[g] = int(random, 1, 3);
    const attributes: Record<string, string> = { "ecs.availability-zone": pick(random, ZONES), "ecs.instance-type": pick(random, TYPES) };
    if (random() < 0.6) attributes.rack = pick(random, ["r1", "r2", "r3"]);
    return instance(`ci-${String(i).padStart(3, "0")}`, {
      status: random() < 0.05 ? "DRAINING" : "ACTIVE",
      agentConnected: random() > 0.05,
      attributes,
      groupCounts,
      cpu: pick(random, [256, 512, 1024, 2048]),
      memory: pick(random, [256, 512, 1024, 2048, 4096]),
      tcpPorts: random() < 0.2 ? [22, 8080] : [22],
      runningTasksCount: int(random, 0, 5),
    });
  });
  const strategies = Array.from({ length: int(random, 0, 3) }, () => pick(random, STRATEGIES));
  const constraints: PlacementConstraint[] = [];
  if (random() < 0.3) constraints.push({ type: "distinctInstance" });
  if (random() < 0.4) constraints.push({ type: "memberOf", expression: pick(random, EXPRESSIONS) });
  return {
    seed,
    instances,
    demand: demand(pick(random, [0, 128, 256, 512]), pick(random, [64, 128, 256, 512]), {
      group: pick(random, GROUPS),
      tcpPorts: random() < 0.15 ? [8080] : [],
    }),
    count: sizes.count ?? int(random, 1, 40),
    strategies,
    constraints,
  };
}
