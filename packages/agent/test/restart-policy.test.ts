/**
 * Container restart policies on the real Docker Engine: plan() decides from what Docker shows, the
 * agent's restart action starts the same container again, and the task stays RUNNING.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { AgentTask, ContainerDefinition } from "@stevedore/shared";
import { runContainerAction, type ContainerAction } from "../src/container-actions.ts";
import { createLogger } from "../src/log.ts";
import { plan, type Action } from "../src/plan.ts";
import { ensureTestImage, TEST_IMAGE } from "./docker-image.ts";
import { client, Harness, output, sh, until } from "./docker-harness.ts";

const h = new Harness();

/** A task whose essential `app` runs 1.5 s and exits 3, with `restartPolicy`, next to a sidecar. */
function restartingTask(restartPolicy: ContainerDefinition["restartPolicy"]): AgentTask {
  return h.task([
    { name: "app", image: TEST_IMAGE, stopTimeout: 1, restartPolicy, command: sh("echo run; sleep 1.5; exit 3") },
    { name: "sidecar", image: TEST_IMAGE, essential: false, stopTimeout: 1 },
  ]);
}

/** The server's view once it has the task RUNNING with these containers. */
async function runningView(t: AgentTask): Promise<AgentTask> {
  const observed = await client.containers(h.instanceArn, t.taskArn);
  return { ...t, lastStatus: "RUNNING", containers: observed.map((c) => ({ name: c.containerName, lastStatus: "RUNNING", runtimeId: c.id })) };
}

async function planFor(t: AgentTask): Promise<Action[]> {
  return plan([await runningView(t)], await client.containers(h.instanceArn, t.taskArn), new Set(), []);
}

const appExited = (t: AgentTask) =>
  until("app to exit", async () => {
    const app = await h.container(t, "app");
    return app.state === "exited" && app;
  });

describe("restart policies on the real engine", () => {
  before(() => ensureTestImage());
  after(() => h.cleanup());

  it("restarts a container that exits with a code not ignored, in place, at most once per restartAttemptPeriod; the task stays RUNNING", async () => {
    const t = restartingTask({ enabled: true, ignoredExitCodes: [0], restartAttemptPeriod: 1 });
    await h.start(t);
    const exited = await appExited(t);
    assert.equal(exited.exitCode, 3);

    const actions = await planFor(t);
    assert.deepEqual(actions, [{ kind: "restart", taskArn: t.taskArn, containers: [{ id: exited.id, containerName: "app" }] }]);
    await runContainerAction(client, createLogger(() => {}), actions[0] as ContainerAction);

    const again = await h.container(t, "app");
    assert.equal(again.state, "running");
    assert.equal(again.id, exited.id, "the same container");
    assert.ok(Date.parse(again.startedAt!) > Date.parse(exited.startedAt!), "started again");
    assert.deepEqual(await planFor(t), [], "nothing to report: the server still has it RUNNING");
    await appExited(t);
    assert.equal(output(again.id), "run\nrun\n");
  });

  it("does not restart a container that exits with an ignored code: it is an essential container that exited", async () => {
    const t = restartingTask({ enabled: true, ignoredExitCodes: [3], restartAttemptPeriod: 1 });
    await h.start(t);
    await appExited(t);
    const sidecar = await h.container(t, "sidecar");
    assert.deepEqual(await planFor(t), [{ kind: "stop", taskArn: t.taskArn, containers: [{ id: sidecar.id, containerName: "sidecar", timeoutSec: 1 }] }]);
  });

  it("does not restart a container that ran for less than restartAttemptPeriod", async () => {
    const t = restartingTask({ enabled: true, restartAttemptPeriod: 60 });
    await h.start(t);
    await appExited(t);
    assert.deepEqual((await planFor(t)).map((a) => a.kind), ["stop"]);
  });
});
