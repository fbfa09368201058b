/**
 * awsvpc tasks on the real Docker Engine: a pause container holds the task's network namespace and
 * publishes its ports on the task's own address; the task's containers join it, so they reach each other
 * over 127.0.0.1 as on ECS. The pause container is never reported as one of the task's containers, goes
 * after them, and takes the task down when it dies. All traffic stays on 127.0.0.0/8.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { LABELS, type AgentTask, type ContainerDefinition } from "@stevedore/shared";
import { runContainerAction } from "../src/container-actions.ts";
import { createLogger } from "../src/log.ts";
import { PAUSE_ENTRYPOINT, pauseImageTar } from "../src/pause-image.ts";
import { NETWORK_GONE_REASON, PAUSE_CONTAINER_NAME, applyChange, plan, type TaskStateChange } from "../src/plan.ts";
import { StatsSampler, DockerStatsSource } from "../src/stats-sampler.ts";
import { taskMetadata } from "../src/task-metadata.ts";
import { CLUSTER_ARN, INSTANCE_ARN } from "./fixtures.ts";
import { ensureTestImage, TEST_IMAGE } from "./docker-image.ts";
import { client, Harness, inspect, output, sh, until } from "./docker-harness.ts";

const h = new Harness();
const log = createLogger(() => {});
const PORT = 8080;
const PAGE = "hello from web";
/** A loopback address of the test run's own for each task, as the server gives awsvpc tasks theirs. */
const address = (n: number) => `127.254.${128 + (parseInt(h.run.slice(0, 2), 16) % 127)}.${(parseInt(h.run.slice(2, 4), 16) % 200) + n}`;

const defs: ContainerDefinition[] = [
  {
    name: "web",
    image: TEST_IMAGE,
    stopTimeout: 1, // busybox as PID 1 ignores SIGTERM
    portMappings: [{ containerPort: PORT }],
    command: sh(`mkdir -p /www && echo '${PAGE}' > /www/index.html && exec /bin/busybox httpd -f -p ${PORT} -h /www`),
  },
  {
    name: "client",
    image: TEST_IMAGE,
    essential: false,
    stopTimeout: 1,
    dependsOn: [{ containerName: "web", condition: "START" }],
    command: sh(`until wget -q -O - http://127.0.0.1:${PORT}/; do sleep 0.2; done; sleep 3600`),
  },
];

const vpcTask = (n: number): AgentTask => ({ ...h.task(defs, { networkMode: "awsvpc" }), bindIP: address(n) });
const pauseOf = async (t: AgentTask) => (await client.containers(h.instanceArn, t.taskArn)).filter((c) => c.containerName === PAUSE_CONTAINER_NAME);
const reportedNames = (reports: readonly TaskStateChange[]) => new Set(reports.flatMap((r) => r.containers.map((c) => c.containerName)));

/** Reconciles `t` as the agent does (plan, act, apply the reports) until nothing is left to do; the reports. */
async function settle(t: AgentTask): Promise<TaskStateChange[]> {
  const reports: TaskStateChange[] = [];
  for (let round = 0; round < 10; round++) {
    const actions = plan([t], await client.containers(h.instanceArn, t.taskArn), new Set(), []);
    if (!actions.length) return reports;
    for (const action of actions) {
      if (action.kind === "start") assert.fail("unexpected start");
      if (action.kind === "report") {
        reports.push(action.change);
        t = applyChange(t, action.change);
      } else await runContainerAction(client, log, action);
    }
  }
  return assert.fail(`still acting after 10 rounds: ${JSON.stringify(reports)}`);
}

/** The server's view once it accepted the start's reports. */
const accepted = (t: AgentTask, reports: readonly TaskStateChange[]) => reports.reduce(applyChange, t);

describe("the pause image", () => {
  const image = { repository: `stevedore/test-pause-${h.run}`, tag: "1" };
  after(() => execFileSync("docker", ["rmi", "-f", `${image.repository}:${image.tag}`], { stdio: "ignore" }));

  it("is the host's busybox alone, imported from a tar made in memory; its process sleeps and stops at once on SIGTERM", async () => {
    await client.importImage(pauseImageTar(), image.repository, image.tag);
    const id = await client.create({ Image: `${image.repository}:${image.tag}`, Entrypoint: PAUSE_ENTRYPOINT, Labels: { [LABELS.containerInstanceArn]: h.instanceArn } });
    await client.start(id);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(inspect(id).State.Status, "running");
    const started = Date.now();
    await client.stop(id, 10);
    assert.ok(Date.now() - started < 3000, `stopped in ${Date.now() - started} ms`);
    assert.equal(inspect(id).State.ExitCode, 0);
    await client.remove(id);
  });
});

describe("awsvpc tasks on the real engine", () => {
  let t: AgentTask;
  let reports: TaskStateChange[];

  before(() => {
    ensureTestImage();
    t = vpcTask(0);
  });
  after(() => h.cleanup());

  it("starts a pause container first, labelled and named as ECS does, and the task's containers in its network", async () => {
    reports = await h.start(t);
    assert.equal(reports.at(-1)?.status, "RUNNING", h.log.join("\n"));
    const [pause, ...more] = await pauseOf(t);
    assert.ok(pause && more.length === 0);
    assert.match(pause.dockerName, /^ecs-web-3-internal-ecs-pause-[0-9a-f]{20}$/);
    assert.equal(pause.state, "running");
    assert.deepEqual(pause.labels, {
      [LABELS.cluster]: CLUSTER_ARN,
      [LABELS.taskArn]: t.taskArn,
      [LABELS.containerName]: PAUSE_CONTAINER_NAME,
      [LABELS.family]: "web",
      [LABELS.revision]: "3",
      [LABELS.containerInstanceArn]: `${INSTANCE_ARN}-${h.run}`,
    });
    for (const name of ["web", "client"]) {
      const c = await h.container(t, name);
      assert.equal(c.networkMode, `container:${pause.id}`);
      assert.ok(Date.parse(c.createdAt) > Date.parse(pause.createdAt), `${name} created after the pause container`);
    }
  });

  it("reports only the task's containers, the web's port bound on the task's own address", () => {
    assert.deepEqual(reportedNames(reports), new Set(["web", "client"]));
    const running = reports.at(-1)!.containers;
    assert.deepEqual(running.find((c) => c.containerName === "web")?.networkBindings, [{ bindIP: t.bindIP, containerPort: PORT, hostPort: PORT, protocol: "tcp" }]);
    assert.deepEqual(running.find((c) => c.containerName === "client")?.networkBindings, []);
  });

  it("the task's containers reach each other over 127.0.0.1", async () => {
    const c = await h.container(t, "client");
    await until("the client to fetch the page", async () => output(c.id).includes(PAGE));
  });

  it("serves the port on the task's own address from the host", async () => {
    const page = await until("the page", async () => {
      const res = await fetch(`http://${t.bindIP}:${PORT}/`).catch(() => undefined);
      return res?.ok ? res.text() : undefined;
    });
    assert.equal(page.trim(), PAGE);
  });

  it("leaves the pause container out of the task metadata and the stats samples", async () => {
    const observed = await client.containers(h.instanceArn, t.taskArn);
    const meta = taskMetadata(t, observed, { clusterArn: CLUSTER_ARN, availabilityZone: "us-east-1a" });
    assert.deepEqual(meta.Containers.map((c) => c.Name).sort(), ["client", "web"]);
    assert.deepEqual(meta.Containers.find((c) => c.Name === "web")?.Ports, [{ ContainerPort: PORT, Protocol: "tcp", HostPort: PORT, HostIp: t.bindIP }]);
    const sampler = new StatsSampler(new DockerStatsSource(client.socketPath), { add: () => {} }, log, new AbortController().signal, 10_000, () => h.instanceArn);
    const { samples } = await sampler.sample(h.instanceArn);
    assert.deepEqual(samples.filter((s) => s.taskArn === t.taskArn).map((s) => s.containerName).sort(), ["client", "web"]);
  });

  it("a pause container that cannot start (another task holds the address and port) fails the start, on every container", async () => {
    const clash = { ...vpcTask(9), bindIP: t.bindIP };
    const last = (await h.start(clash)).at(-1);
    assert.equal(last?.status, "STOPPED");
    assert.equal(last?.reason, "Task failed to start");
    assert.deepEqual(last?.containers.map((c) => c.containerName), ["web", "client"]);
    for (const c of last!.containers) {
      assert.equal(c.status, "STOPPED");
      assert.match(c.reason ?? "", new RegExp(`^ResourceInitializationError: failed to start the task network \\(${PAUSE_CONTAINER_NAME}\\): .*${PORT}`));
    }
    assert.deepEqual((await client.containers(h.instanceArn, clash.taskArn)).map((c) => [c.containerName, c.state]), [[PAUSE_CONTAINER_NAME, "created"]]);
  });

  it("stopping the task stops its containers, then the pause container; removing it removes the pause container too", async () => {
    const stopped = await settle({ ...accepted(t, reports), desiredStatus: "STOPPED" });
    // STOPPING, STOPPING again with the containers' exits once they stopped (the pause container next), STOPPED.
    assert.deepEqual(stopped.map((r) => r.status), ["STOPPING", "STOPPING", "STOPPED"]);
    assert.ok(!reportedNames(stopped).has(PAUSE_CONTAINER_NAME));
    const [pause] = await pauseOf(t);
    const web = await h.container(t, "web");
    assert.equal(pause?.state, "exited");
    assert.ok(Date.parse(pause.finishedAt!) >= Date.parse(web.finishedAt!), "the pause container stopped last");

    const observed = await client.containers(h.instanceArn, t.taskArn);
    const [remove] = plan([], observed, new Set(), []);
    assert.ok(remove?.kind === "remove");
    assert.deepEqual(remove.pauseContainerIds, [pause.id]);
    await runContainerAction(client, log, remove);
    assert.deepEqual(await client.containers(h.instanceArn, t.taskArn), []);
  });

  it("when the pause container dies, the task's containers are stopped and the task stops: its network is gone", async () => {
    const t2 = vpcTask(1);
    const started = await h.start(t2);
    assert.equal(started.at(-1)?.status, "RUNNING", h.log.join("\n"));
    const [pause] = await pauseOf(t2);
    execFileSync("docker", ["kill", pause!.id], { stdio: "ignore" });
    const stopped = await settle(accepted(t2, started));
    const last = stopped.at(-1);
    assert.equal(last?.status, "STOPPED");
    assert.equal(last?.reason, NETWORK_GONE_REASON);
    assert.deepEqual(new Set(last?.containers.map((c) => `${c.containerName}:${c.status}`)), new Set(["web:STOPPED", "client:STOPPED"]));
  });

  it("a start interrupted after the pause container was created resumes with that pause container", async () => {
    const t3 = vpcTask(2);
    const logged = h.log.length;
    // Given up as soon as the pause container has started: no task container is created.
    await h.start(t3, { wanted: () => !h.log.slice(logged).some((line) => line.includes("Started pause container")) });
    const observed = await client.containers(h.instanceArn, t3.taskArn);
    assert.deepEqual(observed.map((c) => c.containerName), [PAUSE_CONTAINER_NAME]);
    const [action] = plan([t3], observed, new Set(), []);
    assert.ok(action?.kind === "start");
    const resumed = await h.start(t3, { existing: action.existing });
    assert.equal(resumed.at(-1)?.status, "RUNNING", h.log.join("\n"));
    const [pause, ...more] = await pauseOf(t3);
    assert.equal(pause?.id, observed[0]!.id);
    assert.equal(more.length, 0);
    assert.equal((await h.container(t3, "web")).networkMode, `container:${pause!.id}`);
  });
});
