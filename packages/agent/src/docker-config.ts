/**
 * A container definition of a task → Docker's container create options, as the ECS agent maps them.
 * Pure: names, tokens and addresses come in through the context.
 */
import type Docker from "dockerode";
import { LABELS, parseTaskCpu, parseTaskMemory, type AgentTask, type ContainerDefinition, type PortMapping, type TaskDefinition } from "@stevedore/shared";
import { linuxHostConfig } from "./linux-parameters.ts";
import { PAUSE_ENTRYPOINT, PAUSE_IMAGE } from "./pause-image.ts";
import { DEFAULT_STOP_TIMEOUT_S, PAUSE_CONTAINER_NAME, PAUSE_STOP_TIMEOUT_S, startOrder, usesPauseContainer } from "./plan.ts";

const MIB = 1024 * 1024;
const NS_PER_S = 1e9;
/** Linux's smallest CPU share; ECS gives it to containers without cpu, where Docker would give 1024. */
const MIN_CPU_SHARES = 2;
/**
 * What every task container gets so one task cannot exhaust the host: a process limit (a fork bomb
 * stops there) and rotated json-file logs (the agent ships the lines; the files never fill the disk).
 */
export const CONTAINER_PIDS_LIMIT = 4096;
export const CONTAINER_LOG_CONFIG = { Type: "json-file", Config: { "max-size": "10m", "max-file": "3" } };

/** ECS's health check defaults, in seconds. */
const HEALTH_CHECK_DEFAULTS = { interval: 30, timeout: 5, retries: 3, startPeriod: 0 };

/** Who a task's containers belong to, as their labels say. */
export interface OwnerContext {
  clusterArn: string;
  containerInstanceArn: string;
}

export interface ContainerContext extends OwnerContext {
  /** Docker names of the task's containers by container name. */
  dockerNames: Readonly<Record<string, string>>;
  /** The Docker source of each task volume by its name: a host path or a Docker volume name. */
  volumes: Readonly<Record<string, string>>;
  /** The task metadata endpoint of this container; absent when the metadata server could not start. */
  metadata?: { baseUrl: string; token: string };
  /** The id of an awsvpc task's pause container, whose network the task's containers join. */
  pauseContainerId?: string;
}

/**
 * `ecs-<family>-<revision>-<name>-<suffix>` in Docker's charset: how the ECS agent names a task's
 * containers and its task-scoped volumes.
 */
export function ecsDockerName(task: AgentTask, name: string, suffix: string): string {
  const { family, revision } = task.taskDefinition;
  return `ecs-${family}-${revision}-${name}-${suffix}`.replace(/[^a-zA-Z0-9_.-]/g, "-");
}

const metadataUri = (baseUrl: string, token: string, version: "v3" | "v4") => `${baseUrl}/${version}/${token}`;

export function containerCreateOptions(
  task: AgentTask,
  def: ContainerDefinition,
  ctx: ContainerContext,
): Docker.ContainerCreateOptions {
  const td = task.taskDefinition;
  const network = containerNetwork(task, def, ctx);
  const override = task.containerOverrides.find((o) => o.name === def.name);
  const { cpuUnits: taskCpu, memoryMiB: taskMemory } = taskSize(task);
  const memory = override?.memory ?? def.memory ?? taskMemory;
  const memoryReservation = override?.memoryReservation ?? def.memoryReservation;
  const health = def.healthCheck && { ...HEALTH_CHECK_DEFAULTS, ...def.healthCheck };

  return {
    name: ctx.dockerNames[def.name],
    Image: def.image,
    Entrypoint: def.entryPoint,
    Cmd: override?.command ?? def.command,
    Env: environment(task, def, override?.environment, ctx.metadata),
    WorkingDir: def.workingDirectory,
    User: def.user,
    Tty: def.pseudoTerminal,
    OpenStdin: def.interactive,
    NetworkDisabled: def.disableNetworking,
    Labels: { ...def.dockerLabels, ...ecsLabels(task, def.name, ctx) },
    ...network.config,
    StopTimeout: def.stopTimeout ?? DEFAULT_STOP_TIMEOUT_S,
    // The command as ECS passes it (["CMD", ...] or ["CMD-SHELL", "..."]), times in nanoseconds.
    Healthcheck: health && {
      Test: health.command,
      Interval: health.interval * NS_PER_S,
      Timeout: health.timeout * NS_PER_S,
      Retries: health.retries,
      StartPeriod: health.startPeriod * NS_PER_S,
    },
    HostConfig: {
      ...linuxHostConfig(def, memory ? memory * MIB : undefined),
      ...network.hostConfig,
      Binds: binds(def, ctx.volumes),
      VolumesFrom: volumesFrom(def, ctx.dockerNames),
      PidMode: namespaceMode(td, "pidMode", def.name, ctx.dockerNames),
      IpcMode: namespaceMode(td, "ipcMode", def.name, ctx.dockerNames),
      Memory: memory ? memory * MIB : undefined,
      MemoryReservation: memoryReservation ? memoryReservation * MIB : undefined,
      CpuShares: Math.max(override?.cpu ?? def.cpu ?? 0, MIN_CPU_SHARES),
      NanoCpus: taskCpu ? Math.round((taskCpu / 1024) * NS_PER_S) : undefined,
      Ulimits: def.ulimits?.map((u) => ({ Name: u.name, Soft: u.softLimit, Hard: u.hardLimit })),
      ReadonlyRootfs: def.readonlyRootFilesystem,
      SecurityOpt: def.dockerSecurityOptions,
      Sysctls: def.systemControls && Object.fromEntries(def.systemControls.flatMap((s) => (s.namespace ? [[s.namespace, s.value ?? ""]] : []))),
      // Reached only once the safety policy allowed it (start-task.ts checks before anything is created).
      Privileged: def.privileged === true,
      // The agent restarts containers itself, as their restart policy asks (plan.ts).
      RestartPolicy: { Name: "no" },
      AutoRemove: false,
      // Always json-file: the logs stay on this Docker Engine whatever driver the definition names.
      LogConfig: CONTAINER_LOG_CONFIG,
      PidsLimit: CONTAINER_PIDS_LIMIT,
    },
  };
}

/**
 * An awsvpc task's pause container: on the default bridge, with every port its containers map
 * published on the task's own address (host port = container port), labelled as one of the task's
 * containers under ECS's name for it, so adoption and orphan cleanup find it like the others.
 */
export function pauseContainerCreateOptions(task: AgentTask, ctx: OwnerContext & { dockerName: string }): Docker.ContainerCreateOptions {
  const ports = task.taskDefinition.containerDefinitions.flatMap((def) => mappedPorts(def));
  return {
    name: ctx.dockerName,
    Image: PAUSE_IMAGE,
    Entrypoint: PAUSE_ENTRYPOINT,
    Labels: ecsLabels(task, PAUSE_CONTAINER_NAME, ctx),
    ExposedPorts: exposedPorts(ports),
    StopTimeout: PAUSE_STOP_TIMEOUT_S,
    HostConfig: {
      NetworkMode: "bridge",
      PortBindings: portBindings(ports, task.bindIP, true),
      Privileged: false,
      RestartPolicy: { Name: "no" },
      AutoRemove: false,
      LogConfig: CONTAINER_LOG_CONFIG,
      PidsLimit: CONTAINER_PIDS_LIMIT,
    },
  };
}

/** The labels of every container of the task, the pause container's included. */
function ecsLabels(task: AgentTask, containerName: string, ctx: OwnerContext): Record<string, string> {
  return {
    [LABELS.cluster]: ctx.clusterArn,
    [LABELS.taskArn]: task.taskArn,
    [LABELS.containerName]: containerName,
    [LABELS.family]: task.taskDefinition.family,
    [LABELS.revision]: String(task.taskDefinition.revision),
    [LABELS.containerInstanceArn]: ctx.containerInstanceArn,
  };
}

/**
 * A container's network. Bridge: its own namespace on the default bridge, ports published on the
 * task's address (the instance's). awsvpc: the pause container's namespace, which publishes the ports
 * on the task's own address; Docker refuses a hostname, published or exposed ports, links, DNS servers
 * and extra hosts of the container's own then (and ECS does not support them in awsvpc mode).
 */
function containerNetwork(task: AgentTask, def: ContainerDefinition, ctx: ContainerContext) {
  const networkMode = task.taskDefinition.networkMode ?? "bridge";
  if (usesPauseContainer(task)) {
    if (!ctx.pauseContainerId) throw new Error(`awsvpc task ${task.taskArn} has no pause container to join`);
    return { config: {}, hostConfig: { NetworkMode: `container:${ctx.pauseContainerId}` } };
  }
  const ports = networkMode === "none" ? [] : mappedPorts(def);
  return {
    config: { Hostname: def.hostname, ExposedPorts: exposedPorts(ports) },
    hostConfig: {
      NetworkMode: networkMode === "none" ? "none" : "bridge",
      PortBindings: portBindings(ports, task.bindIP, false),
      Links: networkMode === "bridge" ? links(def, ctx.dockerNames) : undefined,
      Dns: def.dnsServers,
      DnsSearch: def.dnsSearchDomains,
      ExtraHosts: def.extraHosts?.map((h) => `${h.hostname}:${h.ipAddress}`),
    },
  };
}

/** The task-level size (the run's override, else the definition's), in CPU units and MiB. */
export function taskSize(task: AgentTask): { cpuUnits?: number; memoryMiB?: number } {
  const cpu = task.cpu ?? task.taskDefinition.cpu;
  const memory = task.memory ?? task.taskDefinition.memory;
  const cpuUnits = cpu === undefined ? undefined : parseTaskCpu(cpu);
  const memoryMiB = memory === undefined ? undefined : parseTaskMemory(memory);
  return { ...(cpuUnits !== undefined ? { cpuUnits } : {}), ...(memoryMiB !== undefined ? { memoryMiB } : {}) };
}

function environment(
  task: AgentTask,
  def: ContainerDefinition,
  overrides: readonly { name?: string; value?: string }[] | undefined,
  metadata: ContainerContext["metadata"],
): string[] {
  const env = new Map<string, string>([["AWS_EXECUTION_ENV", task.launchType === "FARGATE" ? "AWS_ECS_FARGATE" : "AWS_ECS_EC2"]]);
  for (const { name, value } of [...(def.environment ?? []), ...(overrides ?? [])]) {
    if (name) env.set(name, value ?? "");
  }
  if (metadata) {
    env.set("ECS_CONTAINER_METADATA_URI_V4", metadataUri(metadata.baseUrl, metadata.token, "v4"));
    env.set("ECS_CONTAINER_METADATA_URI", metadataUri(metadata.baseUrl, metadata.token, "v3"));
  }
  return [...env].map(([name, value]) => `${name}=${value}`);
}

const portKey = (p: PortMapping) => `${p.containerPort}/${p.protocol ?? "tcp"}`;
const mappedPorts = (def: ContainerDefinition) => (def.portMappings ?? []).filter((p) => p.containerPort !== undefined);
const exposedPorts = (ports: readonly PortMapping[]) => Object.fromEntries(ports.map((p) => [portKey(p), {}]));

function portBindings(ports: readonly PortMapping[], hostIp: string, ownAddress: boolean) {
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of ports) {
    // hostPort 0 or absent: Docker picks one from the ephemeral range (dynamic port mapping).
    const hostPort = ownAddress ? String(p.containerPort) : p.hostPort ? String(p.hostPort) : "";
    (bindings[portKey(p)] ??= []).push({ HostIp: hostIp, HostPort: hostPort });
  }
  return bindings;
}

function links(def: ContainerDefinition, dockerNames: Readonly<Record<string, string>>): string[] | undefined {
  return def.links?.flatMap((link) => {
    const [name = "", alias = name] = link.split(":");
    const target = dockerNames[name];
    return target ? [`${target}:${alias}`] : [];
  });
}

/** mountPoints → `source:containerPath[:ro]`, the source being a host path or a Docker volume. */
function binds(def: ContainerDefinition, sources: Readonly<Record<string, string>>): string[] | undefined {
  return def.mountPoints?.flatMap((m) => {
    const source = sources[m.sourceVolume ?? ""];
    return source && m.containerPath ? [`${source}:${m.containerPath}${m.readOnly ? ":ro" : ""}`] : [];
  });
}

/** volumesFrom → `<Docker name of the task's container>:ro|rw`. */
function volumesFrom(def: ContainerDefinition, dockerNames: Readonly<Record<string, string>>): string[] | undefined {
  return def.volumesFrom?.flatMap((v) => {
    const source = dockerNames[v.sourceContainer ?? ""];
    return source ? [`${source}:${v.readOnly ? "ro" : "rw"}`] : [];
  });
}

/**
 * The task's pidMode or ipcMode. "task": the first container the task starts keeps a namespace of its
 * own (for IPC one others may join) and the others join it; "host" and "none" pass through.
 */
function namespaceMode(
  td: TaskDefinition,
  field: "pidMode" | "ipcMode",
  containerName: string,
  dockerNames: Readonly<Record<string, string>>,
): string | undefined {
  const mode = td[field];
  if (mode !== "task") return mode;
  const owner = startOrder(td.containerDefinitions)[0]?.name ?? containerName;
  if (owner !== containerName) return `container:${dockerNames[owner]}`;
  return field === "ipcMode" ? "shareable" : undefined;
}
