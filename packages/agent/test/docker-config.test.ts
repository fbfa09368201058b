import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LABELS, type AgentTask, type ContainerDefinition, type TaskDefinition } from "@stevedore/shared";
import type Docker from "dockerode";
import { containerCreateOptions, ecsDockerName, pauseContainerCreateOptions, type ContainerContext } from "../src/docker-config.ts";
import { PAUSE_ENTRYPOINT, PAUSE_IMAGE } from "../src/pause-image.ts";
import { TASK_VOLUME_LABEL, taskVolumeOptions, volumeSpecs, type TaskVolumeSpec, type VolumeSpec } from "../src/volume-config.ts";
import { CLUSTER_ARN, INSTANCE_ARN, TASK_ARN, task, taskDefinition } from "./fixtures.ts";

const MIB = 1024 * 1024;
const ctx: ContainerContext = {
  clusterArn: CLUSTER_ARN,
  containerInstanceArn: INSTANCE_ARN,
  dockerNames: { app: "ecs-web-3-app-aaaa", db: "ecs-web-3-db-bbbb" },
  volumes: { data: "ecs-web-3-data-cccc", config: "/srv/stevedore/config" },
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

  it("awsvpc: the pause container's network, and nothing Docker refuses with it (hostname, ports, links, DNS, extra hosts)", () => {
    const def = app({
      portMappings: mappings,
      hostname: "web-1",
      links: ["db"],
      dnsServers: ["127.0.0.53"],
      dnsSearchDomains: ["corp.example"],
      extraHosts: [{ hostname: "db.local", ipAddress: "127.0.0.9" }],
    });
    const t = task({ bindIP: "127.2.0.9", taskDefinition: taskDefinition([def], { networkMode: "awsvpc" }) });
    const o = containerCreateOptions(t, def, { ...ctx, pauseContainerId: "pause-id" });
    assert.equal(o.HostConfig?.NetworkMode, "container:pause-id");
    for (const key of ["Hostname", "ExposedPorts", "MacAddress"] as const) assert.equal(o[key], undefined, key);
    for (const key of ["PortBindings", "PublishAllPorts", "Links", "Dns", "DnsSearch", "ExtraHosts"] as const) assert.equal(o.HostConfig?.[key], undefined, key);
    assert.throws(() => containerCreateOptions(t, def, ctx), /no pause container/);
  });

  it("awsvpc pause container: every port of every container published as itself on the task's own address", () => {
    const web = app({ portMappings: mappings });
    const proxy: ContainerDefinition = { name: "proxy", image: "envoy", portMappings: [{ containerPort: 9901 }] };
    const t = task({ bindIP: "127.2.0.9", taskDefinition: taskDefinition([web, proxy, { name: "worker", image: "busybox" }], { networkMode: "awsvpc" }) });
    const o = pauseContainerCreateOptions(t, { clusterArn: CLUSTER_ARN, containerInstanceArn: INSTANCE_ARN, dockerName: "ecs-web-3-internal-ecs-pause-dddd" });
    assert.equal(o.name, "ecs-web-3-internal-ecs-pause-dddd");
    assert.equal(o.Image, PAUSE_IMAGE);
    assert.deepEqual(o.Entrypoint, PAUSE_ENTRYPOINT);
    assert.equal(o.Cmd, undefined);
    assert.equal(o.HostConfig?.NetworkMode, "bridge");
    assert.deepEqual(o.ExposedPorts, { "80/tcp": {}, "443/tcp": {}, "53/udp": {}, "9901/tcp": {} });
    assert.deepEqual(o.HostConfig?.PortBindings, {
      "80/tcp": [{ HostIp: "127.2.0.9", HostPort: "80" }],
      "443/tcp": [{ HostIp: "127.2.0.9", HostPort: "443" }],
      "53/udp": [{ HostIp: "127.2.0.9", HostPort: "53" }],
      "9901/tcp": [{ HostIp: "127.2.0.9", HostPort: "9901" }],
    });
    assert.deepEqual(o.Labels, {
      [LABELS.cluster]: CLUSTER_ARN,
      [LABELS.taskArn]: TASK_ARN,
      [LABELS.containerName]: "~internal~ecs~pause",
      [LABELS.family]: "web",
      [LABELS.revision]: "3",
      [LABELS.containerInstanceArn]: INSTANCE_ARN,
    });
    assert.equal(o.StopTimeout, 2);
    assert.deepEqual(o.HostConfig?.RestartPolicy, { Name: "no" });
    assert.equal(o.HostConfig?.Privileged, false);
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

  it("a Fargate task's containers say they run on Fargate, as SDKs read it", () => {
    const t = task({ launchType: "FARGATE", taskDefinition: taskDefinition([app()]) });
    const o = containerCreateOptions(t, app(), { ...ctx, metadata: undefined });
    assert.deepEqual(o.Env, ["AWS_EXECUTION_ENV=AWS_ECS_FARGATE"]);
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

describe("containerCreateOptions: field by field", () => {
  type Expected = Omit<Partial<Docker.ContainerCreateOptions>, "HostConfig"> & { HostConfig?: Partial<Docker.HostConfig> };
  /** `def` is the container mapped; `before` and `after` the task's other containers, in definition order. */
  const table: {
    field: string;
    def: ContainerDefinition;
    before?: ContainerDefinition[];
    after?: ContainerDefinition[];
    td?: Partial<TaskDefinition>;
    expected: Expected;
  }[] = [
    { field: "entryPoint", def: app({ entryPoint: ["/docker-entrypoint.sh"] }), expected: { Entrypoint: ["/docker-entrypoint.sh"] } },
    { field: "command", def: app({ command: ["nginx"] }), expected: { Cmd: ["nginx"] } },
    { field: "workingDirectory", def: app({ workingDirectory: "/srv" }), expected: { WorkingDir: "/srv" } },
    { field: "user", def: app({ user: "101:101" }), expected: { User: "101:101" } },
    { field: "hostname", def: app({ hostname: "web-1" }), expected: { Hostname: "web-1" } },
    { field: "pseudoTerminal", def: app({ pseudoTerminal: true }), expected: { Tty: true } },
    { field: "interactive", def: app({ interactive: true }), expected: { OpenStdin: true } },
    { field: "disableNetworking", def: app({ disableNetworking: true }), expected: { NetworkDisabled: true } },
    { field: "stopTimeout", def: app({ stopTimeout: 12 }), expected: { StopTimeout: 12 } },
    { field: "stopTimeout: ECS's default 30 s", def: app(), expected: { StopTimeout: 30 } },
    {
      field: "healthCheck: CMD-SHELL as ECS passes it, ECS's defaults in nanoseconds",
      def: app({ healthCheck: { command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"] } }),
      expected: { Healthcheck: { Test: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], Interval: 30e9, Timeout: 5e9, Retries: 3, StartPeriod: 0 } },
    },
    {
      field: "healthCheck: CMD with every setting",
      def: app({ healthCheck: { command: ["CMD", "/bin/check", "--quick"], interval: 1, timeout: 2, retries: 1, startPeriod: 10 } }),
      expected: { Healthcheck: { Test: ["CMD", "/bin/check", "--quick"], Interval: 1e9, Timeout: 2e9, Retries: 1, StartPeriod: 10e9 } },
    },
    { field: "no healthCheck: the image's own", def: app(), expected: { Healthcheck: undefined } },
    { field: "extraHosts", def: app({ extraHosts: [{ hostname: "db.local", ipAddress: "127.0.0.9" }] }), expected: { HostConfig: { ExtraHosts: ["db.local:127.0.0.9"] } } },
    { field: "dnsServers", def: app({ dnsServers: ["127.0.0.53"] }), expected: { HostConfig: { Dns: ["127.0.0.53"] } } },
    { field: "dnsSearchDomains", def: app({ dnsSearchDomains: ["corp.example"] }), expected: { HostConfig: { DnsSearch: ["corp.example"] } } },
    {
      field: "ulimits",
      def: app({ ulimits: [{ name: "nofile", softLimit: 1024, hardLimit: 4096 }] }),
      expected: { HostConfig: { Ulimits: [{ Name: "nofile", Soft: 1024, Hard: 4096 }] } },
    },
    { field: "readonlyRootFilesystem", def: app({ readonlyRootFilesystem: true }), expected: { HostConfig: { ReadonlyRootfs: true } } },
    {
      field: "dockerSecurityOptions",
      def: app({ dockerSecurityOptions: ["no-new-privileges", "apparmor:docker-default"] }),
      expected: { HostConfig: { SecurityOpt: ["no-new-privileges", "apparmor:docker-default"] } },
    },
    {
      field: "systemControls",
      def: app({ systemControls: [{ namespace: "net.core.somaxconn", value: "1024" }, { value: "no namespace: skipped" }] }),
      expected: { HostConfig: { Sysctls: { "net.core.somaxconn": "1024" } } },
    },
    {
      field: "privileged as the definition says (the safety policy decided before), never Docker restarts",
      def: app({ privileged: true, restartPolicy: { enabled: true } }),
      expected: { HostConfig: { Privileged: true, RestartPolicy: { Name: "no" }, AutoRemove: false } },
    },
    {
      field: "logConfiguration: the engine keeps json-file, the server honours the driver",
      def: app({ logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/web" } } }),
      expected: { HostConfig: { LogConfig: { Type: "json-file", Config: { "max-size": "10m", "max-file": "3" } }, PidsLimit: 4096 } },
    },
    {
      field: "mountPoints: host paths and Docker volumes, read-only or not",
      def: app({
        mountPoints: [
          { sourceVolume: "data", containerPath: "/var/lib/data" },
          { sourceVolume: "config", containerPath: "/etc/app", readOnly: true },
          { sourceVolume: "undefined-volume", containerPath: "/x" },
        ],
      }),
      expected: { HostConfig: { Binds: ["ecs-web-3-data-cccc:/var/lib/data", "/srv/stevedore/config:/etc/app:ro"] } },
    },
    {
      field: "volumesFrom: the task's container by its Docker name",
      def: app({ volumesFrom: [{ sourceContainer: "db", readOnly: true }, { sourceContainer: "db" }, { sourceContainer: "elsewhere" }] }),
      expected: { HostConfig: { VolumesFrom: ["ecs-web-3-db-bbbb:ro", "ecs-web-3-db-bbbb:rw"] } },
    },
    {
      field: "linuxParameters.capabilities",
      def: app({ linuxParameters: { capabilities: { add: ["NET_ADMIN"], drop: ["ALL"] } } }),
      expected: { HostConfig: { CapAdd: ["NET_ADMIN"], CapDrop: ["ALL"] } },
    },
    { field: "linuxParameters.initProcessEnabled", def: app({ linuxParameters: { initProcessEnabled: true } }), expected: { HostConfig: { Init: true } } },
    { field: "linuxParameters.sharedMemorySize (MiB)", def: app({ linuxParameters: { sharedMemorySize: 128 } }), expected: { HostConfig: { ShmSize: 128 * MIB } } },
    {
      field: "linuxParameters.tmpfs: size in MiB after the mount options",
      def: app({ linuxParameters: { tmpfs: [{ containerPath: "/run", size: 64, mountOptions: ["noexec", "nosuid"] }, { containerPath: "/tmp", size: 16 }] } }),
      expected: { HostConfig: { Tmpfs: { "/run": "noexec,nosuid,size=64m", "/tmp": "size=16m" } } },
    },
    {
      field: "linuxParameters.devices: permissions as cgroup letters, all of them by default",
      def: app({
        linuxParameters: {
          devices: [{ hostPath: "/dev/fuse" }, { hostPath: "/dev/net/tun", containerPath: "/dev/tun", permissions: ["read", "write"] }],
        },
      }),
      expected: {
        HostConfig: {
          Devices: [
            { PathOnHost: "/dev/fuse", PathInContainer: "/dev/fuse", CgroupPermissions: "rwm" },
            { PathOnHost: "/dev/net/tun", PathInContainer: "/dev/tun", CgroupPermissions: "rw" },
          ],
        },
      },
    },
    {
      field: "linuxParameters.maxSwap: added to the memory limit; swappiness 60 unless set",
      def: app({ memory: 256, linuxParameters: { maxSwap: 512 } }),
      expected: { HostConfig: { MemorySwap: 768 * MIB, MemorySwappiness: 60 } },
    },
    {
      field: "linuxParameters.maxSwap 0: no swap; swappiness as set",
      def: app({ memory: 256, linuxParameters: { maxSwap: 0, swappiness: 10 } }),
      expected: { HostConfig: { MemorySwap: 256 * MIB, MemorySwappiness: 10 } },
    },
    {
      field: "linuxParameters.swappiness without maxSwap, or maxSwap without a memory limit: the instance's swap",
      def: app({ memoryReservation: 64, linuxParameters: { swappiness: 10 } }),
      expected: { HostConfig: { MemorySwap: undefined, MemorySwappiness: undefined } },
    },
    {
      field: "pidMode task, first container started: a PID namespace of its own",
      def: app(),
      after: [{ name: "db", image: "busybox" }],
      td: { pidMode: "task" },
      expected: { HostConfig: { PidMode: undefined } },
    },
    {
      field: "pidMode task, another container: joins the first one's",
      def: { name: "db", image: "busybox" },
      before: [app()],
      td: { pidMode: "task" },
      expected: { HostConfig: { PidMode: "container:ecs-web-3-app-aaaa" } },
    },
    {
      field: "pidMode task: the first is the first to start (dependsOn)",
      def: app({ dependsOn: [{ containerName: "db", condition: "START" }] }),
      after: [{ name: "db", image: "busybox" }],
      td: { pidMode: "task" },
      expected: { HostConfig: { PidMode: "container:ecs-web-3-db-bbbb" } },
    },
    {
      field: "ipcMode task, first container: shareable",
      def: app(),
      after: [{ name: "db", image: "busybox" }],
      td: { ipcMode: "task" },
      expected: { HostConfig: { IpcMode: "shareable" } },
    },
    {
      field: "ipcMode task, another container: joins the first one's",
      def: { name: "db", image: "busybox" },
      before: [app()],
      td: { ipcMode: "task" },
      expected: { HostConfig: { IpcMode: "container:ecs-web-3-app-aaaa" } },
    },
    { field: "pidMode host passes through", def: app(), td: { pidMode: "host" }, expected: { HostConfig: { PidMode: "host" } } },
    { field: "ipcMode none passes through", def: app(), td: { ipcMode: "none" }, expected: { HostConfig: { IpcMode: "none" } } },
    {
      field: "environmentFiles, secrets, repositoryCredentials: nothing (they need AWS; the server marks them)",
      def: app({
        environmentFiles: [{ value: "arn:aws:s3:::bucket/app.env", type: "s3" }],
        secrets: [{ name: "TOKEN", valueFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/token" }],
        repositoryCredentials: { credentialsParameter: "arn:aws:secretsmanager:us-east-1:123456789012:secret:creds" },
      }),
      expected: { Env: ["AWS_EXECUTION_ENV=AWS_ECS_EC2", "ECS_CONTAINER_METADATA_URI_V4=http://172.17.0.1:41234/v4/tok-1", "ECS_CONTAINER_METADATA_URI=http://172.17.0.1:41234/v3/tok-1"] },
    },
  ];
  for (const c of table) {
    it(c.field, () => {
      const t = task({ taskDefinition: taskDefinition([...(c.before ?? []), c.def, ...(c.after ?? [])], c.td) });
      const o = containerCreateOptions(t, c.def, ctx);
      const { HostConfig: host = {}, ...top } = c.expected;
      for (const [key, value] of Object.entries(top)) assert.deepEqual(o[key as keyof typeof o], value, key);
      for (const [key, value] of Object.entries(host)) assert.deepEqual(o.HostConfig?.[key as keyof Docker.HostConfig], value, `HostConfig.${key}`);
    });
  }
});

describe("volumeSpecs and taskVolumeOptions", () => {
  const mounting = (...volumes: string[]): ContainerDefinition => app({ mountPoints: volumes.map((v) => ({ sourceVolume: v, containerPath: `/mnt/${v}` })) });
  const table: { name: string; volumes: NonNullable<TaskDefinition["volumes"]>; defs: ContainerDefinition[]; expected: VolumeSpec[] }[] = [
    {
      name: "host.sourcePath: a bind mount of that path",
      volumes: [{ name: "config", host: { sourcePath: "/srv/stevedore/config" } }],
      defs: [mounting("config")],
      expected: [{ name: "config", mountedBy: "app", kind: "host", path: "/srv/stevedore/config" }],
    },
    {
      name: "neither host path nor configuration: a task-scoped local volume (ECS's empty host volume)",
      volumes: [{ name: "scratch" }, { name: "empty", host: {} }],
      defs: [mounting("scratch", "empty")],
      expected: [
        { name: "scratch", mountedBy: "app", kind: "task", options: { Driver: "local", DriverOpts: {}, Labels: {} } },
        { name: "empty", mountedBy: "app", kind: "task", options: { Driver: "local", DriverOpts: {}, Labels: {} } },
      ],
    },
    {
      name: "dockerVolumeConfiguration scope task (the default) with driver, options and labels",
      volumes: [{ name: "data", dockerVolumeConfiguration: { driver: "local", driverOpts: { type: "tmpfs", device: "tmpfs" }, labels: { team: "a" } } }],
      defs: [mounting("data")],
      expected: [{ name: "data", mountedBy: "app", kind: "task", options: { Driver: "local", DriverOpts: { type: "tmpfs", device: "tmpfs" }, Labels: { team: "a" } } }],
    },
    {
      name: "dockerVolumeConfiguration scope shared: the named volume, autoprovision off unless set",
      volumes: [
        { name: "cache", dockerVolumeConfiguration: { scope: "shared", autoprovision: true, labels: { team: "a" } } },
        { name: "existing", dockerVolumeConfiguration: { scope: "shared" } },
      ],
      defs: [{ name: "first", image: "busybox" }, mounting("cache", "existing")],
      expected: [
        { name: "cache", mountedBy: "app", kind: "shared", autoprovision: true, options: { Driver: "local", DriverOpts: {}, Labels: { team: "a" } } },
        { name: "existing", mountedBy: "app", kind: "shared", autoprovision: false, options: { Driver: "local", DriverOpts: {}, Labels: {} } },
      ],
    },
    {
      name: "volumes no container mounts are not provisioned",
      volumes: [{ name: "unused" }, { name: "data" }],
      defs: [mounting("data")],
      expected: [{ name: "data", mountedBy: "app", kind: "task", options: { Driver: "local", DriverOpts: {}, Labels: {} } }],
    },
  ];
  for (const c of table) it(c.name, () => assert.deepEqual(volumeSpecs(taskDefinition(c.defs, { volumes: c.volumes })), c.expected));

  it("labels a task-scoped volume with its task, instance and volume name; the definition's labels cannot replace them", () => {
    const spec: TaskVolumeSpec = { name: "data", mountedBy: "app", kind: "task", options: { Driver: "local", DriverOpts: {}, Labels: { team: "a", [LABELS.taskArn]: "forged" } } };
    const t = task({ taskDefinition: taskDefinition([mounting("data")]) });
    assert.deepEqual(taskVolumeOptions(t, spec, { clusterArn: CLUSTER_ARN, containerInstanceArn: INSTANCE_ARN, dockerName: "ecs-web-3-data-00ff" }), {
      Name: "ecs-web-3-data-00ff",
      Driver: "local",
      DriverOpts: {},
      Labels: {
        team: "a",
        [LABELS.cluster]: CLUSTER_ARN,
        [LABELS.taskArn]: TASK_ARN,
        [LABELS.containerInstanceArn]: INSTANCE_ARN,
        [TASK_VOLUME_LABEL]: "data",
      },
    });
  });
});

describe("ecsDockerName", () => {
  it("is ecs-<family>-<revision>-<container or volume>-<suffix> in Docker's charset", () => {
    const t = task({ taskDefinition: taskDefinition([app()], { family: "my_svc" }) });
    assert.equal(ecsDockerName(t, "app", "c0ffee"), "ecs-my_svc-3-app-c0ffee");
    assert.equal(ecsDockerName(t, "web server", "c0ffee"), "ecs-my_svc-3-web-server-c0ffee");
  });
});
