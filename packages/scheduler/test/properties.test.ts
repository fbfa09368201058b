/**
 * Properties over random clusters from a seeded generator (test/helpers.ts): each case is
 * reproducible from the seed printed in its failure message.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluate, parseExpression, placeTasks, placeTasksReference, seededRandom, type PlacementResult } from "../src/index.ts";
import { demand, instance, randomRequest } from "./helpers.ts";

const CASES = 400;
const seeds = Array.from({ length: CASES }, (_, i) => 1000 + i);

describe("on random clusters", () => {
  test("place.ts makes exactly the reference's choices and reports the same failures", () => {
    for (const seed of seeds) {
      const request = randomRequest(seed);
      assert.deepEqual(placeTasks({ ...request, random: seededRandom(seed) }), placeTasksReference({ ...request, random: seededRandom(seed) }), `seed ${seed}`);
    }
  });

  test("same seed, same result", () => {
    for (const seed of seeds.slice(0, 50)) {
      const request = randomRequest(seed);
      assert.deepEqual(placeTasks({ ...request, random: seededRandom(7) }), placeTasks({ ...request, random: seededRandom(7) }), `seed ${seed}`);
    }
  });

  test("never more CPU, memory or ports than an instance has; every constraint holds", () => {
    for (const seed of seeds) {
      const request = randomRequest(seed);
      const { placements, failures } = placeTasks({ ...request, random: seededRandom(seed) });
      const message = `seed ${seed}`;
      const { demand: d } = request;
      const byId = new Map(request.instances.map((i) => [i.id, i]));
      const placedOn = new Map<string, number>();
      for (const id of placements) placedOn.set(id, (placedOn.get(id) ?? 0) + 1);
      for (const [id, n] of placedOn) {
        const i = byId.get(id)!;
        assert.equal(i.status, "ACTIVE", message);
        assert.ok(i.agentConnected, message);
        assert.ok(n * d.cpu <= i.remaining.cpu && n * d.memory <= i.remaining.memory, message);
        if (d.tcpPorts.length) {
          assert.equal(n, 1, message);
          assert.ok(!d.tcpPorts.some((p) => i.remaining.tcpPorts.has(p)), message);
        }
        for (const c of request.constraints) {
          if (c.type === "distinctInstance") assert.ok(n === 1 && !i.groupCounts[d.group], message);
          // Static subjects: the instance must match as it was. (Dynamic ones are covered by fast == reference.)
          else if (!/task:group|runningTasksCount/.test(c.expression!)) assert.ok(evaluate(parseExpression(c.expression!), i), message);
        }
      }
      // Fewer placed than asked only when every instance refused, each with its reason.
      if (placements.length < request.count) assert.equal(failures.length, request.instances.length, message);
      else assert.deepEqual(failures, [], message);
    }
  });

  test("binpack never picks an instance with more of the resource left than another that fits", () => {
    for (const seed of seeds) {
      const base = randomRequest(seed);
      for (const field of ["cpu", "memory"] as const) {
        const request = { ...base, constraints: [], demand: { ...base.demand, tcpPorts: [] }, strategies: [{ type: "binpack" as const, field }] };
        const { placements } = placeTasks({ ...request, random: seededRandom(seed) });
        // Replay, keeping our own ledger of what is left.
        const left = new Map(request.instances.map((i) => [i.id, { cpu: i.remaining.cpu, memory: i.remaining.memory }]));
        const usable = request.instances.filter((i) => i.status === "ACTIVE" && i.agentConnected);
        for (const id of placements) {
          const fits = usable.filter((i) => left.get(i.id)!.cpu >= request.demand.cpu && left.get(i.id)!.memory >= request.demand.memory);
          const least = Math.min(...fits.map((i) => left.get(i.id)![field]));
          assert.equal(left.get(id)![field], least, `seed ${seed}, ${field}`);
          left.get(id)!.cpu -= request.demand.cpu;
          left.get(id)!.memory -= request.demand.memory;
        }
      }
    }
  });
});

describe("spread is never uneven by more than one where it could be even", () => {
  const spreadCounts = (r: PlacementResult, bucketOf: (id: string) => string, buckets: string[]) => {
    const counts = Object.fromEntries(buckets.map((b) => [b, 0]));
    for (const id of r.placements) counts[bucketOf(id)]!++;
    return Object.values(counts);
  };

  test("spread(instanceId) on instances with room for everything", () => {
    for (const seed of seeds.slice(0, 100)) {
      const random = seededRandom(seed);
      const n = 1 + Math.floor(random() * 30);
      const instances = Array.from({ length: n }, (_, i) => instance(`i${i}`));
      const count = Math.floor(random() * 100);
      const r = placeTasks({ instances, demand: demand(1, 1), count, strategies: [{ type: "spread", field: "instanceId" }], constraints: [], random });
      const counts = spreadCounts(r, (id) => id, instances.map((i) => i.id));
      assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `seed ${seed}: ${counts}`);
    }
  });

  test("spread(AZ) then spread(instanceId): zones within one, and instances within one inside each zone", () => {
    for (const seed of seeds.slice(0, 100)) {
      const random = seededRandom(seed);
      const zones = ["1a", "1b", "1c"].slice(0, 1 + Math.floor(random() * 3));
      // Every zone gets the same number of instances, so even zones also allow even instances.
      const perZone = 1 + Math.floor(random() * 5);
      const instances = zones.flatMap((z) => Array.from({ length: perZone }, (_, i) => instance(`${z}-${i}`, { attributes: { "ecs.availability-zone": z } })));
      const count = Math.floor(random() * 60);
      const r = placeTasks({
        instances,
        demand: demand(1, 1),
        count,
        strategies: [{ type: "spread", field: "attribute:ecs.availability-zone" }, { type: "spread", field: "instanceId" }],
        constraints: [],
        random,
      });
      const zoneCounts = spreadCounts(r, (id) => id.split("-")[0]!, zones);
      assert.ok(Math.max(...zoneCounts) - Math.min(...zoneCounts) <= 1, `seed ${seed}: zones ${zoneCounts}`);
      for (const z of zones) {
        const ids = instances.filter((i) => i.id.startsWith(z)).map((i) => i.id);
        const counts = spreadCounts({ ...r, placements: r.placements.filter((p) => p.startsWith(z)) }, (id) => id, ids);
        assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `seed ${seed}: ${z} ${counts}`);
      }
    }
  });
});

test("large random clusters: place.ts still agrees with the reference", () => {
  for (const seed of [1, 2, 3]) {
    const request = randomRequest(seed, { instances: 300, count: 400 });
    assert.deepEqual(placeTasks({ ...request, random: seededRandom(seed) }), placeTasksReference({ ...request, random: seededRandom(seed) }), `seed ${seed}`);
  }
});
