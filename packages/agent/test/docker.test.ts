/** docker.ts and docker-config.ts against the real Docker Engine. Traffic stays on 127.0.0.0/8. */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import Docker from "dockerode";
import { LABELS, type ContainerDefinition } from "@stevedore/shared";
import { DockerClient, dockerMessage } from "../src/docker.ts";
import { containerCreateOptions, ecsDockerName } from "../src/docker-config.ts";
import { startOrder } from "../src/plan.ts";
import { sleep } from "../src/sleep.ts";
import { ensureTestImage, TEST_IMAGE } from "./docker-image.ts";
import { CLUSTER_ARN, INSTANCE_ARN, TASK_ARN, task, taskDefinition } from "./fixtures.ts";

const MIB = 1024 * 1024;
const run = randomBytes(4).toString("hex");
const instanceArn = `${INSTANCE_ARN}-${run}`;
const taskArn = `${TASK_ARN}-${run}`;
const client = new DockerClient("/var/run/docker.sock");
const docker = new Docker({ socketPath: "/var/run/docker.sock" });

const defs: ContainerDefinition[] = [
  {
    name: "web",
    image: TEST_IMAGE,
    cpu: 256,
    memory: 64,
    memoryReservation: 32,
    command: ["/bin/busybox", "httpd", "-f", "-p", "8080", "-h", "/bin"],
    portMappings: [{ containerPort: 8080 }],
    links: ["cache"],
    dockerLabels: { team: "payments" },
  },
  { name: "cache", image: TEST_IMAGE, essential: false, stopTimeout: 1 },
];
const t = task({ taskArn, containers: [], taskDefinition: taskDefinition(defs) });
const dockerNames = Object.fromEntries(defs.map((d) => [d.name, ecsDockerName(t, d.name, `${run}${randomBytes(4).toString("hex")}`)]));

async function createTask(): Promise<void> {
  for (const def of startOrder(defs)) {
    const id = await client.create(
      containerCreateOptions(t, def, {
        clusterArn: CLUSTER_ARN,
        containerInstanceArn: instanceArn,
        dockerNames,
        volumes: {},
        metadata: { baseUrl: "http://127.0.0.1:9", token: `tok-${def.name}` },
      }),
    );
    await client.start(id);
  }
}

async function get(url: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await fetch(url)).status;
    } catch (err) {
      if (attempt > 20) throw err;
      await sleep(100);
    }
  }
}

describe("DockerClient with docker-config, on the real engine", () => {
  before(async () => {
    ensureTestImage();
    await createTask();
  });
  after(async () => {
    for (const c of await client.containers(instanceArn)) await client.remove(c.id);
  });

  it("finds the task's containers by this instance's label, with ECS's labels", async () => {
    const observed = await client.containers(instanceArn);
    assert.deepEqual(observed.map((c) => [c.containerName, c.state]).sort(), [
      ["cache", "running"],
      ["web", "running"],
    ]);
    const web = observed.find((c) => c.containerName === "web")!;
    assert.equal(web.taskArn, taskArn);
    assert.equal(web.dockerName, dockerNames.web);
    assert.deepEqual(
      Object.fromEntries(Object.entries(web.labels).filter(([k]) => k.startsWith("com.amazonaws.ecs.") || k.startsWith("stevedore.") || k === "team")),
      {
        team: "payments",
        [LABELS.cluster]: CLUSTER_ARN,
        [LABELS.taskArn]: taskArn,
        [LABELS.containerName]: "web",
        [LABELS.family]: "web",
        [LABELS.revision]: "3",
        [LABELS.containerInstanceArn]: instanceArn,
      },
    );
    assert.equal(web.metadataUri, "http://127.0.0.1:9/v4/tok-web");
    assert.deepEqual(await client.containers(`${instanceArn}-other`), []);
  });

  it("applies the memory limit, reservation, CPU shares and links", async () => {
    const web = (await client.containers(instanceArn)).find((c) => c.containerName === "web")!;
    const info = await docker.getContainer(web.id).inspect();
    assert.equal(info.HostConfig.Memory, 64 * MIB);
    assert.equal(info.HostConfig.MemoryReservation, 32 * MIB);
    assert.equal(info.HostConfig.CpuShares, 256);
    assert.equal(info.HostConfig.Privileged, false);
    assert.deepEqual(info.HostConfig.RestartPolicy, { Name: "no", MaximumRetryCount: 0 });
    assert.deepEqual(info.HostConfig.Links, [`/${dockerNames.cache}:/${dockerNames.web}/cache`]);
    assert.deepEqual(web.limits, { cpu: 256, memoryMiB: 64 });
    const cache = (await client.containers(instanceArn)).find((c) => c.containerName === "cache")!;
    assert.equal((await docker.getContainer(cache.id).inspect()).HostConfig.CpuShares, 2);
  });

  it("publishes the port on the task's 127.x address, on a dynamic host port", async () => {
    const web = (await client.containers(instanceArn)).find((c) => c.containerName === "web")!;
    assert.equal(web.networkBindings.length, 1);
    const [b] = web.networkBindings;
    assert.equal(b?.bindIP, "127.1.0.3");
    assert.equal(b?.containerPort, 8080);
    assert.equal(b?.protocol, "tcp");
    assert.ok(b && b.hostPort >= 1024, `dynamic host port, got ${b?.hostPort}`);
    assert.equal(await get(`http://127.1.0.3:${b!.hostPort}/no-such-file`), 404); // busybox httpd answers
  });

  it("stops with SIGKILL after stopTimeout, sees the exit code and the die event", async () => {
    const events: string[] = [];
    const abort = new AbortController();
    const watching = client.watchEvents(instanceArn, (e) => events.push(e.action), abort.signal);
    await sleep(300); // let the event stream attach
    const cache = (await client.containers(instanceArn)).find((c) => c.containerName === "cache")!;
    await client.stop(cache.id, 1); // busybox sleep as PID 1 ignores SIGTERM
    await client.stop(cache.id, 1); // stopping a stopped container is fine
    const stopped = await client.inspect(cache.id);
    assert.equal(stopped?.state, "exited");
    assert.equal(stopped?.exitCode, 137);
    assert.ok(stopped?.finishedAt);
    assert.deepEqual(stopped?.networkBindings, []);
    for (let i = 0; i < 20 && !events.includes("die"); i++) await sleep(100);
    assert.ok(events.includes("die"), `events: ${events.join(",")}`);
    abort.abort();
    await watching; // resolves once aborted
  });

  it("sees a container killed by the OOM killer", async () => {
    const def: ContainerDefinition = {
      name: "hog",
      image: TEST_IMAGE,
      memory: 8,
      command: ["/bin/busybox", "sh", "-c", "x=$(/bin/busybox head -c 64000000 /dev/zero | /bin/busybox tr '\\0' a); echo ${#x}"],
    };
    const hogTask = task({ taskArn, taskDefinition: taskDefinition([def]) });
    const id = await client.create(
      containerCreateOptions(hogTask, def, {
        clusterArn: CLUSTER_ARN,
        containerInstanceArn: instanceArn,
        dockerNames: { hog: ecsDockerName(hogTask, "hog", run) },
        volumes: {},
      }),
    );
    await client.start(id);
    let hog = await client.inspect(id);
    for (let i = 0; i < 100 && hog?.state !== "exited"; i++) {
      await sleep(100);
      hog = await client.inspect(id);
    }
    assert.equal(hog?.state, "exited");
    assert.equal(hog?.oomKilled, true);
    assert.equal(hog?.exitCode, 137);
  });

  it("removes containers, and a removed one is gone", async () => {
    const cache = (await client.containers(instanceArn)).find((c) => c.containerName === "cache")!;
    await client.remove(cache.id);
    await client.remove(cache.id); // already gone is fine
    assert.equal(await client.inspect(cache.id), undefined);
  });

  it("has the image it has, and reports Docker's own message when a pull fails", async () => {
    assert.equal(await client.ensureImage(TEST_IMAGE), false, "present: nothing to pull");
    await assert.rejects(client.ensureImage("127.0.0.1:1/stevedore/nothing:latest"), (err: Error) => {
      assert.match(dockerMessage(err), /^Get "http:\/\/127\.0\.0\.1:1\/v2\/": .*connection refused$/);
      return true;
    });
  });

  it("finds the bridge gateway", async () => {
    assert.match((await client.bridgeGateway()) ?? "", /^\d+\.\d+\.\d+\.\d+$/);
  });
});
