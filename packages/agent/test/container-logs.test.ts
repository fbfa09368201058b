/**
 * ContainerLogs on the real Docker Engine: what it hands the shipper for containers that print, exit,
 * restart, run on, have a TTY, or were running before it started. The shipper itself (HTTP, batches,
 * retries) is log-shipper.test.ts; the server's route, server-logs.test.ts.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { LABELS, type AgentTask } from "@stevedore/shared";
import { ContainerLogs } from "../src/container-logs.ts";
import { createLogger } from "../src/log.ts";
import type { LogEvent, LogTarget } from "../src/log-shipper.ts";
import { sleep } from "../src/sleep.ts";
import { ensureTestImage, TEST_IMAGE } from "./docker-image.ts";
import { client, Harness, sh, until } from "./docker-harness.ts";

const h = new Harness();

/** A ContainerLogs whose shipper keeps what it gets, synced with Docker every 100 ms like the reconcile loop. */
function follow() {
  const shipped: { key: string; target: LogTarget; events: LogEvent[] }[] = [];
  const abort = new AbortController();
  const warnings: string[] = [];
  const logs = new ContainerLogs(client, { add: (key, target, events) => void shipped.push({ key, target, events: [...events] }) }, createLogger((l) => warnings.push(l)), abort.signal);
  const timer = setInterval(() => void client.containers(h.instanceArn).then((observed) => logs.sync(observed)), 100);
  return {
    shipped,
    lines: (containerName: string) => shipped.filter((s) => s.target.containerName === containerName).flatMap((s) => s.events),
    stop: () => {
      clearInterval(timer);
      abort.abort();
      assert.deepEqual(warnings, [], "nothing went wrong reading");
    },
  };
}

const messages = (events: LogEvent[]) => events.map((e) => `${e.stream}:${e.message}`);

describe("container logs on the real engine", () => {
  before(() => ensureTestImage());
  after(() => h.cleanup());

  it("ships stdout and stderr lines with Docker's times, and a last line without a newline when the container exits", async () => {
    const f = follow();
    try {
      const started = Date.now();
      const t = h.task([{ name: "app", image: TEST_IMAGE, command: sh("echo one; echo two >&2; printf three") }]);
      await h.start(t);
      await until("three lines", async () => f.lines("app").length >= 3);
      await sleep(300);
      const events = f.lines("app");
      // Docker reads stdout and stderr apart, so "two" may come (and be timed) before "one"
      assert.deepEqual(messages(events).sort(), ["stderr:two", "stdout:one", "stdout:three"]);
      assert.deepEqual(messages(events.filter((e) => e.stream === "stdout")), ["stdout:one", "stdout:three"]);
      for (const [i, e] of events.entries()) {
        assert.ok(e.timestamp >= started - 1000 && e.timestamp <= Date.now(), `timestamp ${e.timestamp}`);
        assert.ok(i === 0 || e.timestamp >= events[i - 1]!.timestamp, "oldest first");
      }
      const app = await h.container(t, "app");
      assert.deepEqual(f.shipped[0]!.target, {
        cluster: app.labels[LABELS.cluster],
        containerInstanceArn: h.instanceArn,
        taskArn: t.taskArn,
        containerName: "app",
      });
      assert.equal(f.shipped[0]!.key, app.id);
    } finally {
      f.stop();
    }
  });

  it("follows a running container as it prints, and goes on after its restart in place without repeating a line", async () => {
    const f = follow();
    try {
      const t = h.task([{ name: "ticker", image: TEST_IMAGE, command: sh("for i in 1 2 3; do echo tick $i; sleep 0.3; done") }]);
      await h.start(t);
      await until("the first tick while it runs", async () => f.lines("ticker").length >= 1 && (await h.container(t, "ticker")).state === "running");
      await until("it to exit", async () => (await h.container(t, "ticker")).state === "exited");
      await until("three ticks", async () => f.lines("ticker").length === 3);
      await client.start((await h.container(t, "ticker")).id); // as the restart policy does
      await until("six ticks", async () => f.lines("ticker").length === 6);
      await sleep(500);
      assert.deepEqual(messages(f.lines("ticker")), ["1", "2", "3", "1", "2", "3"].map((i) => `stdout:tick ${i}`));
    } finally {
      f.stop();
    }
  });

  it("ships a TTY container's lines as stdout, without carriage returns", async () => {
    const f = follow();
    try {
      const t = h.task([{ name: "tty", image: TEST_IMAGE, pseudoTerminal: true, command: sh("echo hello; echo oops >&2; printf bye") }]);
      await h.start(t);
      await until("three lines", async () => f.lines("tty").length >= 3);
      assert.deepEqual(messages(f.lines("tty")), ["stdout:hello", "stdout:oops", "stdout:bye"]); // one terminal: in order
    } finally {
      f.stop();
    }
  });

  it("adopts a container running before it started, with what it printed shortly before", async () => {
    const t: AgentTask = h.task([{ name: "old", image: TEST_IMAGE, stopTimeout: 1, command: sh("echo before; sleep 3600") }]);
    await h.start(t);
    await sleep(500);
    const f = follow();
    try {
      await until("the line printed before", async () => f.lines("old").length >= 1);
      assert.deepEqual(messages(f.lines("old")), ["stdout:before"]);
    } finally {
      f.stop();
    }
  });
});
