import assert from "node:assert/strict";
import { test } from "node:test";
import { planDaemonStep, type DaemonInstance, type DaemonTask } from "../src/services/plan-daemon.ts";
import { throttleDelayMs } from "../src/services/plan-replica.ts";

const instances = (spec: string): DaemonInstance[] => [...spec].map((c, i) => ({ id: `i${i}`, eligible: c === "E" }));
const task = (id: string, instanceId: string | null, primary = true, running = true): DaemonTask => ({ id, instanceId, primary, running });

test("a new daemon: one task on every eligible instance, none on the others", () => {
  assert.deepEqual(planDaemonStep(instances("EEx"), []), { stop: [], launchOn: ["i0", "i1"], desiredCount: 2, steady: false });
});

test("an instance that stops matching loses its task; one that starts matching gets one", () => {
  const plan = planDaemonStep(instances("xE"), [task("t0", "i0"), task("t1", "i1")]);
  assert.deepEqual(plan, { stop: ["t0"], launchOn: [], desiredCount: 1, steady: false });
  assert.deepEqual(planDaemonStep(instances("EE"), [task("t1", "i1")]).launchOn, ["i0"]);
});

test("a new deployment stops the old tasks; their instances get new ones once the old are gone", () => {
  const rolling = planDaemonStep(instances("EE"), [task("old0", "i0", false), task("new1", "i1")]);
  assert.deepEqual(rolling, { stop: ["old0"], launchOn: [], desiredCount: 1, steady: false });
  assert.deepEqual(planDaemonStep(instances("EE"), [task("new1", "i1")]).launchOn, ["i0"]);
});

test("steady only when nothing is to do and every task runs", () => {
  assert.equal(planDaemonStep(instances("EE"), [task("a", "i0"), task("b", "i1", true, false)]).steady, false);
  assert.deepEqual(planDaemonStep(instances("EE"), [task("a", "i0"), task("b", "i1")]), { stop: [], launchOn: [], desiredCount: 2, steady: true });
});

test("the throttle: nothing below 3 failures, then 5 s doubling, at most 15 minutes", () => {
  assert.deepEqual([0, 2, 3, 4, 5, 20].map(throttleDelayMs), [0, 0, 5_000, 10_000, 20_000, 900_000]);
});
