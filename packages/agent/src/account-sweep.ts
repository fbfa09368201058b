/**
 * An account's reset, on Docker's side: every container and task volume whose task ARN names the
 * account goes (running or exited, on a live instance or one terminated long ago), whichever agent
 * made it. The server stops the account's agents first, so none starts a task again meanwhile.
 */
import Docker from "dockerode";
import { LABELS, type AccountContainerSweep } from "@stevedore/shared";
import { TASK_VOLUME_LABEL } from "./volume-config.ts";

/** arn:aws:ecs:<region>:<account>:task/...: the account field of a task's ARN. */
const accountOf = (taskArn: string | undefined) => taskArn?.split(":")[4];

export function accountSweep(dockerSocketPath: string): AccountContainerSweep {
  const docker = new Docker({ socketPath: dockerSocketPath });
  return async (accountId) => {
    const containers = await docker.listContainers({ all: true, filters: { label: [LABELS.taskArn] } });
    const mine = containers.filter((c) => accountOf(c.Labels?.[LABELS.taskArn]) === accountId);
    await Promise.all(mine.map((c) => docker.getContainer(c.Id).remove({ v: true, force: true }).catch(ignoreGone)));
    const { Volumes } = await docker.listVolumes({ filters: { label: [TASK_VOLUME_LABEL] } });
    const volumes = (Volumes ?? []).filter((v) => accountOf(v.Labels?.[LABELS.taskArn]) === accountId);
    await Promise.all(volumes.map((v) => docker.getVolume(v.Name).remove().catch(ignoreGone)));
    return mine.length;
  };
}

function ignoreGone(err: unknown): void {
  // Gone already (404), or being removed by its own agent's last round (409).
  const status = (err as { statusCode?: number }).statusCode;
  if (status !== 404 && status !== 409) throw err;
}
