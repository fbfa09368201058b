/** stats-usage.ts: Docker stats JSON (recorded from the engine here, cgroup v1; one cgroup v2 answer) → CPU units and MiB. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { containerUsage, cpuReading, cpuUnitsBetween, memoryMiB, type DockerStats } from "../src/stats-usage.ts";

const load = (name: string) => JSON.parse(readFileSync(new URL(`./docker-stats/${name}.json`, import.meta.url), "utf8")) as DockerStats;
const MIB = 1024 * 1024;
const near = (actual: number | undefined, expected: number, what: string) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-6, `${what}: ${actual} ≠ ${expected}`);

describe("containerUsage", () => {
  it("a busy loop (recorded, cgroup v1, 2 CPUs): CPU units from precpu_stats, memory without the inactive page cache", () => {
    const usage = containerUsage(load("cgroup1-busy-1"));
    // (3034440645 - 2035703245) / (15503690000000 - 15501720000000) × 2 CPUs × 1024
    near(usage?.cpuUnits, (998_737_400 / 1_970_000_000) * 2 * 1024, "cpuUnits");
    assert.ok(usage!.cpuUnits > 1000 && usage!.cpuUnits < 1100, "one busy thread ≈ 1024 units");
    // usage 2232320 − total_inactive_file 1880064, as `docker stats` showed (≈ 344 KiB)
    near(usage?.memoryMiB, (2_232_320 - 1_880_064) / MIB, "memoryMiB");
    assert.deepEqual(usage?.cpu, { total: 3_034_440_645, system: 15_503_690_000_000, onlineCpus: 2 });
  });

  it("with the agent's previous reading: the average since that sample, not Docker's last second", () => {
    const first = containerUsage(load("cgroup1-busy-1"))!;
    const second = load("cgroup1-busy-2");
    const usage = containerUsage(second, first.cpu)!;
    const now = cpuReading(second.cpu_stats)!;
    near(usage.cpuUnits, ((now.total - first.cpu.total) / (now.system - first.cpu.system)) * 2 * 1024, "cpuUnits");
    assert.notEqual(usage.cpuUnits, containerUsage(second)!.cpuUnits);
    assert.ok(usage.cpuUnits > 500 && usage.cpuUnits < 1100, String(usage.cpuUnits)); // ≈ 787: the host was busy too
  });

  it("a previous reading that does not precede this one (a restart reset the counter) falls back to precpu_stats", () => {
    const stats = load("cgroup1-busy-2");
    const later = { total: 9e12, system: 1e16, onlineCpus: 2 };
    assert.equal(containerUsage(stats, later)!.cpuUnits, containerUsage(stats)!.cpuUnits);
  });

  it("an idle container (recorded): no CPU, its memory", () => {
    const usage = containerUsage(load("cgroup1-idle"))!;
    assert.equal(usage.cpuUnits, 0);
    near(usage.memoryMiB, 507_904 / MIB, "memoryMiB");
  });

  it("cgroup v2: online_cpus without percpu_usage, inactive_file", () => {
    const usage = containerUsage(load("cgroup2-half-cpu"))!;
    near(usage.cpuUnits, (500_000_000 / 4_010_000_000) * 4 * 1024, "cpuUnits"); // ≈ 510.7: half a CPU
    near(usage.memoryMiB, (27_172_864 - 8_550_400) / MIB, "memoryMiB");
  });

  it("a stopped container (recorded: zero read time, no numbers) has no usage", () => {
    assert.equal(containerUsage(load("cgroup1-stopped")), undefined);
  });
});

describe("the parts", () => {
  it("cpuReading counts percpu_usage when online_cpus is missing, else one CPU", () => {
    assert.equal(cpuReading({ cpu_usage: { total_usage: 5, percpu_usage: [1, 2, 2] }, system_cpu_usage: 10 })?.onlineCpus, 3);
    assert.equal(cpuReading({ cpu_usage: { total_usage: 5 }, system_cpu_usage: 10 })?.onlineCpus, 1);
    assert.equal(cpuReading({ cpu_usage: { total_usage: 5 } }), undefined);
  });

  it("cpuUnitsBetween: nothing without a preceding reading or when the host's time did not advance", () => {
    const now = { total: 2e9, system: 4e9, onlineCpus: 4 };
    assert.equal(cpuUnitsBetween(undefined, now), 0);
    assert.equal(cpuUnitsBetween({ total: 1e9, system: 4e9, onlineCpus: 4 }, now), 0);
    assert.equal(cpuUnitsBetween({ total: 1e9, system: 2e9, onlineCpus: 4 }, now), 2048); // half the host's 4 CPUs
  });

  it("memoryMiB: the v1 key first, the page cache only when smaller than usage", () => {
    assert.equal(memoryMiB({ usage: 3 * MIB, stats: { total_inactive_file: MIB, inactive_file: 0 } }), 2);
    assert.equal(memoryMiB({ usage: 3 * MIB, stats: { inactive_file: 2 * MIB } }), 1);
    assert.equal(memoryMiB({ usage: 3 * MIB, stats: { inactive_file: 4 * MIB } }), 3);
    assert.equal(memoryMiB({}), undefined);
  });
});
