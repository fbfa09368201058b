/**
 * A task definition's volumes → the volumes a task needs on Docker, as the ECS agent provisions them.
 * Pure. How containers mount them (mountPoints, volumesFrom) is in docker-config.ts.
 */
import type Docker from "dockerode";
import { LABELS, type AgentTask, type TaskDefinition } from "@stevedore/shared";

/** On a task-scoped volume: the definition's name of the volume. */
export const TASK_VOLUME_LABEL = "stevedore.task-volume";

type VolumeOptions = Required<Pick<Docker.VolumeCreateOptions, "Driver" | "DriverOpts" | "Labels">>;

export type VolumeSpec = {
  name: string;
  /** The first container that mounts it: the one a failure to provide it is reported on, as ECS does. */
  mountedBy: string;
} & (
  /** `host.sourcePath`: a bind mount of that host path. */
  | { kind: "host"; path: string }
  /** dockerVolumeConfiguration scope shared: the Docker volume of that name, created only with autoprovision. */
  | { kind: "shared"; autoprovision: boolean; options: VolumeOptions }
  /** scope task, or neither host path nor configuration: a Docker volume of the task's own, removed with it. */
  | { kind: "task"; options: VolumeOptions }
);

export type TaskVolumeSpec = Extract<VolumeSpec, { kind: "task" }>;

/** The volumes of the definition some container mounts, in definition order. */
export function volumeSpecs(td: TaskDefinition): VolumeSpec[] {
  const mountedBy = new Map<string, string>();
  for (const d of td.containerDefinitions) {
    for (const m of d.mountPoints ?? []) if (m.sourceVolume && !mountedBy.has(m.sourceVolume)) mountedBy.set(m.sourceVolume, d.name);
  }
  return (td.volumes ?? []).flatMap((v): VolumeSpec[] => {
    const base = { name: v.name ?? "", mountedBy: mountedBy.get(v.name ?? "") ?? "" };
    if (!base.mountedBy) return [];
    if (v.host?.sourcePath) return [{ ...base, kind: "host", path: v.host.sourcePath }];
    const c = v.dockerVolumeConfiguration;
    const options = { Driver: c?.driver ?? "local", DriverOpts: c?.driverOpts ?? {}, Labels: c?.labels ?? {} };
    if (c?.scope === "shared") return [{ ...base, kind: "shared", autoprovision: c.autoprovision ?? false, options }];
    return [{ ...base, kind: "task", options }];
  });
}

/**
 * The Docker name of a shared volume of an instance: its own space of names on the engine, so a
 * definition reaches only the shared volumes its instance's tasks made, never the host's other volumes
 * (nor another virtual instance's on the same engine).
 */
export function sharedVolumeDockerName(containerInstanceArn: string, name: string): string {
  return `ecs-shared-${containerInstanceArn.slice(containerInstanceArn.lastIndexOf("/") + 1)}-${name}`;
}

/** A task-scoped volume's create options, labelled like its task's containers so the agent finds it again. */
export function taskVolumeOptions(
  task: AgentTask,
  spec: TaskVolumeSpec,
  ctx: { clusterArn: string; containerInstanceArn: string; dockerName: string },
): Docker.VolumeCreateOptions {
  return {
    Name: ctx.dockerName,
    ...spec.options,
    Labels: {
      ...spec.options.Labels,
      [LABELS.cluster]: ctx.clusterArn,
      [LABELS.taskArn]: task.taskArn,
      [LABELS.containerInstanceArn]: ctx.containerInstanceArn,
      [TASK_VOLUME_LABEL]: spec.name,
    },
  };
}
