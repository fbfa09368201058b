import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { MetadataServer } from "../src/metadata-server.ts";
import { PAUSE_CONTAINER_NAME } from "../src/plan.ts";
import { containerMetadata, taskMetadata } from "../src/task-metadata.ts";
import { CLUSTER_ARN, TASK_ARN, container, task, taskDefinition } from "./fixtures.ts";

const binding = { bindIP: "127.1.0.3", containerPort: 80, hostPort: 32768, protocol: "tcp" as const };
const app = container("app", "running", {
  startedAt: "2024-01-01T00:00:01.000Z",
  labels: { "com.amazonaws.ecs.container-name": "app" },
  networkBindings: [binding],
  limits: { cpu: 256, memoryMiB: 512 },
});

describe("task metadata v4", () => {
  it("describes a container as ECS does", () => {
    assert.deepEqual(containerMetadata(task({ lastStatus: "RUNNING" }), app), {
      DockerId: "id-app",
      Name: "app",
      DockerName: "ecs-web-3-app-abc",
      Image: "nginx:latest",
      ImageID: "sha256:1234",
      Ports: [{ ContainerPort: 80, Protocol: "tcp", HostPort: 32768, HostIp: "127.1.0.3" }],
      Labels: { "com.amazonaws.ecs.container-name": "app" },
      DesiredStatus: "RUNNING",
      KnownStatus: "RUNNING",
      Limits: { CPU: 256, Memory: 512 },
      CreatedAt: "2024-01-01T00:00:00.000Z",
      StartedAt: "2024-01-01T00:00:01.000Z",
      Type: "NORMAL",
      Networks: [{ NetworkMode: "bridge", IPv4Addresses: ["172.17.0.5"] }],
    });
  });

  it("gives an awsvpc container the task's own address", () => {
    const t = task({ bindIP: "127.2.0.7", taskDefinition: taskDefinition([{ name: "app", image: "x" }], { networkMode: "awsvpc" }) });
    assert.deepEqual(containerMetadata(t, app).Networks, [{ NetworkMode: "awsvpc", IPv4Addresses: ["127.2.0.7"] }]);
  });

  it("leaves an awsvpc task's pause container out; a container's ports are those the pause container publishes for it", () => {
    const defs = [
      { name: "app", image: "x", portMappings: [{ containerPort: 80 }] },
      { name: "proxy", image: "y", portMappings: [{ containerPort: 9901 }] },
    ];
    const t = task({ bindIP: "127.2.0.7", taskDefinition: taskDefinition(defs, { networkMode: "awsvpc" }) });
    const own = (port: number) => ({ bindIP: "127.2.0.7", containerPort: port, hostPort: port, protocol: "tcp" as const });
    const pause = container(PAUSE_CONTAINER_NAME, "running", { id: "id-pause", networkBindings: [own(80), own(9901)] });
    const joined = (name: string) => container(name, "running", { networkMode: "container:id-pause", ipv4Addresses: [] });
    const meta = taskMetadata(t, [pause, joined("app"), joined("proxy")], { clusterArn: CLUSTER_ARN, availabilityZone: "us-east-1a" });
    assert.deepEqual(
      meta.Containers.map((c) => [c.Name, c.Ports, c.Networks]),
      [
        ["app", [{ ContainerPort: 80, Protocol: "tcp", HostPort: 80, HostIp: "127.2.0.7" }], [{ NetworkMode: "awsvpc", IPv4Addresses: ["127.2.0.7"] }]],
        ["proxy", [{ ContainerPort: 9901, Protocol: "tcp", HostPort: 9901, HostIp: "127.2.0.7" }], [{ NetworkMode: "awsvpc", IPv4Addresses: ["127.2.0.7"] }]],
      ],
    );
  });

  it("describes the task with its size in vCPU and MiB, pull times and service", () => {
    const t = task({
      lastStatus: "RUNNING",
      group: "service:web-svc",
      taskDefinition: taskDefinition([{ name: "app", image: "x" }], { cpu: "512", memory: "1 GB" }),
    });
    const meta = taskMetadata(t, [app, container("sidecar", "exited", { exitCode: 2 })], {
      clusterArn: CLUSTER_ARN,
      availabilityZone: "us-east-1a",
      pullStartedAt: 1_700_000_000,
      pullStoppedAt: 1_700_000_002.5,
    });
    assert.equal(meta.Cluster, CLUSTER_ARN);
    assert.equal(meta.TaskARN, TASK_ARN);
    assert.equal(meta.Family, "web");
    assert.equal(meta.Revision, "3");
    assert.equal(meta.ServiceName, "web-svc");
    assert.equal(meta.KnownStatus, "RUNNING");
    assert.deepEqual(meta.Limits, { CPU: 0.5, Memory: 1024 });
    assert.equal(meta.PullStartedAt, "2023-11-14T22:13:20.000Z");
    assert.equal(meta.PullStoppedAt, "2023-11-14T22:13:22.500Z");
    assert.equal(meta.LaunchType, "EC2");
    assert.equal(meta.AvailabilityZone, "us-east-1a");
    assert.deepEqual(
      meta.Containers.map((c) => [c.Name, c.KnownStatus, c.ExitCode]),
      [
        ["app", "RUNNING", undefined],
        ["sidecar", "STOPPED", 2],
      ],
    );
  });

  it("says a Fargate task is one, in its own zone", () => {
    const t = task({ launchType: "FARGATE", availabilityZone: "us-east-1c", taskDefinition: taskDefinition([{ name: "app", image: "x" }]) });
    const meta = taskMetadata(t, [app], { clusterArn: CLUSTER_ARN, availabilityZone: "us-east-1c" });
    assert.equal(meta.LaunchType, "FARGATE");
    assert.equal(meta.AvailabilityZone, "us-east-1c");
  });
});

describe("MetadataServer", () => {
  const servers: MetadataServer[] = [];
  after(() => Promise.all(servers.map((s) => s.close())));

  it("answers a registered token's container at /v4/<token>, its task at /task, and 404 otherwise", async () => {
    const server = await MetadataServer.listen("127.0.0.1");
    servers.push(server);
    server.register("tok-a", async (token) => ({ container: { Name: token }, task: { TaskARN: TASK_ARN } }));
    server.register("tok-gone", async () => undefined);

    const get = async (path: string) => {
      const res = await fetch(`${server.baseUrl}${path}`);
      return { status: res.status, body: await res.json() };
    };
    assert.deepEqual(await get("/v4/tok-a"), { status: 200, body: { Name: "tok-a" } });
    assert.deepEqual(await get("/v4/tok-a/task"), { status: 200, body: { TaskARN: TASK_ARN } });
    assert.deepEqual(await get("/v3/tok-a/task"), { status: 200, body: { TaskARN: TASK_ARN } });
    assert.equal((await get("/v4/unknown")).status, 404);
    assert.equal((await get("/v4/tok-gone")).status, 404);
    server.unregister("tok-a");
    assert.equal((await get("/v4/tok-a")).status, 404);
  });

  it("takes the preferred port when free, any port when not", async () => {
    const first = await MetadataServer.listen("127.0.0.1");
    servers.push(first);
    const port = Number(new URL(first.baseUrl).port);
    const second = await MetadataServer.listen("127.0.0.1", port);
    servers.push(second);
    assert.notEqual(new URL(second.baseUrl).port, String(port));
    await first.close();
    const third = await MetadataServer.listen("127.0.0.1", port);
    servers.push(third);
    assert.equal(third.baseUrl, `http://127.0.0.1:${port}`);
  });
});
