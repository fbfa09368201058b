import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  placeTasks,
  placeTasksReference,
  QuerySyntaxError,
  seededRandom,
  taskReservation,
  type PlacementRequest,
  type PlacementResult,
} from "../src/index.ts";
import { az, demand, instance, tally } from "./helpers.ts";

/** Runs both implementations; they must agree exactly, and the fast one's answer is returned. */
function place(request: Omit<PlacementRequest, "random">, seed = 1): PlacementResult {
  const fast = placeTasks({ ...request, random: seededRandom(seed) });
  assert.deepEqual(placeTasksReference({ ...request, random: seededRandom(seed) }), fast, "place.ts and reference.ts disagree");
  return fast;
}

const AZ_SPREAD = { type: "spread", field: "attribute:ecs.availability-zone" } as const;
const INSTANCE_SPREAD = { type: "spread", field: "instanceId" } as const;
const BINPACK_MEMORY = { type: "binpack", field: "memory" } as const;

describe("the documented strategy examples (placement.md §2.4)", () => {
  test("1. spread(attribute:ecs.availability-zone): evens the zones out", () => {
    // Tasks of service:web already running: 1a 2 (on a1), 1b 1, 1c 0.
    // Task 1: 1c has fewest (0) -> c1; now 2/1/1. Tasks 2-3: 1b and 1c tie at 1, one each; now 2/2/2.
    const r = place({
      instances: [
        instance("a1", { attributes: az("1a"), groupCounts: { "service:web": 2 } }),
        instance("a2", { attributes: az("1a") }),
        instance("b1", { attributes: az("1b"), groupCounts: { "service:web": 1, "service:other": 5 } }),
        instance("c1", { attributes: az("1c") }),
      ],
      demand: demand(100, 100),
      count: 3,
      strategies: [AZ_SPREAD],
      constraints: [],
    });
    assert.equal(r.placements[0], "c1");
    assert.deepEqual(tally(r.placements), { c1: 2, b1: 1 });
  });

  for (const field of ["instanceId", "host"]) {
    test(`2. spread(${field}): evens the instances out`, () => {
      // Running per instance: a 3, b 1, c 0, d 2. Task 1: c (0 -> 1). Tasks 2-3: b and c tie at 1,
      // each takes one, reaching 2. Task 4: b, c and d tie at 2: any of them.
      const r = place({
        instances: [
          instance("a", { groupCounts: { "service:web": 3 } }),
          instance("b", { groupCounts: { "service:web": 1 } }),
          instance("c"),
          instance("d", { groupCounts: { "service:web": 2 } }),
        ],
        demand: demand(10, 10),
        count: 4,
        strategies: [{ type: "spread", field }],
        constraints: [],
      });
      assert.equal(r.placements[0], "c");
      assert.deepEqual(tally(r.placements.slice(0, 3)), { c: 2, b: 1 });
      assert.ok(["b", "c", "d"].includes(r.placements[3]!));
    });
  }

  test("3. binpack(memory): the least memory left that still fits", () => {
    // Memory left a 1000, b 500, c 300; each task takes 200.
    // Task 1: c (300 -> 100). Task 2: c cannot fit 200, b (500 -> 300). Task 3: b (300 -> 100). Task 4: a (1000 -> 800).
    const r = place({
      instances: [instance("a", { memory: 1000 }), instance("b", { memory: 500 }), instance("c", { memory: 300 })],
      demand: demand(0, 200),
      count: 4,
      strategies: [BINPACK_MEMORY],
      constraints: [],
    });
    assert.deepEqual(r.placements, ["c", "b", "b", "a"]);
  });

  test("binpack(cpu): the least CPU left, memory ignored", () => {
    // CPU left a 1024, b 512; memory the other way round. 256 units each: b, b (512 -> 256 -> 0), then a.
    const r = place({
      instances: [instance("a", { cpu: 1024, memory: 100 }), instance("b", { cpu: 512, memory: 8000 })],
      demand: demand(256, 10),
      count: 3,
      strategies: [{ type: "binpack", field: "cpu" }],
      constraints: [],
    });
    assert.deepEqual(r.placements, ["b", "b", "a"]);
  });

  test("4. random: every feasible instance, about equally often, replayable from the seed", () => {
    const request = {
      instances: [instance("a"), instance("b"), instance("c"), instance("full", { memory: 0 })],
      demand: demand(0, 1),
      count: 3000,
      strategies: [{ type: "random" }] as const,
      constraints: [],
    };
    const counts = tally(place(request, 42).placements);
    assert.deepEqual(Object.keys(counts).sort(), ["a", "b", "c"]);
    for (const n of Object.values(counts)) assert.ok(n > 900 && n < 1100, `${n} of 3000`);
    assert.deepEqual(place(request, 42), place(request, 42));
    assert.notDeepEqual(place(request, 42).placements, place(request, 43).placements);
  });

  test("5. spread(AZ) then spread(instanceId): even zones, even instances within each zone", () => {
    // 1a has a1, a2; 1b has b1, b2, b3. Four tasks: two per zone (spread AZ), and within a zone the
    // second task goes to an instance without one (spread instanceId breaks the zone's tie).
    const r = place({
      instances: ["a1", "a2"].map((id) => instance(id, { attributes: az("1a") })).concat(["b1", "b2", "b3"].map((id) => instance(id, { attributes: az("1b") }))),
      demand: demand(10, 10),
      count: 4,
      strategies: [AZ_SPREAD, INSTANCE_SPREAD],
      constraints: [],
    });
    const counts = tally(r.placements);
    assert.equal((counts.a1 ?? 0) + (counts.a2 ?? 0), 2);
    assert.deepEqual([counts.a1, counts.a2], [1, 1]);
    assert.ok(Object.values(counts).every((n) => n === 1));
  });

  test("6. spread(AZ) then binpack(memory): even zones, fullest instance within the zone", () => {
    // Memory left: 1a a1 1000, a2 600; 1b b1 800, b2 400. 300 MiB per task.
    // Task 1: zones tie 0/0, binpack over all: b2 (400 -> 100).          1a 0, 1b 1
    // Task 2: 1a; a2 (600 -> 300).                                        1a 1, 1b 1
    // Task 3: tie; a1 1000, a2 300, b1 800 (b2's 100 cannot fit): a2 (300 -> 0).   1a 2, 1b 1
    // Task 4: 1b; only b1 fits: b1 (800 -> 500).                          1a 2, 1b 2
    // Task 5: tie; a1 1000, b1 500: b1 (500 -> 200).
    const r = place({
      instances: [
        instance("a1", { attributes: az("1a"), memory: 1000 }),
        instance("a2", { attributes: az("1a"), memory: 600 }),
        instance("b1", { attributes: az("1b"), memory: 800 }),
        instance("b2", { attributes: az("1b"), memory: 400 }),
      ],
      demand: demand(0, 300),
      count: 5,
      strategies: [AZ_SPREAD, BINPACK_MEMORY],
      constraints: [],
    });
    assert.deepEqual(r.placements, ["b2", "a2", "a2", "b1", "b1"]);
  });

  test("7. spread(instanceId) then binpack(memory): emptiest instances, fullest of those first", () => {
    // Tasks of the group: x 0, y 0, z 1. Memory left x 1000, y 600, z 800; 100 MiB per task.
    // Task 1: x and y tie at 0, y has less memory: y (-> 500). Task 2: x is the only one at 0: x.
    // Task 3: all at 1; least memory is y (500): y.
    const r = place({
      instances: [instance("x", { memory: 1000 }), instance("y", { memory: 600 }), instance("z", { memory: 800, groupCounts: { "service:web": 1 } })],
      demand: demand(0, 100),
      count: 3,
      strategies: [INSTANCE_SPREAD, BINPACK_MEMORY],
      constraints: [],
    });
    assert.deepEqual(r.placements, ["y", "x", "y"]);
  });

  test("task-placement.md: spread(AZ) + binpack(memory), but only for G2 instances", () => {
    // The t2 instance has the least memory, but memberOf rules it out; the two g2 zones alternate,
    // each filling its fuller instance first (g-b1 has 700 < g-b2's 900).
    const r = place({
      instances: [
        instance("t", { attributes: az("1a", { "ecs.instance-type": "t2.small" }), memory: 300 }),
        instance("g-a", { attributes: az("1a", { "ecs.instance-type": "g2.2xlarge" }), memory: 1000 }),
        instance("g-b1", { attributes: az("1b", { "ecs.instance-type": "g2.2xlarge" }), memory: 700 }),
        instance("g-b2", { attributes: az("1b", { "ecs.instance-type": "g2.8xlarge" }), memory: 900 }),
      ],
      demand: demand(0, 200),
      count: 4,
      strategies: [AZ_SPREAD, BINPACK_MEMORY],
      constraints: [{ type: "memberOf", expression: "attribute:ecs.instance-type =~ g2.*" }],
    });
    // Task 1: zones tie, least memory among g2: g-b1 (700 -> 500). Task 2: 1a: g-a. Task 3: tie: g-b1 (500 -> 300). Task 4: 1a: g-a.
    assert.deepEqual(r.placements, ["g-b1", "g-a", "g-b1", "g-a"]);
  });
});

describe("spread counts", () => {
  test("instances without the attribute form a bucket of their own", () => {
    // rack r1 holds 1 task; the two rackless instances share a bucket with 1 task; r2 is empty.
    // Task 1: r2. Then every bucket holds 1; task 2 goes to any bucket, and so on.
    const r = place({
      instances: [
        instance("r1", { attributes: { rack: "r1" }, groupCounts: { "service:web": 1 } }),
        instance("r2", { attributes: { rack: "r2" } }),
        instance("none1", { attributes: {}, groupCounts: { "service:web": 1 } }),
        instance("none2", { attributes: {} }),
      ],
      demand: demand(10, 10),
      count: 4,
      strategies: [{ type: "spread", field: "attribute:rack" }],
      constraints: [],
    });
    assert.equal(r.placements[0], "r2");
    const counts = tally(r.placements.slice(1));
    // Buckets after 4 tasks: r1 1+a, r2 1+b, none 1+c with a+b+c = 3 and every bucket at 2: one task each.
    assert.equal((counts.r1 ?? 0) + (counts.r2 ?? 0) + (counts.none1 ?? 0) + (counts.none2 ?? 0), 3);
    assert.equal((counts.none1 ?? 0) + (counts.none2 ?? 0), 1);
  });

  test("tasks on instances that cannot take another still count for their zone", () => {
    // 1a's only instance is full but runs 2 tasks of the group; 1b's runs none. Spread keeps 1b
    // ahead until it has 2 as well: b, b, then either.
    const r = place({
      instances: [
        instance("a-full", { attributes: az("1a"), memory: 0, groupCounts: { "service:web": 2 } }),
        instance("a", { attributes: az("1a") }),
        instance("b", { attributes: az("1b") }),
      ],
      demand: demand(10, 10),
      count: 2,
      strategies: [AZ_SPREAD],
      constraints: [],
    });
    assert.deepEqual(r.placements, ["b", "b"]);
  });

  test("only tasks of the same group count", () => {
    const r = place({
      instances: [instance("busy", { groupCounts: { "service:other": 9 } }), instance("mine", { groupCounts: { "service:web": 1 } })],
      demand: demand(10, 10),
      count: 1,
      strategies: [INSTANCE_SPREAD],
      constraints: [],
    });
    assert.deepEqual(r.placements, ["busy"]);
  });
});

describe("constraints", () => {
  test("distinctInstance: one task of the group per instance, counting tasks already there", () => {
    const r = place({
      instances: [instance("a", { groupCounts: { "service:web": 1 } }), instance("b"), instance("c"), instance("d", { groupCounts: { "service:api": 1 } })],
      demand: demand(10, 10),
      count: 4,
      strategies: [],
      constraints: [{ type: "distinctInstance" }],
    });
    assert.deepEqual([...r.placements].sort(), ["b", "c", "d"]);
    assert.deepEqual(
      r.failures.map((f) => [f.instanceId, f.reason]),
      ["a", "b", "c", "d"].map((id) => [id, "DistinctInstance placement constraint unsatisfied."]),
    );
  });

  test("memberOf task affinity: only instances hosting the databases group", () => {
    const r = place({
      instances: [instance("db1", { groupCounts: { databases: 1 } }), instance("web"), instance("db2", { groupCounts: { databases: 2 } })],
      demand: demand(10, 10),
      count: 6,
      strategies: [INSTANCE_SPREAD],
      constraints: [{ type: "memberOf", expression: "task:group == databases" }],
    });
    assert.deepEqual(tally(r.placements), { db1: 3, db2: 3 });
  });

  test("memberOf task anti-affinity: never next to the databases group", () => {
    const r = place({
      instances: [instance("db", { groupCounts: { databases: 1 } }), instance("a"), instance("b")],
      demand: demand(10, 10),
      count: 10,
      strategies: [],
      constraints: [{ type: "memberOf", expression: "not(task:group == databases)" }],
    });
    assert.ok(!r.placements.includes("db"));
    assert.equal(r.placements.length, 10);
  });

  test("memberOf on the task's own group sees the tasks this call placed", () => {
    // Anti-affinity with itself is distinctInstance by another name: two instances, two tasks.
    const anti = place({
      instances: [instance("a"), instance("b")],
      demand: demand(10, 10),
      count: 3,
      strategies: [],
      constraints: [{ type: "memberOf", expression: "not(task:group == service:web)" }],
    });
    assert.deepEqual([...anti.placements].sort(), ["a", "b"]);
    assert.deepEqual(anti.failures.map((f) => f.reason), ["MemberOf placement constraint unsatisfied.", "MemberOf placement constraint unsatisfied."]);
    // Affinity with itself: only where the group already runs, so never on a fresh cluster.
    const affinity = place({
      instances: [instance("a"), instance("b", { groupCounts: { "service:web": 1 } })],
      demand: demand(10, 10),
      count: 3,
      strategies: [],
      constraints: [{ type: "memberOf", expression: "task:group == service:web" }],
    });
    assert.deepEqual(affinity.placements, ["b", "b", "b"]);
  });

  test("runningTasksCount counts this call's tasks: 'runningTasksCount == 0' takes empty instances only", () => {
    const r = place({
      instances: [instance("busy", { runningTasksCount: 2 }), instance("e1"), instance("e2"), instance("e3")],
      demand: demand(10, 10),
      count: 4,
      strategies: [],
      constraints: [{ type: "memberOf", expression: "runningTasksCount == 0" }],
    });
    assert.deepEqual([...r.placements].sort(), ["e1", "e2", "e3"]);
  });

  test("constraints are ANDed, and each instance reports the first it fails", () => {
    const r = place({
      instances: [
        instance("t3-1a", { attributes: az("1a", { "ecs.instance-type": "t3.large" }) }),
        instance("m5-1a", { attributes: az("1a", { "ecs.instance-type": "m5.large" }) }),
        instance("t3-1b", { attributes: az("1b", { "ecs.instance-type": "t3.large" }) }),
      ],
      demand: demand(10, 10),
      count: 2,
      strategies: [],
      constraints: [
        { type: "memberOf", expression: "attribute:ecs.instance-type =~ t3.*" },
        { type: "memberOf", expression: "attribute:ecs.availability-zone == 1a" },
        { type: "distinctInstance" },
      ],
    });
    assert.deepEqual(r.placements, ["t3-1a"]);
    // Checks 0-6 are status, agent, attributes, CPU, memory, ports, GPUs; constraints follow in order.
    assert.deepEqual(
      r.failures.map((f) => [f.instanceId, f.checksPassed, f.reason]),
      [
        ["t3-1a", 9, "DistinctInstance placement constraint unsatisfied."],
        ["m5-1a", 7, "MemberOf placement constraint unsatisfied."],
        ["t3-1b", 8, "MemberOf placement constraint unsatisfied."],
      ],
    );
  });

  test("a malformed memberOf expression throws QuerySyntaxError before anything is placed", () => {
    assert.throws(
      () => placeTasks({ instances: [instance("a")], demand: demand(1, 1), count: 1, strategies: [], constraints: [{ type: "memberOf", expression: "attribute:x ==" }], random: seededRandom(1) }),
      QuerySyntaxError,
    );
    assert.throws(() => placeTasks({ instances: [instance("a")], demand: demand(1, 1), count: 1, strategies: [], constraints: [{ type: "memberOf" }], random: seededRandom(1) }), QuerySyntaxError);
  });
});

describe("feasibility and its failures", () => {
  test("each instance is rejected with its reason and the numbers behind it", () => {
    const r = place({
      instances: [
        instance("draining", { status: "DRAINING" }),
        instance("offline", { agentConnected: false }),
        instance("no-eni", { attributes: {} }),
        instance("small-cpu", { cpu: 100 }),
        instance("small-mem", { memory: 100 }),
        instance("port-taken", { tcpPorts: [22, 8080] }),
        instance("udp-taken", { udpPorts: [5353] }),
      ],
      demand: demand(512, 512, { tcpPorts: [8080], udpPorts: [5353], requiresAttributes: [{ name: "ecs.capability.task-eni" }] }),
      count: 1,
      strategies: [],
      constraints: [],
    });
    assert.deepEqual(r.placements, []);
    const arn = (id: string) => instance(id).arn;
    assert.deepEqual(r.failures, [
      { arn: arn("draining"), instanceId: "draining", checksPassed: 0, reason: "INACTIVE" },
      { arn: arn("offline"), instanceId: "offline", checksPassed: 1, reason: "AGENT" },
      { arn: arn("no-eni"), instanceId: "no-eni", checksPassed: 2, reason: "ATTRIBUTE" },
      { arn: arn("small-cpu"), instanceId: "small-cpu", checksPassed: 2, reason: "ATTRIBUTE" },
      { arn: arn("small-mem"), instanceId: "small-mem", checksPassed: 2, reason: "ATTRIBUTE" },
      { arn: arn("port-taken"), instanceId: "port-taken", checksPassed: 2, reason: "ATTRIBUTE" },
      { arn: arn("udp-taken"), instanceId: "udp-taken", checksPassed: 2, reason: "ATTRIBUTE" },
    ]);
  });

  test("resources: CPU before memory before ports, with requested and available", () => {
    const eni = { "ecs.capability.task-eni": "" };
    const r = place({
      instances: [
        instance("small-cpu", { cpu: 100, memory: 100, attributes: eni }),
        instance("small-mem", { memory: 100, attributes: eni }),
        instance("port-taken", { tcpPorts: [22, 8080], attributes: eni }),
        instance("udp-taken", { udpPorts: [5353], attributes: eni }),
      ],
      demand: demand(512, 512, { tcpPorts: [8080], udpPorts: [5353], requiresAttributes: [{ name: "ecs.capability.task-eni" }] }),
      count: 1,
      strategies: [],
      constraints: [],
    });
    assert.deepEqual(
      r.failures.map(({ instanceId, checksPassed, reason, requested, available, ports }) => ({ instanceId, checksPassed, reason, requested, available, ports })),
      [
        { instanceId: "small-cpu", checksPassed: 3, reason: "RESOURCE:CPU", requested: 512, available: 100, ports: undefined },
        { instanceId: "small-mem", checksPassed: 4, reason: "RESOURCE:MEMORY", requested: 512, available: 100, ports: undefined },
        { instanceId: "port-taken", checksPassed: 5, reason: "RESOURCE:PORTS", requested: undefined, available: undefined, ports: [8080] },
        { instanceId: "udp-taken", checksPassed: 5, reason: "RESOURCE:PORTS", requested: undefined, available: undefined, ports: [5353] },
      ],
    );
  });

  test("requiresAttributes with a value needs that exact value", () => {
    const r = place({
      instances: [instance("arm", { attributes: { "ecs.cpu-architecture": "arm64" } }), instance("x86", { attributes: { "ecs.cpu-architecture": "x86_64" } })],
      demand: demand(1, 1, { requiresAttributes: [{ name: "ecs.cpu-architecture", value: "arm64" }] }),
      count: 2,
      strategies: [],
      constraints: [],
    });
    assert.deepEqual(r.placements, ["arm", "arm"]);
  });

  test("a static host port is taken by this call's first task on the instance", () => {
    const r = place({
      instances: [instance("a"), instance("b")],
      demand: demand(0, 10, { tcpPorts: [8080] }),
      count: 3,
      strategies: [],
      constraints: [],
    });
    assert.deepEqual([...r.placements].sort(), ["a", "b"]);
    assert.deepEqual(r.failures.map((f) => [f.reason, f.ports]), [["RESOURCE:PORTS", [8080]], ["RESOURCE:PORTS", [8080]]]);
  });

  test("placement stops at the first task nothing can take; resources are never overcommitted", () => {
    // 1024 CPU units and 4 tasks of 300: three fit (900), the fourth would need 1200.
    const r = place({ instances: [instance("a", { cpu: 1024 })], demand: demand(300, 1), count: 5, strategies: [], constraints: [] });
    assert.deepEqual(r.placements, ["a", "a", "a"]);
    assert.deepEqual(r.failures.map((f) => [f.reason, f.requested, f.available]), [["RESOURCE:CPU", 300, 124]]);
  });

  test("no instances: nothing placed, no failures", () => {
    assert.deepEqual(place({ instances: [], demand: demand(1, 1), count: 2, strategies: [], constraints: [] }), { placements: [], failures: [] });
  });

  test("the request's instances are not modified", () => {
    const instances = [instance("a", { memory: 100 })];
    place({ instances, demand: demand(1, 10), count: 3, strategies: [BINPACK_MEMORY], constraints: [{ type: "distinctInstance" }] });
    assert.equal(instances[0]!.remaining.memory, 100);
    assert.deepEqual(instances[0]!.groupCounts, {});
  });
});

test("a task reserves task-level sizes when set, else the containers' sums (soft limit first)", () => {
  const containers = [
    { name: "a", image: "x", cpu: 256, memory: 512, memoryReservation: 128, portMappings: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 81, hostPort: 0 }] },
    { name: "b", image: "x", cpu: 128, memory: 256, portMappings: [{ containerPort: 53, hostPort: 5353, protocol: "udp" as const }] },
  ];
  assert.deepEqual(taskReservation({ containerDefinitions: containers }), { cpu: 384, memory: 384, tcpPorts: [8080], udpPorts: [5353], gpus: 0 });
  assert.deepEqual(taskReservation({ containerDefinitions: containers, cpu: "1 vCPU", memory: "2 GB" }).cpu, 1024);
  assert.deepEqual(taskReservation({ containerDefinitions: containers, cpu: "1 vCPU", memory: "2 GB" }).memory, 2048);
  assert.deepEqual(taskReservation({ containerDefinitions: containers, networkMode: "awsvpc" }).tcpPorts, []);
  const gpu = [{ ...containers[0]!, resourceRequirements: [{ type: "GPU" as const, value: "2" }] }, containers[1]!];
  assert.equal(taskReservation({ containerDefinitions: gpu }).gpus, 2);
});
