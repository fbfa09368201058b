/**
 * StatsSampler on the real Docker Engine: a task's containers started with the agent's own startTask
 * (test/docker-harness.ts), sampled through DockerStatsSource. Nothing leaves the host.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { AgentStatsSample } from "@stevedore/shared";
import { createLogger } from "../src/log.ts";
import { DockerStatsSource, StatsSampler, type StatsSource } from "../src/stats-sampler.ts";
import type { StatsTarget } from "../src/stats-shipper.ts";
import { ensureTestImage, TEST_IMAGE } from "./docker-image.ts";
import { CLUSTER_ARN } from "./fixtures.ts";
import { Harness, sh } from "./docker-harness.ts";

const h = new Harness();
const abort = new AbortController();
const log: string[] = [];
const shipped: { target: StatsTarget; samples: AgentStatsSample[] }[] = [];
const shipper = { add: (target: StatsTarget, samples: readonly AgentStatsSample[]) => void shipped.push({ target, samples: [...samples] }) };
const source = new DockerStatsSource("/var/run/docker.sock");
const task = h.task([
  { name: "burn", image: TEST_IMAGE, cpu: 256, memory: 64, command: sh("while :; do :; done") },
  { name: "idle", image: TEST_IMAGE, memory: 32, essential: false, command: sh("head -c 4000000 /dev/zero > /tmp/filler; sleep 600") },
]);

describe("StatsSampler (real Docker)", () => {
  before(async () => {
    ensureTestImage();
    await h.start(task);
  });
  after(async () => {
    abort.abort();
    await h.cleanup();
  });

  it("samples every running container of the instance: a busy loop uses CPU, every container memory", async () => {
    const sampler = new StatsSampler(source, shipper, createLogger((l) => log.push(l)), abort.signal, 10_000, () => h.instanceArn);
    const first = await sampler.sample(h.instanceArn);
    assert.deepEqual(first.target, { cluster: CLUSTER_ARN, containerInstanceArn: h.instanceArn });
    const byName = new Map(first.samples.map((s) => [s.containerName, s]));
    assert.deepEqual([...byName.keys()].sort(), ["burn", "idle"]);
    assert.ok(first.samples.every((s) => s.taskArn === task.taskArn));
    assert.equal(new Set(first.samples.map((s) => s.timestamp)).size, 1, "one timestamp per round");
    assert.ok(byName.get("burn")!.cpuUnits > 100, `busy loop: ${byName.get("burn")!.cpuUnits} CPU units`);
    assert.ok(byName.get("idle")!.cpuUnits < byName.get("burn")!.cpuUnits);
    assert.ok(byName.get("burn")!.memoryMiB > 0 && byName.get("idle")!.memoryMiB > 0);
    // The next round averages since this one.
    const second = await sampler.sample(h.instanceArn);
    const burn = second.samples.find((s) => s.containerName === "burn")!;
    assert.ok(burn.cpuUnits > 100, `second round: ${burn.cpuUnits} CPU units`);
    assert.ok(burn.timestamp > byName.get("burn")!.timestamp);
  });

  it("run() ships a round every interval until stopped; containers of other instances are not sampled", async () => {
    const stop = new AbortController();
    const sampler = new StatsSampler(source, shipper, createLogger((l) => log.push(l)), stop.signal, 300, () => h.instanceArn);
    const done = sampler.run();
    const deadline = Date.now() + 15_000;
    while (shipped.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    await done;
    assert.ok(shipped.length >= 2, `${shipped.length} rounds`);
    assert.ok(shipped.every((r) => r.target.containerInstanceArn === h.instanceArn && r.samples.every((s) => s.taskArn === task.taskArn)));
    const other = await new StatsSampler(source, shipper, createLogger(() => {}), abort.signal, 10_000, () => undefined).sample(`${h.instanceArn}-other`);
    assert.deepEqual(other.samples, []);
  });

  it("a container gone between listing and stats, or a failing engine call, is skipped with a warning", async () => {
    const flaky: StatsSource = {
      running: async () => [
        { id: "gone", clusterArn: CLUSTER_ARN, taskArn: task.taskArn, containerName: "gone" },
        { id: "broken", clusterArn: CLUSTER_ARN, taskArn: task.taskArn, containerName: "broken" },
      ],
      stats: async (id) => {
        if (id === "gone") return undefined;
        throw new Error("engine hiccup");
      },
    };
    const lines: string[] = [];
    const round = await new StatsSampler(flaky, shipper, createLogger((l) => lines.push(l)), abort.signal, 10_000, () => "x").sample("x");
    assert.deepEqual(round.samples, []);
    assert.ok(lines.some((l) => l.includes("Could not read container stats") && l.includes("engine hiccup")));
  });
});
