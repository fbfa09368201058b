/** aggregate.ts: ECS's CPUUtilization, MemoryUtilization, CPUReservation, MemoryReservation from samples. Pure. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { alignedStart, minuteStatistics, periodStatistics, type SampleRow } from "../src/metrics/aggregate.ts";

const T0 = Date.parse("2026-11-26T10:00:00Z");
const at = (seconds: number) => T0 + seconds * 1000;
/** A t3.micro-like cluster: 2048 CPU units and 944 MiB registered. */
const row = (taskId: string, seconds: number, cpuUnits: number, memoryMiB: number, extra: Partial<SampleRow> = {}): SampleRow => ({
  taskId,
  timestamp: at(seconds),
  cpuUnits,
  memoryMiB,
  cpuReserved: 256,
  memoryReserved: 128,
  clusterCpu: 2048,
  clusterMemory: 944,
  ...extra,
});

describe("minuteStatistics", () => {
  it("service: Average = used / reserved × 100 over the tasks, Minimum/Maximum per task, SampleCount = tasks", () => {
    const rows = [
      // task a: busy, 1024 and 768 units in two rounds (mean 896 = 350 %); task b: 128 units (50 %)
      row("a", 5, 1024, 64),
      row("a", 15, 768, 64),
      row("b", 7, 128, 32),
      row("b", 17, 128, 32),
    ];
    const cpu = minuteStatistics(rows, "CPUUtilization", "service").get(T0)!;
    assert.equal(cpu.sampleCount, 2);
    assert.equal(cpu.sum / cpu.sampleCount, ((896 + 128) / 512) * 100); // 200 %
    assert.equal(cpu.minimum, 50);
    assert.equal(cpu.maximum, 350);
    const memory = minuteStatistics(rows, "MemoryUtilization", "service").get(T0)!;
    assert.equal(memory.sum / memory.sampleCount, (96 / 256) * 100);
    assert.deepEqual([memory.minimum, memory.maximum], [25, 50]);
  });

  it("service: tasks reserving nothing are left out; no reservation metrics at service level", () => {
    const rows = [row("a", 5, 100, 10, { cpuReserved: 0 }), row("b", 5, 100, 10)];
    const cpu = minuteStatistics(rows, "CPUUtilization", "service").get(T0)!;
    assert.equal(cpu.sampleCount, 1);
    assert.equal(minuteStatistics([rows[0]!], "CPUUtilization", "service").size, 0);
    assert.equal(minuteStatistics(rows, "CPUReservation", "service").size, 0);
  });

  it("cluster: over the instances' registered CPU and memory, one sample a minute", () => {
    const rows = [row("a", 5, 1024, 64), row("b", 7, 512, 32), row("a", 65, 0, 64)];
    const cpu = minuteStatistics(rows, "CPUUtilization", "cluster");
    assert.deepEqual(cpu.get(T0), { sampleCount: 1, sum: 75, minimum: 75, maximum: 75 });
    assert.equal(cpu.get(T0 + 60_000)?.sum, 0);
    assert.equal(minuteStatistics(rows, "MemoryUtilization", "cluster").get(T0)?.sum, (96 / 944) * 100);
    assert.equal(minuteStatistics(rows, "CPUReservation", "cluster").get(T0)?.sum, 25);
    assert.equal(minuteStatistics(rows, "MemoryReservation", "cluster").get(T0)?.sum, (256 / 944) * 100);
    assert.equal(minuteStatistics([row("a", 5, 1, 1, { clusterCpu: 0 })], "CPUUtilization", "cluster").size, 0);
  });
});

describe("periodStatistics", () => {
  const minutes = new Map([
    [T0, { sampleCount: 2, sum: 400, minimum: 100, maximum: 300 }],
    [T0 + 60_000, { sampleCount: 1, sum: 50, minimum: 50, maximum: 50 }],
    [T0 + 300_000, { sampleCount: 1, sum: 10, minimum: 10, maximum: 10 }],
  ]);

  it("60 s: one datapoint a minute with samples, oldest first", () => {
    const out = periodStatistics(minutes, T0, T0 + 600_000, 60);
    assert.deepEqual(
      out.map((d) => [d.timestamp - T0, d.set.sum]),
      [
        [0, 400],
        [60_000, 50],
        [300_000, 10],
      ],
    );
  });

  it("300 s: minutes combined (Average = Sum / SampleCount), StartTime rounded down to the minute", () => {
    const out = periodStatistics(minutes, T0 + 30_000, T0 + 600_000, 300);
    assert.deepEqual(out, [
      { timestamp: T0, set: { sampleCount: 3, sum: 450, minimum: 50, maximum: 300 } },
      { timestamp: T0 + 300_000, set: { sampleCount: 1, sum: 10, minimum: 10, maximum: 10 } },
    ]);
  });

  it("EndTime excludes; minutes before StartTime's minute are left out", () => {
    assert.deepEqual(
      periodStatistics(minutes, T0 + 60_000, T0 + 300_000, 60).map((d) => d.timestamp - T0),
      [60_000],
    );
    assert.equal(alignedStart(T0 + 59_000, 60), T0);
    assert.equal(alignedStart(T0 + 59_000, 10), T0 + 50_000);
  });
});
