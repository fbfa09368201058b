/** The actions of plan() that only need Docker: stop, restart in place, and remove a gone task's containers, pause container and volumes. */
import type { DockerClient } from "./docker.ts";
import type { Logger } from "./log.ts";
import type { Action } from "./plan.ts";

export type ContainerAction = Extract<Action, { kind: "stop" | "restart" | "remove" }>;

export async function runContainerAction(docker: DockerClient, log: Logger, action: ContainerAction): Promise<void> {
  switch (action.kind) {
    case "stop":
      log.info("Stopping containers", { task: action.taskArn, containers: action.containers.map((c) => c.containerName).join(",") });
      await Promise.all(action.containers.map((c) => docker.stop(c.id, c.timeoutSec)));
      return;
    case "restart":
      log.info("Restarting containers as their restart policy asks", {
        task: action.taskArn,
        containers: action.containers.map((c) => c.containerName).join(","),
      });
      await Promise.all(action.containers.map((c) => docker.start(c.id)));
      return;
    case "remove":
      log.info("Cleaning up task's containers", { task: action.taskArn, containers: action.containerIds.length, volumes: action.volumes.length });
      // The pause container holds the others' network: it goes once they are gone.
      for (const ids of [action.containerIds, action.pauseContainerIds]) {
        await Promise.all(
          ids.map(async (id) => {
            await docker.stop(id); // SIGTERM first, as for any task
            await docker.remove(id);
          }),
        );
      }
      // Task-scoped volumes go with the task's containers, as on ECS.
      await Promise.all(action.volumes.map((name) => docker.removeVolume(name)));
      return;
  }
}
