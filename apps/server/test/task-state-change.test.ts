import assert from "node:assert/strict";
import { test } from "node:test";
import type { Container } from "@stevedore/shared";
import { applyTaskStateChange, taskHealth, type TaskStateFields } from "../src/ecs/task-state-change.ts";

const container = (name: string): Container => ({
  containerArn: `arn:${name}`,
  taskArn: "arn:task",
  name,
  image: "img",
  lastStatus: "PENDING",
  networkBindings: [],
  networkInterfaces: [],
  healthStatus: "UNKNOWN",
});

const task = (over: Partial<TaskStateFields> = {}): TaskStateFields => ({
  lastStatus: "PROVISIONING",
  desiredStatus: "RUNNING",
  containers: [container("web"), container("sidecar")],
  stoppedReason: null,
  stopCode: null,
  healthStatus: "UNKNOWN",
  startedAt: null,
  stoppingAt: null,
  stoppedAt: null,
  pullStartedAt: null,
  pullStoppedAt: null,
  executionStoppedAt: null,
  ...over,
});

const now = new Date("2026-11-26T10:00:00Z");

test("RUNNING sets startedAt and merges bindings by container name", () => {
  const next = applyTaskStateChange(
    task(),
    { status: "RUNNING", containers: [{ containerName: "web", status: "RUNNING", runtimeId: "abc", networkBindings: [{ bindIP: "127.1.0.1", containerPort: 80, hostPort: 32768, protocol: "tcp" }] }] },
    now,
  );
  assert.equal(next.lastStatus, "RUNNING");
  assert.equal(next.startedAt, now);
  assert.equal(next.containers[0]!.runtimeId, "abc");
  assert.equal(next.containers[0]!.networkBindings[0]!.hostPort, 32768);
  assert.equal(next.containers[1]!.lastStatus, "PENDING");
});

test("a late PENDING report never moves a RUNNING task back", () => {
  const next = applyTaskStateChange(task({ lastStatus: "RUNNING", startedAt: now }), { status: "PENDING" }, now);
  assert.equal(next.lastStatus, "RUNNING");
});

test("STOPPED after StopTask keeps the user's reason and stop code; every container is stopped", () => {
  const next = applyTaskStateChange(
    task({ lastStatus: "RUNNING", desiredStatus: "STOPPED", stoppedReason: "Task stopped by user", stopCode: "UserInitiated" }),
    { status: "STOPPED", reason: "Essential container in task exited", containers: [{ containerName: "web", exitCode: 143 }] },
    now,
  );
  assert.equal(next.stoppedReason, "Task stopped by user");
  assert.equal(next.stopCode, "UserInitiated");
  assert.equal(next.containers[0]!.exitCode, 143);
  assert.deepEqual(next.containers.map((c) => c.lastStatus), ["STOPPED", "STOPPED"]);
  assert.equal(next.stoppedAt, now);
  assert.equal(next.stoppingAt, now);
});

test("an essential container's exit stops the task with EssentialContainerExited", () => {
  const next = applyTaskStateChange(task({ lastStatus: "RUNNING" }), { status: "STOPPED", reason: "Essential container in task exited", containers: [{ containerName: "web", exitCode: 3 }] }, now);
  assert.equal(next.desiredStatus, "STOPPED");
  assert.equal(next.stopCode, "EssentialContainerExited");
  assert.equal(next.containers[0]!.exitCode, 3);
});

test("a failed pull stops the task with TaskFailedToStart and the container's reason", () => {
  const next = applyTaskStateChange(
    task({ lastStatus: "PENDING" }),
    { status: "STOPPED", reason: "Task failed to start", containers: [{ containerName: "web", reason: "CannotPullContainerError: not found" }] },
    now,
  );
  assert.equal(next.stopCode, "TaskFailedToStart");
  assert.equal(next.containers[0]!.reason, "CannotPullContainerError: not found");
});

test("task health follows the essential containers that have health checks", () => {
  const defs = [
    { name: "web", essential: true, healthCheck: { command: ["CMD-SHELL", "true"] } },
    { name: "sidecar", essential: false, healthCheck: { command: ["CMD-SHELL", "true"] } },
    { name: "worker", essential: true },
  ];
  const withHealth = (web: Container["healthStatus"], sidecar: Container["healthStatus"]) => [
    { ...container("web"), healthStatus: web },
    { ...container("sidecar"), healthStatus: sidecar },
    container("worker"),
  ];
  assert.equal(taskHealth(withHealth("HEALTHY", "UNHEALTHY"), defs), "HEALTHY", "a non-essential container's health does not count");
  assert.equal(taskHealth(withHealth("UNHEALTHY", "HEALTHY"), defs), "UNHEALTHY");
  assert.equal(taskHealth(withHealth("UNKNOWN", "HEALTHY"), defs), "UNKNOWN");
  assert.equal(taskHealth(withHealth("HEALTHY", "HEALTHY"), [{ name: "web", essential: true }]), "UNKNOWN", "no checks: UNKNOWN");
  const next = applyTaskStateChange(task({ lastStatus: "RUNNING" }), { containers: [{ containerName: "web", healthStatus: "HEALTHY" }] }, now, defs.slice(0, 1));
  assert.equal(next.healthStatus, "HEALTHY");
});
