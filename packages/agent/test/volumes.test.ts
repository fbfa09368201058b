/**
 * Task volumes on the real Docker Engine: bind mounts of host paths (a temporary folder), a task-scoped
 * volume two containers share through mountPoints and a third through volumesFrom, shared volumes, and
 * the task's volumes removed with its containers when the task is gone.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { LABELS, type AgentTask, type ContainerDefinition, type TaskDefinition } from "@stevedore/shared";
import { runContainerAction } from "../src/container-actions.ts";
import { createLogger } from "../src/log.ts";
import { plan } from "../src/plan.ts";
import { sharedVolumeDockerName, TASK_VOLUME_LABEL } from "../src/volume-config.ts";
import { ensureTestImage, TEST_IMAGE } from "./docker-image.ts";
import { client, Harness, inspect, output, sh, until } from "./docker-harness.ts";

const h = new Harness();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-volumes-"));
const sharedName = `stevedore-test-shared-${h.run}`;
/** Shared volumes live in the instance's own space of Docker names. */
const sharedDockerName = () => sharedVolumeDockerName(h.instanceArn, sharedName);
const volumeExists = (name: string) => client.volumeExists(name);

const volumes: TaskDefinition["volumes"] = [
  { name: "config", host: { sourcePath: path.join(dir, "config") } },
  { name: "out", host: { sourcePath: path.join(dir, "out") } },
  { name: "scratch", dockerVolumeConfiguration: { scope: "task", driver: "local", labels: { purpose: "test" } } },
  { name: sharedName, dockerVolumeConfiguration: { scope: "shared", autoprovision: true, labels: { run: h.run } } },
  { name: "unused" },
];
const defs: ContainerDefinition[] = [
  {
    name: "writer",
    image: TEST_IMAGE,
    essential: false,
    mountPoints: [
      { sourceVolume: "config", containerPath: "/config", readOnly: true },
      { sourceVolume: "out", containerPath: "/out" },
      { sourceVolume: "scratch", containerPath: "/data" },
    ],
    command: sh("cat /config/hello.txt > /data/copy && (touch /config/x 2>/dev/null && echo rw || echo ro) > /data/config-mode && echo written > /out/result"),
  },
  {
    name: "reader",
    image: TEST_IMAGE,
    stopTimeout: 1, // busybox sh as PID 1 ignores SIGTERM
    dependsOn: [{ containerName: "writer", condition: "SUCCESS" }],
    mountPoints: [
      { sourceVolume: "scratch", containerPath: "/shared" },
      { sourceVolume: sharedName, containerPath: "/cache" },
    ],
    command: sh("cat /shared/copy /shared/config-mode; echo kept > /cache/file; sleep 3600"),
  },
  {
    name: "borrower",
    image: TEST_IMAGE,
    stopTimeout: 1,
    essential: false,
    volumesFrom: [{ sourceContainer: "reader", readOnly: true }],
    command: sh("cat /shared/copy; (touch /shared/y 2>/dev/null && echo rw || echo ro); sleep 3600"),
  },
];

describe("task volumes on the real engine", () => {
  let t: AgentTask;

  before(() => {
    ensureTestImage();
    fs.mkdirSync(path.join(dir, "config"));
    fs.writeFileSync(path.join(dir, "config", "hello.txt"), "hello from the host\n");
    t = h.task(defs, { volumes });
  });
  after(async () => {
    await h.cleanup();
    await client.removeVolume(sharedDockerName());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("starts the task with its volumes", async () => {
    const reports = await h.start(t);
    assert.equal(reports.at(-1)?.status, "RUNNING", h.log.join("\n"));
  });

  it("binds host paths, read-only when asked; the container writes where it may", async () => {
    const writer = await h.container(t, "writer");
    assert.equal(writer.exitCode, 0, output(writer.id));
    assert.equal(fs.readFileSync(path.join(dir, "out", "result"), "utf8"), "written\n");
    assert.equal(fs.existsSync(path.join(dir, "config", "x")), false);
    assert.ok(inspect(writer.id).HostConfig.Binds.includes(`${path.join(dir, "config")}:/config:ro`));
  });

  it("shares a task-scoped volume between containers through mountPoints, and volumesFrom read-only", async () => {
    const reader = await h.container(t, "reader");
    const borrower = await h.container(t, "borrower");
    await until("both to print", async () => output(reader.id).includes("ro") && output(borrower.id).includes("ro"));
    assert.equal(output(reader.id), "hello from the host\nro\n");
    assert.equal(output(borrower.id), "hello from the host\nro\n");
    assert.deepEqual(inspect(borrower.id).HostConfig.VolumesFrom, [`${reader.dockerName}:ro`]);
  });

  it("names the task's volume as ECS does and labels it; volumes no container mounts are not created", async () => {
    const taskVolumes = await client.taskVolumes(h.instanceArn, t.taskArn);
    assert.equal(taskVolumes.length, 1);
    const [scratch] = taskVolumes;
    assert.match(scratch!.name, /^ecs-web-3-scratch-[0-9a-f]{20}$/);
    const info = JSON.parse(execFileSync("docker", ["volume", "inspect", scratch!.name], { encoding: "utf8" }))[0];
    assert.equal(info.Driver, "local");
    assert.deepEqual(info.Labels, {
      purpose: "test",
      [LABELS.cluster]: "arn:aws:ecs:us-east-1:123456789012:cluster/demo",
      [LABELS.taskArn]: t.taskArn,
      [LABELS.containerInstanceArn]: h.instanceArn,
      [TASK_VOLUME_LABEL]: "scratch",
    });
    const reader = inspect((await h.container(t, "reader")).id);
    assert.ok(reader.Mounts.some((m: { Name?: string; Destination: string }) => m.Name === scratch!.name && m.Destination === "/shared"));
  });

  it("creates an autoprovisioned shared volume under its name in the instance's own space, never reaching the host's other volumes", async () => {
    const reader = inspect((await h.container(t, "reader")).id);
    assert.ok(reader.Mounts.some((m: { Name?: string; Destination: string }) => m.Name === sharedDockerName() && m.Destination === "/cache"));
    assert.equal(await volumeExists(sharedName), false);
    const info = JSON.parse(execFileSync("docker", ["volume", "inspect", sharedDockerName()], { encoding: "utf8" }))[0];
    assert.deepEqual(info.Labels, { run: h.run });
  });

  it("fails the start of a task whose shared volume does not exist without autoprovision, on the container that mounts it", async () => {
    const missing = `stevedore-test-missing-${h.run}`;
    const failing = h.task([{ name: "app", image: TEST_IMAGE, mountPoints: [{ sourceVolume: missing, containerPath: "/m" }] }], {
      volumes: [{ name: missing, dockerVolumeConfiguration: { scope: "shared" } }],
    });
    const last = (await h.start(failing)).at(-1);
    assert.equal(last?.status, "STOPPED");
    assert.equal(last?.reason, "Task failed to start");
    assert.deepEqual(last?.containers, [
      { containerName: "app", status: "STOPPED", reason: `CannotCreateContainerError: volume '${missing}' does not exist and autoprovision is set to false` },
    ]);
    assert.equal(await volumeExists(missing), false);
  });

  it("removes the task's containers and its task-scoped volume once the server no longer lists the task; host paths and shared volumes stay", async () => {
    const [scratch] = await client.taskVolumes(h.instanceArn, t.taskArn);
    const observed = await client.containers(h.instanceArn, t.taskArn);
    const actions = plan([], observed, new Set(), await client.taskVolumes(h.instanceArn, t.taskArn));
    assert.deepEqual(actions, [{ kind: "remove", taskArn: t.taskArn, containerIds: observed.map((c) => c.id), pauseContainerIds: [], volumes: [scratch!.name] }]);
    await runContainerAction(client, createLogger(() => {}), actions[0] as Extract<(typeof actions)[number], { kind: "remove" }>);
    assert.deepEqual(await client.containers(h.instanceArn, t.taskArn), []);
    assert.equal(await volumeExists(scratch!.name), false);
    assert.equal(await volumeExists(sharedDockerName()), true);
    assert.equal(fs.readFileSync(path.join(dir, "out", "result"), "utf8"), "written\n");
  });
});
