/**
 * Provisions a task's volumes before its containers are created, as the ECS agent does: host paths as
 * they are, shared Docker volumes found (or created with autoprovision), task-scoped ones created for
 * the task or, when a start resumes, found again by their labels.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { AgentTask } from "@stevedore/shared";
import { ecsDockerName } from "./docker-config.ts";
import type { DockerClient } from "./docker.ts";
import { StartFailure, step } from "./start-failure.ts";
import { taskVolumeOptions, volumeSpecs } from "./volume-config.ts";

const FAILURE = "CannotCreateContainerError";

interface VolumeContext {
  docker: DockerClient;
  clusterArn: string;
  containerInstanceArn: string;
  hostRoot?: string;
}

/** The Docker source of each volume by its name (see ContainerContext.volumes); throws StartFailure. */
export async function provisionVolumes(ctx: VolumeContext, task: AgentTask): Promise<Record<string, string>> {
  const specs = volumeSpecs(task.taskDefinition);
  const existing = specs.some((s) => s.kind === "task") ? await ctx.docker.taskVolumes(ctx.containerInstanceArn, task.taskArn) : [];
  const sources: Record<string, string> = {};
  for (const spec of specs) {
    const attempt = <T>(run: () => Promise<T>) => step(spec.mountedBy, FAILURE, run);
    switch (spec.kind) {
      case "host":
        sources[spec.name] = await attempt(() => hostPath(spec.path, ctx.hostRoot));
        break;
      case "shared":
        if (!(await attempt(() => ctx.docker.volumeExists(spec.name)))) {
          if (!spec.autoprovision) {
            throw new StartFailure(spec.mountedBy, `${FAILURE}: volume '${spec.name}' does not exist and autoprovision is set to false`);
          }
          await attempt(() => ctx.docker.createVolume({ Name: spec.name, ...spec.options }));
        }
        sources[spec.name] = spec.name;
        break;
      case "task": {
        const create = () => {
          const dockerName = ecsDockerName(task, spec.name, randomBytes(10).toString("hex"));
          return ctx.docker.createVolume(taskVolumeOptions(task, spec, { clusterArn: ctx.clusterArn, containerInstanceArn: ctx.containerInstanceArn, dockerName }));
        };
        sources[spec.name] = existing.find((v) => v.volume === spec.name)?.name ?? (await attempt(create));
        break;
      }
    }
  }
  return sources;
}

/** A host path on the instance: inside its own root (created, as a fresh disk's folder would be) when it has one. */
async function hostPath(sourcePath: string, hostRoot: string | undefined): Promise<string> {
  if (!hostRoot) return sourcePath;
  const inside = path.join(hostRoot, path.resolve("/", sourcePath));
  await fs.mkdir(inside, { recursive: true });
  return inside;
}
