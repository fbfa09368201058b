/**
 * Health checks on the real Docker Engine: the definition's healthCheck becomes Docker's, Docker's
 * health_status events reach the agent's event watch, and plan() reports each container's health.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { AgentTask, ContainerDefinition } from "@stevedore/shared";
import { plan } from "../src/plan.ts";
import { ensureTestImage, TEST_IMAGE } from "./docker-image.ts";
import { client, Harness, inspect, sh, until } from "./docker-harness.ts";

const h = new Harness();
const check = (script: string) => ({ command: ["CMD", ...sh(script)], interval: 1, timeout: 1, retries: 1 });
const defs: ContainerDefinition[] = [
  { name: "ok", image: TEST_IMAGE, healthCheck: check("exit 0") },
  { name: "sick", image: TEST_IMAGE, essential: false, healthCheck: check("exit 1") },
  // dependsOn HEALTHY: started only once `ok` is healthy
  { name: "after", image: TEST_IMAGE, essential: false, dependsOn: [{ containerName: "ok", condition: "HEALTHY" }] },
  { name: "unchecked", image: TEST_IMAGE, essential: false },
];

describe("health checks on the real engine", () => {
  let t: AgentTask;
  const events: string[] = [];
  const watching = new AbortController();

  before(async () => {
    ensureTestImage();
    t = h.task(defs);
    void client.watchEvents(h.instanceArn, (e) => events.push(e.action), watching.signal);
  });
  after(async () => {
    watching.abort();
    await h.cleanup();
  });

  it("creates Docker's health check from the definition's, in nanoseconds", async () => {
    const reports = await h.start(t);
    assert.equal(reports.at(-1)?.status, "RUNNING", h.log.join("\n"));
    const ok = await h.container(t, "ok");
    assert.deepEqual(inspect(ok.id).Config.Healthcheck, { Test: ["CMD", ...sh("exit 0")], Interval: 1e9, Timeout: 1e9, Retries: 1 });
    assert.equal(inspect((await h.container(t, "unchecked")).id).Config.Healthcheck, undefined);
  });

  it("waits for a HEALTHY dependency before starting the container that depends on it", async () => {
    const ok = inspect((await h.container(t, "ok")).id);
    const dependent = inspect((await h.container(t, "after")).id);
    const healthyAt = ok.State.Health.Log.find((l: { ExitCode: number }) => l.ExitCode === 0)?.End;
    assert.ok(healthyAt && Date.parse(dependent.State.StartedAt) >= Date.parse(healthyAt), `${dependent.State.StartedAt} after ${healthyAt}`);
  });

  it("sees containers become healthy and unhealthy, with Docker's health_status events", async () => {
    await until("sick to be unhealthy", async () => (await h.container(t, "sick")).health === "unhealthy");
    assert.equal((await h.container(t, "ok")).health, "healthy");
    await until("both events", async () => events.includes("health_status: healthy") && events.includes("health_status: unhealthy"), 5000);
  });

  it("reports each checked container's health where the server's view differs, and nothing once it has it", async () => {
    const observed = await client.containers(h.instanceArn, t.taskArn);
    const serverView: AgentTask = {
      ...t,
      lastStatus: "RUNNING",
      containers: observed.map((c) => ({ name: c.containerName, lastStatus: "RUNNING", runtimeId: c.id })),
    };
    const [action, ...rest] = plan([serverView], observed, new Set(), []);
    assert.deepEqual(rest, []);
    assert.equal(action?.kind, "report");
    if (action?.kind !== "report") return;
    assert.equal(action.change.status, "RUNNING");
    assert.deepEqual(
      action.change.containers.map((c) => [c.containerName, c.healthStatus]),
      [
        ["ok", "HEALTHY"],
        ["sick", "UNHEALTHY"],
      ],
    );
    const known = {
      ...serverView,
      containers: serverView.containers.map((c) => ({ ...c, ...(c.name === "ok" ? { healthStatus: "HEALTHY" as const } : c.name === "sick" ? { healthStatus: "UNHEALTHY" as const } : {}) })),
    };
    assert.deepEqual(plan([known], observed, new Set(), []), []);
  });
});
