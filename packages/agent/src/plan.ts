/**
 * The reconcile rules as one pure function: the tasks the server wants (with its view of them) and the
 * containers Docker has → what to do. No Docker, no clock, no randomness, so every rule is a table test.
 */
import { STOPPED_REASONS, laterState, type AgentContainerState, type AgentTask, type ContainerDefinition, type ContainerHealthStatus, type ContainerStateReport, type NetworkBinding, type TaskState, type TaskStateChangeRequest, PENDING_TASK_STATES } from "@stevedore/shared";

export const DEFAULT_STOP_TIMEOUT_S = 30;
/** How long a container must have run before its restart policy restarts it (ECS's default). */
const DEFAULT_RESTART_ATTEMPT_PERIOD_S = 300;
export const OOM_REASON = "OutOfMemoryError: Container killed due to memory usage";
/**
 * ECS's name of the container that holds an awsvpc task's network namespace (its "ENI"): the task's
 * containers join it. It is labelled like them but is never one of the task's containers.
 */
export const PAUSE_CONTAINER_NAME = "~internal~ecs~pause";
/** Seconds the pause container gets to stop; it exits at once on SIGTERM. */
export const PAUSE_STOP_TIMEOUT_S = 2;
export const NETWORK_GONE_REASON = `Task network is gone: its pause container (${PAUSE_CONTAINER_NAME}) exited`;

/** Whether the task's containers share the network namespace of a pause container (awsvpc mode). */
export const usesPauseContainer = (task: AgentTask): boolean => task.taskDefinition.networkMode === "awsvpc";
export const isPauseContainer = (c: { containerName: string }): boolean => c.containerName === PAUSE_CONTAINER_NAME;
/** Whether some container of the task runs in another container's network (its pause container's). */
const joinedPause = (containers: readonly ObservedContainer[]) => containers.some((c) => !isPauseContainer(c) && c.networkMode.startsWith("container:"));

/** A container carrying this instance's label, as docker inspect shows it. */
export interface ObservedContainer {
  id: string;
  dockerName: string;
  taskArn: string;
  containerName: string;
  /** Docker's State.Status: created, running, paused, restarting, removing, exited or dead. */
  state: string;
  exitCode?: number;
  oomKilled: boolean;
  /** Why Docker could not start it the last time (State.Error); cleared by a successful start. */
  error?: string;
  /** Docker's State.Health.Status (starting, healthy, unhealthy) when it has a health check. */
  health?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  image: string;
  imageId: string;
  labels: Record<string, string>;
  /** Whether it has a pseudo-terminal: its log stream is then raw, not multiplexed. */
  tty: boolean;
  networkMode: string;
  ipv4Addresses: string[];
  networkBindings: NetworkBinding[];
  limits: { cpu: number; memoryMiB?: number };
  metadataUri?: string;
}

export type ContainerPhase = "created" | "running" | "exited" | "missing";

export function phaseOf(container: ObservedContainer | undefined): ContainerPhase {
  if (!container) return "missing";
  if (container.state === "created") return "created";
  return ["running", "paused", "restarting"].includes(container.state) ? "running" : "exited";
}

export type ContainerStatus = "PENDING" | "RUNNING" | "STOPPED";

/** A container's entry in a state change: the shared report, always with the container's status. */
export type ContainerChange = ContainerStateReport & { status: ContainerStatus };

/**
 * SubmitTaskStateChange as the agent builds it: the shared request less the cluster (added when it is
 * sent), always with the task's status and the containers whose state the server lacks.
 */
export type TaskStateChange = Omit<TaskStateChangeRequest, "cluster" | "status" | "containers"> & {
  status: TaskState;
  containers: ContainerChange[];
};

/** A task volume of this instance (a Docker volume the agent created for one task), as Docker lists it. */
export interface ObservedVolume {
  name: string;
  taskArn: string;
}

export interface StopTarget {
  id: string;
  containerName: string;
  /** Seconds between SIGTERM and SIGKILL; undefined leaves it to the container's own StopTimeout. */
  timeoutSec?: number;
}

export type Action =
  /** Pull, create and start what is missing or created-but-not-started, then report RUNNING. */
  | { kind: "start"; taskArn: string; task: AgentTask; existing: ObservedContainer[] }
  | { kind: "stop"; taskArn: string; containers: StopTarget[] }
  /** Start exited containers again in place, as their restart policy asks. */
  | { kind: "restart"; taskArn: string; containers: { id: string; containerName: string }[] }
  /** The task is gone from the server: remove its containers, then its pause container and its task-scoped volumes. */
  | { kind: "remove"; taskArn: string; containerIds: string[]; pauseContainerIds: string[]; volumes: string[] }
  | { kind: "report"; taskArn: string; change: TaskStateChange };

const BEFORE_START: ReadonlySet<TaskState> = new Set(PENDING_TASK_STATES);

const isEssential = (def: ContainerDefinition) => def.essential ?? true;

/**
 * Actions for every task and for the containers and volumes of tasks the server no longer lists.
 * Tasks in `busy` (an action still running for them) are left alone, so nothing is done twice.
 */
export function plan(
  tasks: readonly AgentTask[],
  observed: readonly ObservedContainer[],
  busy: ReadonlySet<string>,
  volumes: readonly ObservedVolume[],
): Action[] {
  const byTask = new Map<string, ObservedContainer[]>();
  for (const c of observed) byTask.set(c.taskArn, [...(byTask.get(c.taskArn) ?? []), c]);
  const actions: Action[] = [];
  for (const task of tasks) {
    if (!busy.has(task.taskArn)) actions.push(...planTask(task, byTask.get(task.taskArn) ?? []));
  }
  const desired = new Set(tasks.map((t) => t.taskArn));
  const orphans = new Set([...byTask.keys(), ...volumes.map((v) => v.taskArn)].filter((arn) => !desired.has(arn) && !busy.has(arn)));
  for (const taskArn of orphans) {
    const containers = byTask.get(taskArn) ?? [];
    actions.push({
      kind: "remove",
      taskArn,
      containerIds: containers.filter((c) => !isPauseContainer(c)).map((c) => c.id),
      pauseContainerIds: containers.filter(isPauseContainer).map((c) => c.id),
      volumes: volumes.filter((v) => v.taskArn === taskArn).map((v) => v.name),
    });
  }
  return actions;
}

function planTask(task: AgentTask, containers: ObservedContainer[]): Action[] {
  const taskArn = task.taskArn;
  const report = (change: TaskStateChange | undefined): Action[] => (change ? [{ kind: "report", taskArn, change }] : []);
  const stop = stopAction(task, containers);

  // The server is done with the task: only make sure nothing of it keeps running.
  if (task.lastStatus === "STOPPED") return stop;

  if (task.desiredStatus === "STOPPED") {
    if (stop.length) return [...report(statusChange(task, containers, "STOPPING")), ...stop];
    return report(statusChange(task, containers, "STOPPED"));
  }

  const started = !BEFORE_START.has(task.lastStatus);
  const current = currentByName(containers);
  const pause = usesPauseContainer(task) ? phaseOf(current.get(PAUSE_CONTAINER_NAME)) : undefined;
  const defs = task.taskDefinition.containerDefinitions;
  const phases = defs.map((def) => phaseOf(current.get(def.name)));
  const restarts = defs.flatMap((def) => {
    const c = current.get(def.name);
    return c && shouldRestart(def, c) ? [{ id: c.id, containerName: def.name }] : [];
  });
  // Before the start, a missing container is one not created yet; after it, one that someone removed.
  // One its restart policy restarts is not done.
  const done = (def: ContainerDefinition, i: number) =>
    (phases[i] === "exited" && !restarts.some((r) => r.containerName === def.name)) || (phases[i] === "missing" && started);
  // The pause container holds the task's network: without it the task cannot go on. (Containers an
  // agent without pause containers started have networks of their own.)
  const networkGone = pause === "exited" || (pause === "missing" && started && joinedPause(containers));
  const finished = networkGone || defs.some((def, i) => isEssential(def) && done(def, i)) || defs.every(done);
  if (finished) return stop.length ? stop : report(statusChange(task, containers, "STOPPED", stoppedReason(task, containers)));
  if (restarts.length) return [{ kind: "restart", taskArn, containers: restarts }];
  const notStarted = (p: ContainerPhase | undefined) => p === "created" || p === "missing";
  if (!started && (phases.some(notStarted) || notStarted(pause))) {
    return [{ kind: "start", taskArn, task, existing: containers }];
  }
  return report(statusChange(task, containers, "RUNNING"));
}

/**
 * ECS's container restart policy, as its agent decides: an exited container is started again in place
 * unless its exit code is ignored or it ran for less than restartAttemptPeriod since its last (re)start.
 * Docker's StartedAt is that last start, so no clock is needed. A restart Docker refused (State.Error)
 * is not tried again: the container then counts as exited.
 */
function shouldRestart(def: ContainerDefinition, c: ObservedContainer): boolean {
  const policy = def.restartPolicy;
  if (!policy?.enabled || phaseOf(c) !== "exited" || c.exitCode === undefined || c.error) return false;
  if (policy.ignoredExitCodes?.includes(c.exitCode) || !c.startedAt || !c.finishedAt) return false;
  const ranForS = (Date.parse(c.finishedAt) - Date.parse(c.startedAt)) / 1000;
  return ranForS >= (policy.restartAttemptPeriod ?? DEFAULT_RESTART_ATTEMPT_PERIOD_S);
}

/**
 * Stops the task's running containers; its pause container only once none of them runs, so they keep
 * their network while they stop.
 */
function stopAction(task: AgentTask, containers: readonly ObservedContainer[]): Action[] {
  const running = containers.filter((c) => phaseOf(c) === "running");
  const own = running.filter((c) => !isPauseContainer(c));
  const targets = own.length ? own : running;
  if (!targets.length) return [];
  return [{ kind: "stop", taskArn: task.taskArn, containers: targets.map((c) => ({ id: c.id, containerName: c.containerName, timeoutSec: stopTimeout(task, c.containerName) })) }];
}

/**
 * Why a task that ended by itself stopped: its network when its pause container went away before any
 * essential container exited (the agent then stopped the others), else an essential container.
 */
function stoppedReason(task: AgentTask, containers: readonly ObservedContainer[]): string {
  if (!usesPauseContainer(task)) return STOPPED_REASONS.essentialContainerExited;
  const current = currentByName(containers);
  const pause = current.get(PAUSE_CONTAINER_NAME);
  if (!pause) return joinedPause(containers) ? NETWORK_GONE_REASON : STOPPED_REASONS.essentialContainerExited;
  const pauseEnd = Date.parse(pause.finishedAt ?? "");
  const essentialEnds = task.taskDefinition.containerDefinitions.filter(isEssential).flatMap((def) => {
    const end = current.get(def.name)?.finishedAt;
    return end ? [Date.parse(end)] : [];
  });
  return pauseEnd < Math.min(...essentialEnds) ? NETWORK_GONE_REASON : STOPPED_REASONS.essentialContainerExited;
}

function stopTimeout(task: AgentTask, containerName: string): number {
  if (containerName === PAUSE_CONTAINER_NAME) return PAUSE_STOP_TIMEOUT_S;
  const def = task.taskDefinition.containerDefinitions.find((d) => d.name === containerName);
  return def?.stopTimeout ?? DEFAULT_STOP_TIMEOUT_S;
}

const rank = (c: ObservedContainer) => (phaseOf(c) === "running" ? 1 : 0);

/** One container per name: a running one if any, else the newest (a retried start can leave two). */
export function currentByName(containers: readonly ObservedContainer[]): Map<string, ObservedContainer> {
  const byName = new Map<string, ObservedContainer>();
  for (const c of containers) {
    const prev = byName.get(c.containerName);
    const better = !prev || rank(c) > rank(prev) || (rank(c) === rank(prev) && c.createdAt > prev.createdAt);
    if (better) byName.set(c.containerName, c);
  }
  return byName;
}

const HEALTH: Readonly<Record<string, ContainerHealthStatus>> = { healthy: "HEALTHY", unhealthy: "UNHEALTHY", starting: "UNKNOWN" };

/** ECS's health status of a running container with a health check; undefined without one. */
function healthStatus(c: ObservedContainer): ContainerHealthStatus | undefined {
  return c.health === undefined ? undefined : (HEALTH[c.health] ?? "UNKNOWN");
}

/**
 * The task's own containers, the pause container left out; in an awsvpc task each one that joined the
 * pause container's network has the bindings the pause container publishes for its port mappings.
 */
export function taskContainers(task: AgentTask, observed: readonly ObservedContainer[]): ObservedContainer[] {
  const pause = currentByName(observed.filter(isPauseContainer)).get(PAUSE_CONTAINER_NAME);
  return observed
    .filter((c) => !isPauseContainer(c))
    .map((c) => (pause && c.networkMode === `container:${pause.id}` ? { ...c, networkBindings: bindingsFor(task, c.containerName, pause) } : c));
}

/** The pause container's bindings of the ports a container of the task maps. */
function bindingsFor(task: AgentTask, containerName: string, pause: ObservedContainer): NetworkBinding[] {
  const def = task.taskDefinition.containerDefinitions.find((d) => d.name === containerName);
  const mapped = new Set((def?.portMappings ?? []).map((p) => `${p.containerPort}/${p.protocol ?? "tcp"}`));
  return pause.networkBindings.filter((b) => mapped.has(`${b.containerPort}/${b.protocol}`));
}

function containerChange(name: string, c: ObservedContainer | undefined, taskStatus: TaskState): ContainerChange {
  const notStarted: ContainerStatus = taskStatus === "STOPPED" ? "STOPPED" : "PENDING";
  if (!c) return { containerName: name, status: notStarted };
  const base = { containerName: name, runtimeId: c.id };
  switch (phaseOf(c)) {
    case "running": {
      const health = healthStatus(c);
      return { ...base, status: "RUNNING", networkBindings: c.networkBindings, ...(health ? { healthStatus: health } : {}) };
    }
    case "exited":
      return {
        ...base,
        status: "STOPPED",
        ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
        ...(c.oomKilled ? { reason: OOM_REASON } : {}),
      };
    default:
      return { ...base, status: notStarted };
  }
}

function differs(change: ContainerChange, server: AgentContainerState | undefined): boolean {
  return (
    !server ||
    server.lastStatus !== change.status ||
    (change.exitCode !== undefined && change.exitCode !== server.exitCode) ||
    (change.runtimeId !== undefined && change.runtimeId !== server.runtimeId) ||
    (change.healthStatus !== undefined && change.healthStatus !== server.healthStatus)
  );
}

/**
 * The report that moves the server's view of a task to `status`, carrying only the containers whose
 * state the server does not have yet; undefined when the server already knows everything.
 */
export function statusChange(
  task: AgentTask,
  observed: readonly ObservedContainer[],
  status: TaskState,
  reason?: string,
): TaskStateChange | undefined {
  const own = taskContainers(task, observed);
  const current = currentByName(own);
  const containers = task.taskDefinition.containerDefinitions
    .map((def) => containerChange(def.name, current.get(def.name), status))
    .filter((change) => differs(change, task.containers.find((c) => c.name === change.containerName)));
  if (laterState(task.lastStatus, status) === task.lastStatus && containers.length === 0) return undefined;
  const finishedAt = own.flatMap((c) => (c.finishedAt ? [Date.parse(c.finishedAt) / 1000] : []));
  return {
    task: task.taskArn,
    status,
    ...(reason ? { reason } : {}),
    containers,
    ...(status === "STOPPED" && finishedAt.length ? { executionStoppedAt: Math.max(...finishedAt) } : {}),
  };
}

const CONTAINER_ORDER: readonly string[] = ["PENDING", "RUNNING", "STOPPED"];

/** The server's view after it accepted `change` (states never move backwards), until its next answer. */
export function applyChange(task: AgentTask, change: TaskStateChange): AgentTask {
  const containers = [...task.containers];
  for (const c of change.containers) {
    const i = containers.findIndex((x) => x.name === c.containerName);
    const prev = containers[i];
    if (prev && CONTAINER_ORDER.indexOf(prev.lastStatus) > CONTAINER_ORDER.indexOf(c.status)) continue;
    const exitCode = c.exitCode ?? prev?.exitCode;
    const runtimeId = c.runtimeId ?? prev?.runtimeId;
    const healthStatus = c.healthStatus ?? prev?.healthStatus;
    const next: AgentContainerState = {
      name: c.containerName,
      lastStatus: c.status,
      ...(exitCode !== undefined ? { exitCode } : {}),
      ...(runtimeId !== undefined ? { runtimeId } : {}),
      ...(healthStatus !== undefined ? { healthStatus } : {}),
    };
    if (prev) containers[i] = next;
    else containers.push(next);
  }
  return { ...task, lastStatus: laterState(task.lastStatus, change.status), containers };
}

/**
 * The order to create and start containers: after the ones they depend on (dependsOn, links,
 * volumesFrom), else in definition order. A cycle (which ECS rejects at registration) falls back to
 * definition order.
 */
export function startOrder(defs: readonly ContainerDefinition[]): ContainerDefinition[] {
  const names = new Set(defs.map((d) => d.name));
  const needs = (def: ContainerDefinition) =>
    [
      ...(def.dependsOn ?? []).map((d) => d.containerName),
      ...(def.links ?? []).map((l) => l.split(":")[0]!),
      ...(def.volumesFrom ?? []).map((v) => v.sourceContainer ?? ""),
    ].filter((n) => names.has(n) && n !== def.name);
  const placed = new Set<string>();
  const order: ContainerDefinition[] = [];
  let rest = [...defs];
  while (rest.length) {
    const next = rest.find((def) => needs(def).every((n) => placed.has(n))) ?? rest[0]!;
    order.push(next);
    placed.add(next.name);
    rest = rest.filter((d) => d !== next);
  }
  return order;
}

export type DependencyCondition = NonNullable<ContainerDefinition["dependsOn"]>[number]["condition"];

/** Whether a dependency's condition holds (`met`), may still come (`waiting`) or never will (`failed`). */
export function dependencyState(condition: DependencyCondition, dep: ObservedContainer | undefined): "met" | "waiting" | "failed" {
  const phase = phaseOf(dep);
  if (phase === "missing") return "failed";
  switch (condition) {
    case "START":
      return phase === "created" ? "waiting" : "met";
    case "COMPLETE":
      return phase === "exited" ? "met" : "waiting";
    case "SUCCESS":
      return phase !== "exited" ? "waiting" : dep?.exitCode === 0 ? "met" : "failed";
    case "HEALTHY":
      return dep?.health === "healthy" ? "met" : phase === "exited" ? "failed" : "waiting";
  }
}
