import assert from "node:assert/strict";
import { test } from "node:test";
import { circuitBreakerThreshold, planReplicaStep, type PlannedTask } from "../src/services/plan-replica.ts";

const tasks = (spec: string): PlannedTask[] =>
  // "P" healthy primary, "p" pending primary, "O" healthy old, "o" pending old, "D" healthy primary on a draining instance
  [...spec].map((c, i) => ({ id: `${c}${i}`, primary: c === "P" || c === "p" || c === "D", healthy: c === "P" || c === "O" || c === "D", draining: c === "D" }));

const step = (desiredCount: number, min: number, max: number, spec: string, mayLaunch = true, stopping = 0) =>
  planReplicaStep({ desiredCount, minimumHealthyPercent: min, maximumPercent: max, tasks: tasks(spec), mayLaunch, stopping });

test("a new service starts all its tasks at once within maximumPercent", () => {
  assert.deepEqual(step(3, 100, 200, ""), { start: 3, replace: [], scaleIn: 0, blocked: false });
});

test("min 50 / max 200 with 4 old tasks: start 4 new ones, and stop 2 old ones while 4 stay healthy", () => {
  // maxTotal = 8, minHealthy = 2: all 4 new can start; 4 healthy - 2 = 2 old may stop now.
  assert.deepEqual(step(4, 50, 200, "OOOO"), { start: 4, replace: ["O0", "O1"], scaleIn: 0, blocked: false });
});

test("min 100 / max 150 with 4 old tasks: start 2 (6 is the most), stop none until new ones are healthy", () => {
  assert.deepEqual(step(4, 100, 150, "OOOO"), { start: 2, replace: [], scaleIn: 0, blocked: false });
  // Two new ones healthy: 6 healthy, minimum 4, so 2 old may go; no room to start more (6 of 6).
  assert.deepEqual(step(4, 100, 150, "OOOOPP"), { start: 0, replace: ["O0", "O1"], scaleIn: 0, blocked: false });
});

test("tasks still stopping count toward maximumPercent", () => {
  // max 150% of 4 = 6: two old tasks are still on their way out, so only 2 of the 4 missing may
  // start; min 50% of 4 = 2 healthy, which the two old ones are, so neither may stop yet.
  assert.deepEqual(step(4, 50, 150, "OO", true, 2), { start: 2, replace: [], scaleIn: 0, blocked: false });
});

test("pending old tasks go first and do not count as healthy", () => {
  assert.deepEqual(step(2, 100, 100, "oOPP"), { start: 0, replace: ["o0", "O1"], scaleIn: 0, blocked: false });
});

test("min 100 / max 100 with one task cannot move: blocked, but not while a task is still starting or stopping", () => {
  assert.equal(step(1, 100, 100, "O").blocked, true);
  assert.equal(step(2, 100, 200, "OOpp").blocked, false);
  assert.equal(step(1, 100, 100, "O", true, 1).blocked, false);
});

test("scale in stops primary tasks above the desired count", () => {
  assert.deepEqual(step(2, 100, 200, "PPPP"), { start: 0, replace: [], scaleIn: 2, blocked: false });
});

test("a task on a draining instance is replaced like an old one", () => {
  assert.deepEqual(step(2, 100, 200, "PD"), { start: 1, replace: [], scaleIn: 0, blocked: false });
  assert.deepEqual(step(2, 100, 200, "PDP"), { start: 0, replace: ["D1"], scaleIn: 0, blocked: false });
});

test("a FAILED rollout launches nothing", () => {
  assert.deepEqual(step(3, 100, 200, "OOO", false), { start: 0, replace: [], scaleIn: 0, blocked: false });
});

test("the circuit breaker's threshold: half the desired count, between 3 and 200", () => {
  assert.deepEqual([1, 5, 7, 25, 400, 800].map(circuitBreakerThreshold), [3, 3, 4, 13, 200, 200]);
});
