/**
 * Starting one task: report PENDING, pull the images, start an awsvpc task's pause container, create
 * and start the containers in dependency order, report RUNNING. Any failure stops what did start and
 * reports the task STOPPED with the container's reason, as ECS does ("Task failed to start").
 */
import { randomBytes } from "node:crypto";
import { describeRefusals, safetyRefusals, imageRegistry, STOPPED_REASONS, type AgentTask, type ContainerDefinition, type SafetySwitches } from "@stevedore/shared";
import { containerCreateOptions, ecsDockerName, pauseContainerCreateOptions } from "./docker-config.ts";
import { dockerMessage, type DockerClient } from "./docker.ts";
import type { Logger } from "./log.ts";
import { ensurePauseImage } from "./pause-image.ts";
import {
  PAUSE_CONTAINER_NAME,
  currentByName,
  dependencyState,
  isPauseContainer,
  phaseOf,
  startOrder,
  statusChange,
  usesPauseContainer,
  type ObservedContainer,
  type TaskStateChange,
} from "./plan.ts";
import { sleep } from "./sleep.ts";
import { StartFailure, step } from "./start-failure.ts";
import { provisionVolumes } from "./task-volumes.ts";

/** How long a container waits for its dependencies unless it sets startTimeout (ECS on EC2: 3 minutes). */
const DEFAULT_START_TIMEOUT_S = 180;
const DEPENDENCY_POLL_MS = 1000;

export interface StartContext {
  docker: DockerClient;
  log: Logger;
  clusterArn: string;
  containerInstanceArn: string;
  /** See AgentOptions.hostRoot. */
  hostRoot?: string;
  /** See AgentOptions.safety: the last line before Docker, whatever the server decided. */
  safety: SafetySwitches;
  signal: AbortSignal;
  /** Sends a state change to the server; resolves false when it was not accepted. */
  report(change: TaskStateChange): Promise<boolean>;
  /** A fresh metadata endpoint token for a container of the task; undefined without a metadata server. */
  metadataFor(taskArn: string): Promise<{ baseUrl: string; token: string } | undefined>;
  /** False once the task should no longer be started (desired STOPPED, agent stopping). */
  wanted(): boolean;
}

const now = () => Date.now() / 1000;

/**
 * Starts the task; `existing` are containers of an earlier, interrupted start, which it resumes (with
 * the task-scoped volumes that start created).
 */
export async function startTask(ctx: StartContext, task: AgentTask, existing: readonly ObservedContainer[]): Promise<void> {
  const taskArn = task.taskArn;
  const current = currentByName(existing);
  const defs = startOrder(task.taskDefinition.containerDefinitions);
  const pullStartedAt = now();
  ctx.log.info("Starting task", { task: taskArn, family: task.taskDefinition.family, revision: task.taskDefinition.revision });
  // Sent while the start goes on, and awaited before any later report so the server sees them in order.
  const pending = ctx.report({ task: taskArn, status: "PENDING", containers: [], pullStartedAt });
  let pullStoppedAt: number | undefined;
  try {
    const refusals = safetyRefusals(task.taskDefinition, ctx.safety);
    if (refusals.length) throw new StartFailure(defs[0]?.name ?? "", `CannotStartContainerError: ${describeRefusals(refusals)}`);
    const pulled = new Set<string>();
    for (const def of defs.filter((d) => !current.has(d.name))) {
      if (!ctx.wanted()) return;
      if (pulled.has(def.image)) continue;
      const credential = task.registryCredentials?.find((c) => c.serverAddress === imageRegistry(def.image));
      if (await step(def.name, "CannotPullContainerError", () => ctx.docker.ensureImage(def.image, credential))) {
        ctx.log.info("Pulled image", { task: taskArn, container: def.name, image: def.image });
      }
      pulled.add(def.image);
    }
    pullStoppedAt = now();
    const volumes = await provisionVolumes(ctx, task);
    if (!(await createAndStart(ctx, task, defs, current, volumes))) return;
    const observed = await ctx.docker.containers(ctx.containerInstanceArn, taskArn);
    const change = statusChange(task, observed, "RUNNING") ?? { task: taskArn, status: "RUNNING", containers: [] };
    await pending;
    await ctx.report({ ...change, pullStartedAt, pullStoppedAt });
  } catch (err) {
    await pending;
    if (!(err instanceof StartFailure)) throw err;
    await failStart(ctx, task, err, { pullStartedAt, ...(pullStoppedAt ? { pullStoppedAt } : {}) });
  } finally {
    await pending; // a start given up early ends after its report all the same
  }
}

/** Creates and starts each container in order; false when the task stopped being wanted meanwhile. */
async function createAndStart(
  ctx: StartContext,
  task: AgentTask,
  defs: readonly ContainerDefinition[],
  current: ReadonlyMap<string, ObservedContainer>,
  volumes: Readonly<Record<string, string>>,
): Promise<boolean> {
  const dockerNames = Object.fromEntries(
    defs.map((d) => [d.name, current.get(d.name)?.dockerName ?? ecsDockerName(task, d.name, randomBytes(10).toString("hex"))]),
  );
  const ids = new Map<string, string>();
  for (const [name, c] of current) ids.set(name, c.id);
  if (!ctx.wanted()) return false;
  const pauseContainerId = usesPauseContainer(task) ? await startPauseContainer(ctx, task, current.get(PAUSE_CONTAINER_NAME)) : undefined;
  for (const def of defs) {
    if (!ctx.wanted() || !(await dependenciesMet(ctx, def, ids))) return false;
    const phase = phaseOf(current.get(def.name));
    if (phase !== "missing" && phase !== "created") continue; // running, or exited: never started twice
    let id = ids.get(def.name);
    if (!id) {
      const metadata = await ctx.metadataFor(task.taskArn);
      const options = containerCreateOptions(task, def, {
        clusterArn: ctx.clusterArn,
        containerInstanceArn: ctx.containerInstanceArn,
        dockerNames,
        volumes,
        ...(metadata ? { metadata } : {}),
        ...(pauseContainerId ? { pauseContainerId } : {}),
      });
      id = await step(def.name, "CannotCreateContainerError", () => ctx.docker.create(options));
      ids.set(def.name, id);
      ctx.log.info("Created docker container for task", { task: task.taskArn, container: def.name, runtimeID: id });
    }
    const created = id;
    await step(def.name, "CannotStartContainerError", () => ctx.docker.start(created));
    ctx.log.info("Started container", { task: task.taskArn, container: def.name, runtimeID: id });
  }
  return true;
}

/**
 * Creates (unless an interrupted start did) and starts an awsvpc task's pause container; its id. Without
 * it none of the task's containers has a network, so its failure fails the start.
 */
async function startPauseContainer(ctx: StartContext, task: AgentTask, existing: ObservedContainer | undefined): Promise<string> {
  try {
    let id = existing?.id;
    if (!id) {
      await ensurePauseImage(ctx.docker);
      // ECS's Docker name for it: ecs-<family>-<revision>-internal-ecs-pause-<random>.
      const dockerName = ecsDockerName(task, "internal-ecs-pause", randomBytes(10).toString("hex"));
      id = await ctx.docker.create(pauseContainerCreateOptions(task, { clusterArn: ctx.clusterArn, containerInstanceArn: ctx.containerInstanceArn, dockerName }));
      ctx.log.info("Created pause container for task", { task: task.taskArn, runtimeID: id });
    }
    if (phaseOf(existing) !== "running") {
      await ctx.docker.start(id);
      ctx.log.info("Started pause container", { task: task.taskArn, runtimeID: id });
    }
    return id;
  } catch (err) {
    throw new StartFailure(PAUSE_CONTAINER_NAME, `ResourceInitializationError: failed to start the task network (${PAUSE_CONTAINER_NAME}): ${dockerMessage(err)}`);
  }
}

/** Waits for the dependsOn conditions of `def`; false when the task stopped being wanted meanwhile. */
async function dependenciesMet(ctx: StartContext, def: ContainerDefinition, ids: ReadonlyMap<string, string>): Promise<boolean> {
  const deadline = Date.now() + (def.startTimeout ?? DEFAULT_START_TIMEOUT_S) * 1000;
  for (const dep of def.dependsOn ?? []) {
    const id = ids.get(dep.containerName);
    if (!id) continue; // not a container of this task (ECS rejects such definitions)
    for (;;) {
      const state = dependencyState(dep.condition, await ctx.docker.inspect(id));
      if (state === "met") break;
      if (state === "failed" || Date.now() > deadline) {
        const why = state === "failed" ? "can no longer reach" : "timed out waiting for";
        throw new StartFailure(def.name, `CannotStartContainerError: ${why} dependency ${dep.containerName} condition ${dep.condition}`);
      }
      if (!ctx.wanted()) return false;
      await sleep(DEPENDENCY_POLL_MS, ctx.signal);
    }
  }
  return true;
}

async function failStart(
  ctx: StartContext,
  task: AgentTask,
  failure: StartFailure,
  pullTimes: Pick<TaskStateChange, "pullStartedAt" | "pullStoppedAt">,
): Promise<void> {
  ctx.log.warn("Task failed to start", { task: task.taskArn, container: failure.containerName, reason: failure.reason });
  const running = (await ctx.docker.containers(ctx.containerInstanceArn, task.taskArn)).filter((c) => phaseOf(c) === "running");
  await Promise.all(running.filter((c) => !isPauseContainer(c)).map((c) => ctx.docker.stop(c.id)));
  // The pause container last: it holds the others' network.
  await Promise.all(running.filter(isPauseContainer).map((c) => ctx.docker.stop(c.id)));
  const observed = await ctx.docker.containers(ctx.containerInstanceArn, task.taskArn);
  const change = statusChange(task, observed, "STOPPED", STOPPED_REASONS.failedToStart) ?? {
    task: task.taskArn,
    status: "STOPPED",
    reason: STOPPED_REASONS.failedToStart,
    containers: [],
  };
  // Without its network (the pause container) no container of the task could start.
  const network = isPauseContainer(failure);
  const isFailed = (c: { containerName: string }) => network || c.containerName === failure.containerName;
  const containers = network || change.containers.some(isFailed)
    ? change.containers.map((c) => (isFailed(c) ? { ...c, reason: failure.reason } : c))
    : [...change.containers, { containerName: failure.containerName, status: "STOPPED" as const, reason: failure.reason }];
  await ctx.report({ ...change, containers, ...pullTimes });
}
