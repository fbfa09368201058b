import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LABELS, type AgentTask, type ContainerDefinition, type TaskDefinition } from "@stevedore/shared";
import { containerCreateOptions, dockerContainerName, type ContainerContext } from "../src/docker-config.ts";
import { CLUSTER_ARN, INSTANCE_ARN, TASK_ARN, task, taskDefinition } from "./fixtures.ts";

const MIB = 1024 * 1024;
const ctx: ContainerContext = {
  clusterArn: CLUSTER_ARN,
  containerInstanceArn: INSTANCE_ARN,
  dockerNames: { app: "ecs-web-3-app-aaaa", db: "ecs-web-3-db-bbbb" },
  metadata: { baseUrl: "http://172.17.0.1:41234", token: "tok-1" },
};

function optionsFor(def: ContainerDefinition, taskExtra: Partial<AgentTask> = {}, tdExtra: Partial<TaskDefinition> = {}) {
  const t = task({ taskDefinition: taskDefinition([def], tdExtra), ...taskExtra });
  return containerCreateOptions(t, def, ctx);
}

const app = (extra: Partial<ContainerDefinition> = {}): ContainerDefinition => ({ name: "app", image: "nginx:1.25", ...extra });

describe("containerCreateOptions: limits", () => {
  const table: {
    name: string;
    def: ContainerDefinition;
    taskExtra?: Partial<AgentTask>;
    td?: Partial<TaskDefinition>;
    expected: { Memory?: number; MemoryReservation?: number; CpuShares: number; NanoCpus?: number };
  }[] = [
    { name: "nothing set: the minimum 2 CPU shares, no memory limit", def: app(), expected: { CpuShares: 2 } },
    { name: "cpu 0 → 2 shares, as ECS does on Linux", def: app({ cpu: 0 }), expected: { CpuShares: 2 } },
    { name: "cpu 1 → 2 shares (1 is invalid on Linux)", def: app({ cpu: 1 }), expected: { CpuShares: 2 } },
    { name: "container cpu and hard memory", def: app({ cpu: 256, memory: 512 }), expected: { CpuShares: 256, Memory: 512 * MIB } },
    { name: "soft memory only", def: app({ memoryReservation: 128 }), expected: { CpuShares: 2, MemoryReservation: 128 * MIB } },
    {
      name: "task size: memory as the hard limit, cpu as NanoCpus",
      def: app(),
      td: { cpu: "512", memory: "1 GB" },
      expected: { CpuShares: 2, Memory: 1024 * MIB, NanoCpus: 0.5e9 },
    },
    {
      name: "the container's memory wins over the task's",
      def: app({ memory: 256 }),
      td: { memory: "1024" },
      expected: { CpuShares: 2, Memory: 256 * MIB },
    },
    {
      name: "the run's task size overrides the definition's",
      def: app(),
      taskExtra: { cpu: "2 vCPU", memory: "2048" },
      td: { cpu: "256", memory: "512" },
      expected: { CpuShares: 2, Memory: 2048 * MIB, NanoCpus: 2e9 },
    },
  ];
  for (const c of table) {
    it(c.name, () => {
      const host = optionsFor(c.def, c.taskExtra, c.td).HostConfig!;
      assert.deepEqual(
        { Memory: host.Memory, MemoryReservation: host.MemoryReservation, CpuShares: host.CpuShares, NanoCpus: host.NanoCpus },
        { Memory: undefined, MemoryReservation: undefined, NanoCpus: undefined, ...c.expected },
      );
    });
  }
});

describe("containerCreateOptions: ports and networks", () => {
  const mappings = [
    { containerPort: 80 },
    { containerPort: 443, hostPort: 8443 },
    { containerPort: 53, hostPort: 0, protocol: "udp" as const },
  ];

  it("bridge: binds on the task's address, hostPort or a dynamic one", () => {
    const o = optionsFor(app({ portMappings: mappings }));
    assert.equal(o.HostConfig?.NetworkMode, "bridge");
    assert.deepEqual(o.ExposedPorts, { "80/tcp": {}, "443/tcp": {}, "53/udp": {} });
    assert.deepEqual(o.HostConfig?.PortBindings, {
      "80/tcp": [{ HostIp: "127.1.0.3", HostPort: "" }],
      "443/tcp": [{ HostIp: "127.1.0.3", HostPort: "8443" }],
      "53/udp": [{ HostIp: "127.1.0.3", HostPort: "" }],
    });
  });

  it("awsvpc: same bridge, each port published as itself on the task's own address", () => {
    const o = optionsFor(app({ portMappings: mappings }), { bindIP: "127.2.0.9" }, { networkMode: "awsvpc" });
    assert.equal(o.HostConfig?.NetworkMode, "bridge");
    assert.deepEqual(o.HostConfig?.PortBindings, {
      "80/tcp": [{ HostIp: "127.2.0.9", HostPort: "80" }],
      "443/tcp": [{ HostIp: "127.2.0.9", HostPort: "443" }],
      "53/udp": [{ HostIp: "127.2.0.9", HostPort: "53" }],
    });
    assert.equal(o.HostConfig?.Links, undefined);
  });

  it("none: no network, no ports", () => {
    const o = optionsFor(app({ portMappings: mappings }), {}, { networkMode: "none" });
    assert.equal(o.HostConfig?.NetworkMode, "none");
    assert.deepEqual(o.ExposedPorts, {});
    assert.deepEqual(o.HostConfig?.PortBindings, {});
  });

  it("bridge links point at the Docker names of the task's containers", () => {
    const o = optionsFor(app({ links: ["db", "db:database", "missing"] }));
    assert.deepEqual(o.HostConfig?.Links, ["ecs-web-3-db-bbbb:db", "ecs-web-3-db-bbbb:database"]);
  });
});

describe("containerCreateOptions: identity, labels and environment", () => {
  it("names and labels the container as the ECS agent does; the definition's labels cannot replace them", () => {
    const o = optionsFor(app({ dockerLabels: { team: "payments", [LABELS.taskArn]: "forged" } }));
    assert.equal(o.name, "ecs-web-3-app-aaaa");
    assert.equal(o.Image, "nginx:1.25");
    assert.deepEqual(o.Labels, {
      team: "payments",
      [LABELS.cluster]: CLUSTER_ARN,
      [LABELS.taskArn]: TASK_ARN,
      [LABELS.containerName]: "app",
      [LABELS.family]: "web",
      [LABELS.revision]: "3",
      [LABELS.containerInstanceArn]: INSTANCE_ARN,
    });
  });

  it("environment: the definition's, then the overrides', then the metadata endpoint", () => {
    const def = app({
      environment: [
        { name: "A", value: "1" },
        { name: "B", value: "2" },
      ],
    });
    const o = optionsFor(def, {
      containerOverrides: [
        { name: "other", environment: [{ name: "A", value: "not me" }] },
        { name: "app", environment: [{ name: "B", value: "two" }, { name: "C", value: "3" }] },
      ],
    });
    assert.deepEqual(o.Env, [
      "AWS_EXECUTION_ENV=AWS_ECS_EC2",
      "A=1",
      "B=two",
      "C=3",
      "ECS_CONTAINER_METADATA_URI_V4=http://172.17.0.1:41234/v4/tok-1",
      "ECS_CONTAINER_METADATA_URI=http://172.17.0.1:41234/v3/tok-1",
    ]);
  });

  it("no metadata server: no metadata variables", () => {
    const t = task({ taskDefinition: taskDefinition([app()]) });
    const o = containerCreateOptions(t, app(), { ...ctx, metadata: undefined });
    assert.deepEqual(o.Env, ["AWS_EXECUTION_ENV=AWS_ECS_EC2"]);
  });

  it("overrides replace the command and the container's cpu and memory", () => {
    const o = optionsFor(app({ command: ["nginx", "-g", "daemon off;"], cpu: 128, memory: 256, memoryReservation: 64 }), {
      containerOverrides: [{ name: "app", command: ["sh", "-c", "echo hi"], cpu: 512, memory: 1024, memoryReservation: 512 }],
    });
    assert.deepEqual(o.Cmd, ["sh", "-c", "echo hi"]);
    assert.equal(o.HostConfig?.CpuShares, 512);
    assert.equal(o.HostConfig?.Memory, 1024 * MIB);
    assert.equal(o.HostConfig?.MemoryReservation, 512 * MIB);
  });
});

describe("containerCreateOptions: the rest of the definition", () => {
  it("maps each field to Docker's and never runs privileged or restarts", () => {
    const o = optionsFor(
      app({
        entryPoint: ["/docker-entrypoint.sh"],
        command: ["nginx"],
        workingDirectory: "/srv",
        user: "101:101",
        hostname: "web-1",
        extraHosts: [{ hostname: "db.local", ipAddress: "127.0.0.9" }],
        dnsServers: ["127.0.0.53"],
        dnsSearchDomains: ["corp.example"],
        ulimits: [{ name: "nofile", softLimit: 1024, hardLimit: 4096 }],
        readonlyRootFilesystem: true,
        privileged: true,
        stopTimeout: 12,
        healthCheck: { command: ["CMD-SHELL", "true"], interval: 10 },
      }),
    );
    assert.deepEqual(o.Entrypoint, ["/docker-entrypoint.sh"]);
    assert.deepEqual(o.Cmd, ["nginx"]);
    assert.equal(o.WorkingDir, "/srv");
    assert.equal(o.User, "101:101");
    assert.equal(o.Hostname, "web-1");
    assert.equal(o.StopTimeout, 12);
    assert.deepEqual(o.Healthcheck, { Test: ["CMD-SHELL", "true"], Interval: 10e9, Timeout: 5e9, Retries: 3, StartPeriod: 0 });
    const host = o.HostConfig!;
    assert.deepEqual(host.ExtraHosts, ["db.local:127.0.0.9"]);
    assert.deepEqual(host.Dns, ["127.0.0.53"]);
    assert.deepEqual(host.DnsSearch, ["corp.example"]);
    assert.deepEqual(host.Ulimits, [{ Name: "nofile", Soft: 1024, Hard: 4096 }]);
    assert.equal(host.ReadonlyRootfs, true);
    assert.equal(host.Privileged, false);
    assert.deepEqual(host.RestartPolicy, { Name: "no" });
    assert.equal(host.AutoRemove, false);
  });

  it("stopTimeout defaults to ECS's 30 seconds", () => {
    assert.equal(optionsFor(app()).StopTimeout, 30);
  });
});

describe("dockerContainerName", () => {
  it("is ecs-<family>-<revision>-<container>-<suffix> in Docker's charset", () => {
    const t = task({ taskDefinition: taskDefinition([app()], { family: "my_svc" }) });
    assert.equal(dockerContainerName(t, "app", "c0ffee"), "ecs-my_svc-3-app-c0ffee");
    assert.equal(dockerContainerName(t, "web server", "c0ffee"), "ecs-my_svc-3-web-server-c0ffee");
  });
});
