/** A container that stopped a task from starting, with the reason ECS gives it (e.g. CannotStartContainerError: …). */
import { dockerMessage } from "./docker.ts";

export class StartFailure extends Error {
  constructor(
    readonly containerName: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Runs `step`, turning a Docker error into the container reason ECS gives, e.g. CannotStartContainerError. */
export async function step<T>(containerName: string, error: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw new StartFailure(containerName, `${error}: Error response from daemon: ${dockerMessage(err)}`);
  }
}
