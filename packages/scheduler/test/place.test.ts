import assert from "node:assert/strict";
import { test } from "node:test";
import { placeTasks, seededRandom, taskReservation, type CandidateInstance } from "../src/index.ts";

const instance = (id: string, az: string, cpu: number, memory: number, extra: Partial<CandidateInstance> = {}): CandidateInstance => ({
  id,
  arn: `arn:aws:ecs:us-east-1:123456789012:container-instance/c/${id}`,
  status: "ACTIVE",
  agentConnected: true,
  attributes: { "ecs.availability-zone": az },
  remaining: { cpu, memory, tcpPorts: new Set([22]), udpPorts: new Set() },
  groupCounts: {},
  ...extra,
});

const demand = (cpu: number, memory: number, tcpPorts: number[] = []) => ({ cpu, memory, tcpPorts, udpPorts: [], group: "family:web" });

test("binpack(memory) fills the instance with the least memory left first", () => {
  const r = placeTasks({
    instances: [instance("a", "1a", 2048, 1000), instance("b", "1b", 2048, 500)],
    demand: demand(0, 200),
    count: 3,
    strategies: [{ type: "binpack", field: "memory" }],
    constraints: [],
    random: seededRandom(1),
  });
  // b: 500 → 300 → 100, then b cannot fit 200 and a takes the third.
  assert.deepEqual(r.placements, ["b", "b", "a"]);
});

test("spread(AZ) then spread(instanceId) keeps zones and instances even", () => {
  const r = placeTasks({
    instances: [instance("a1", "1a", 4096, 4096), instance("a2", "1a", 4096, 4096), instance("b1", "1b", 4096, 4096)],
    demand: demand(0, 10),
    count: 4,
    strategies: [{ type: "spread", field: "attribute:ecs.availability-zone" }, { type: "spread", field: "instanceId" }],
    constraints: [],
    random: seededRandom(7),
  });
  const perZone = { "1a": r.placements.filter((p) => p.startsWith("a")).length, "1b": r.placements.filter((p) => p === "b1").length };
  assert.deepEqual(perZone, { "1a": 2, "1b": 2 });
  assert.equal(r.placements.filter((p) => p === "a1").length, 1);
});

test("static host ports rule an instance out once taken; the failure names RESOURCE:PORTS", () => {
  const r = placeTasks({
    instances: [instance("a", "1a", 2048, 2048), instance("b", "1b", 2048, 2048)],
    demand: demand(0, 10, [8080]),
    count: 3,
    strategies: [],
    constraints: [],
    random: seededRandom(3),
  });
  assert.equal(r.placements.length, 2);
  assert.deepEqual(new Set(r.placements), new Set(["a", "b"]));
  assert.deepEqual(r.failures.map((f) => f.reason), ["RESOURCE:PORTS", "RESOURCE:PORTS"]);
});

test("rejections name CPU before memory, and a disconnected agent AGENT", () => {
  const r = placeTasks({
    instances: [instance("a", "1a", 100, 100), instance("b", "1b", 4096, 100), instance("c", "1c", 4096, 4096, { agentConnected: false })],
    demand: demand(512, 512),
    count: 1,
    strategies: [],
    constraints: [],
    random: seededRandom(3),
  });
  assert.deepEqual(r.placements, []);
  assert.deepEqual(r.failures.map((f) => f.reason), ["RESOURCE:CPU", "RESOURCE:MEMORY", "AGENT"]);
});

test("distinctInstance places each task of the group on a different instance", () => {
  const r = placeTasks({
    instances: [instance("a", "1a", 4096, 4096), instance("b", "1b", 4096, 4096)],
    demand: demand(0, 10),
    count: 3,
    strategies: [],
    constraints: [{ type: "distinctInstance" }],
    random: seededRandom(5),
  });
  assert.equal(r.placements.length, 2);
  assert.notEqual(r.placements[0], r.placements[1]);
  assert.ok(r.failures.every((f) => f.reason === "DistinctInstance placement constraint unsatisfied."));
});

test("the same seed gives the same placements", () => {
  const req = (seed: number) =>
    placeTasks({
      instances: ["a", "b", "c", "d"].map((id) => instance(id, "1a", 4096, 4096)),
      demand: demand(10, 10),
      count: 8,
      strategies: [{ type: "random" }],
      constraints: [],
      random: seededRandom(seed),
    }).placements;
  assert.deepEqual(req(42), req(42));
});

test("a task reserves task-level sizes when set, else the containers' sums (soft limit first)", () => {
  const containers = [
    { name: "a", image: "x", cpu: 256, memory: 512, memoryReservation: 128, portMappings: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 81, hostPort: 0 }] },
    { name: "b", image: "x", cpu: 128, memory: 256, portMappings: [{ containerPort: 53, hostPort: 5353, protocol: "udp" as const }] },
  ];
  assert.deepEqual(taskReservation({ containerDefinitions: containers }), { cpu: 384, memory: 384, tcpPorts: [8080], udpPorts: [5353] });
  assert.deepEqual(taskReservation({ containerDefinitions: containers, cpu: "1 vCPU", memory: "2 GB" }).cpu, 1024);
  assert.deepEqual(taskReservation({ containerDefinitions: containers, cpu: "1 vCPU", memory: "2 GB" }).memory, 2048);
  assert.deepEqual(taskReservation({ containerDefinitions: containers, networkMode: "awsvpc" }).tcpPorts, []);
});
