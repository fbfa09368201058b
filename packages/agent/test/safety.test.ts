/** The agent is the last line of the safety policy: a task the server should have refused never reaches Docker. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { NO_SAFETY_SWITCHES } from "@stevedore/shared";
import { ensureTestImage, TEST_IMAGE } from "./docker-image.ts";
import { client, Harness } from "./docker-harness.ts";

const h = new Harness();

test("a privileged task that reaches the agent stops before any container is created, naming the field and switch", async () => {
  ensureTestImage();
  const t = h.task([{ name: "app", image: TEST_IMAGE, privileged: true, command: ["sleep", "60"] }]);
  const last = (await h.start(t, { safety: NO_SAFETY_SWITCHES })).at(-1);
  assert.equal(last?.status, "STOPPED");
  assert.equal(last?.reason, "Task failed to start");
  assert.match(last?.containers[0]?.reason ?? "", /^CannotStartContainerError: Stevedore's safety policy refused the task: containerDefinitions\[app\]\.privileged: .*STEVEDORE_ALLOW_PRIVILEGED=1/);
  assert.deepEqual(await client.containers(h.instanceArn, t.taskArn), []);
});
