import assert from "node:assert/strict";
import { test } from "node:test";
import { seededRandom, selectTasksToStop, SERVICE_DEFAULT_STRATEGIES, type ServiceTask } from "../src/index.ts";
import { instance } from "./helpers.ts";

const instances = [
  instance("a1", { attributes: { "ecs.availability-zone": "1a" }, memory: 1000, cpu: 100 }),
  instance("a2", { attributes: { "ecs.availability-zone": "1a" }, memory: 200, cpu: 900 }),
  instance("b1", { attributes: { "ecs.availability-zone": "1b" }, memory: 500, cpu: 500 }),
];
const task = (id: string, instanceId: string, memory = 100, cpu = 100): ServiceTask => ({ id, instanceId, cpu, memory });
// 1a: t1, t2 on a1 and t3 on a2 (3 tasks); 1b: t4 on b1 (1 task).
const tasks = [task("t1", "a1"), task("t2", "a1"), task("t3", "a2"), task("t4", "b1")];
const stop = (count: number, strategies: Parameters<typeof selectTasksToStop>[0]["strategies"], seed = 1) =>
  selectTasksToStop({ tasks, instances, count, strategies, random: seededRandom(seed) });

test("spread(AZ): stop from the zone with the most tasks until balanced", () => {
  // 1a 3, 1b 1: two stops from 1a (3 -> 2 -> 1); the third finds 1a 1 and 1b 1 tied.
  for (const seed of [1, 2, 3, 4, 5]) {
    const stopped = stop(3, [{ type: "spread", field: "attribute:ecs.availability-zone" }], seed);
    assert.ok(stopped.slice(0, 2).every((id) => ["t1", "t2", "t3"].includes(id)), `seed ${seed}: ${stopped}`);
  }
});

test("binpack(memory): stop on the instance with the most memory left afterwards", () => {
  // After stopping: a1 1000 + 100 = 1100, a2 200 + 100 = 300, b1 500 + 100 = 600. a1 twice (then 1200),
  // then b1 (600) over a2 (300).
  const stopped = stop(3, [{ type: "binpack", field: "memory" }]);
  assert.deepEqual(new Set(stopped.slice(0, 2)), new Set(["t1", "t2"]));
  assert.equal(stopped[2], "t4");
});

test("binpack(cpu): by CPU left instead", () => {
  // a1 100 + 100 = 200, a2 900 + 100 = 1000, b1 500 + 100 = 600: a2 first.
  assert.equal(stop(1, [{ type: "binpack", field: "cpu" }])[0], "t3");
});

test("no strategy: the zone with the most tasks, then the instance with the most there", () => {
  // 1a has 3 tasks: a1 holds 2 of them, so its tasks go first.
  for (const seed of [1, 2, 3]) {
    assert.ok(["t1", "t2"].includes(stop(1, [], seed)[0]!));
    assert.deepEqual(stop(1, [], seed), stop(1, SERVICE_DEFAULT_STRATEGIES, seed));
  }
});

test("random: any task, replayable from the seed; never more than there are", () => {
  assert.deepEqual(stop(2, [{ type: "random" }], 9), stop(2, [{ type: "random" }], 9));
  assert.deepEqual(new Set(stop(10, [{ type: "random" }])), new Set(["t1", "t2", "t3", "t4"]));
});
