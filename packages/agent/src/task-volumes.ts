/**
 * Provisions a task's volumes before its containers are created, as the ECS agent does: host paths as
 * they are, shared Docker volumes found (or created with autoprovision), task-scoped ones created for
 * the task or, when a start resumes, found again by their labels.
 */
import { randomBytes } from "node:crypto";
import type { AgentTask } from "@stevedore/shared";
import { ecsDockerName } from "./docker-config.ts";
import type { DockerClient } from "./docker.ts";
import { HostPathOutsideRoot, hostPathInRoot } from "./host-paths.ts";
import { StartFailure, step } from "./start-failure.ts";
import { sharedVolumeDockerName, taskVolumeOptions, volumeSpecs } from "./volume-config.ts";

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
        sources[spec.name] = await hostPath(spec.path, ctx.hostRoot, spec.mountedBy);
        break;
      case "shared": {
        const dockerName = sharedVolumeDockerName(ctx.containerInstanceArn, spec.name);
        if (!(await attempt(() => ctx.docker.volumeExists(dockerName)))) {
          if (!spec.autoprovision) {
            throw new StartFailure(spec.mountedBy, `${FAILURE}: volume '${spec.name}' does not exist and autoprovision is set to false`);
          }
          await attempt(() => ctx.docker.createVolume({ Name: dockerName, ...spec.options }));
        }
        sources[spec.name] = dockerName;
        break;
      }
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

/** A host path on the instance: inside its own root when it has one (see host-paths.ts); else, as the operator allowed, the real host's. */
async function hostPath(sourcePath: string, hostRoot: string | undefined, containerName: string): Promise<string> {
  if (!hostRoot) return sourcePath;
  try {
    return await hostPathInRoot(hostRoot, sourcePath);
  } catch (err) {
    const reason = err instanceof HostPathOutsideRoot ? err.message : `host path '${sourcePath}' could not be made: ${(err as Error).message}`;
    throw new StartFailure(containerName, `${FAILURE}: ${reason}`);
  }
}
