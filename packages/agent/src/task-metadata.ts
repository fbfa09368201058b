/** The task metadata endpoint v4 answers, in ECS's shape, built from a task and its containers. Pure. */
import type { AgentTask } from "@stevedore/shared";
import { taskSize } from "./docker-config.ts";
import { phaseOf, taskContainers, type ObservedContainer } from "./plan.ts";
import { serviceNameOfGroup } from "@stevedore/shared";

export interface TaskMetadataContext {
  clusterArn: string;
  availabilityZone: string;
  /** Epoch seconds, when this agent pulled for the task. */
  pullStartedAt?: number;
  pullStoppedAt?: number;
}

const KNOWN_STATUS = { created: "PENDING", running: "RUNNING", exited: "STOPPED", missing: "STOPPED" } as const;
const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

export function containerMetadata(task: AgentTask, c: ObservedContainer) {
  const networkMode = task.taskDefinition.networkMode ?? "bridge";
  return {
    DockerId: c.id,
    Name: c.containerName,
    DockerName: c.dockerName,
    Image: c.image,
    ImageID: c.imageId,
    ...(c.networkBindings.length
      ? { Ports: c.networkBindings.map((b) => ({ ContainerPort: b.containerPort, Protocol: b.protocol, HostPort: b.hostPort, HostIp: b.bindIP })) }
      : {}),
    Labels: c.labels,
    DesiredStatus: task.desiredStatus,
    KnownStatus: KNOWN_STATUS[phaseOf(c)],
    ...(c.exitCode !== undefined ? { ExitCode: c.exitCode } : {}),
    Limits: { CPU: c.limits.cpu, Memory: c.limits.memoryMiB ?? 0 },
    CreatedAt: c.createdAt,
    ...(c.startedAt ? { StartedAt: c.startedAt } : {}),
    ...(c.finishedAt ? { FinishedAt: c.finishedAt } : {}),
    Type: "NORMAL",
    Networks:
      networkMode === "none"
        ? []
        : // An awsvpc task's address is its own one, not the bridge address behind it.
          [{ NetworkMode: networkMode, IPv4Addresses: networkMode === "awsvpc" ? [task.bindIP] : c.ipv4Addresses }],
  };
}

export function taskMetadata(task: AgentTask, containers: readonly ObservedContainer[], ctx: TaskMetadataContext) {
  const td = task.taskDefinition;
  const { cpuUnits, memoryMiB } = taskSize(task);
  return {
    Cluster: ctx.clusterArn,
    TaskARN: task.taskArn,
    Family: td.family,
    Revision: String(td.revision),
    ...(serviceNameOfGroup(task.group) !== undefined ? { ServiceName: serviceNameOfGroup(task.group) } : {}),
    DesiredStatus: task.desiredStatus,
    KnownStatus: task.lastStatus,
    // An awsvpc task's pause container is not one of its containers.
    Containers: taskContainers(task, containers).map((c) => containerMetadata(task, c)),
    Limits: {
      ...(cpuUnits !== undefined ? { CPU: cpuUnits / 1024 } : {}),
      ...(memoryMiB !== undefined ? { Memory: memoryMiB } : {}),
    },
    ...(ctx.pullStartedAt !== undefined ? { PullStartedAt: iso(ctx.pullStartedAt) } : {}),
    ...(ctx.pullStoppedAt !== undefined ? { PullStoppedAt: iso(ctx.pullStoppedAt) } : {}),
    AvailabilityZone: ctx.availabilityZone,
    LaunchType: task.launchType ?? "EC2",
  };
}
