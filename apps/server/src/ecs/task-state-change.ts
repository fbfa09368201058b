/**
 * How an agent's report (SubmitTaskStateChange) changes a task: states only move forward, container
 * details merge by name, and the first stop reason wins (a user's StopTask reason is kept).
 */
import {
  isTaskState,
  laterState,
  STOPPED_REASONS,
  type Container,
  type ContainerDefinition,
  type NetworkBinding,
  type StopCode,
  type TaskState,
} from "@stevedore/shared";
import type { ContainerStateChange, SubmitTaskStateChangeRequest } from "@stevedore/shared/aws/models/ecs";

export type TaskStateReport = Omit<SubmitTaskStateChangeRequest, "cluster" | "task">;

export interface TaskStateFields {
  lastStatus: string;
  desiredStatus: string;
  containers: Container[];
  stoppedReason: string | null;
  stopCode: string | null;
  healthStatus: string;
  startedAt: Date | null;
  stoppingAt: Date | null;
  stoppedAt: Date | null;
  pullStartedAt: Date | null;
  pullStoppedAt: Date | null;
  executionStoppedAt: Date | null;
}

const CONTAINER_ORDER = ["PENDING", "RUNNING", "STOPPED"];
/** A reported time: a Date once the API edge decoded it, or the epoch seconds an agent sent. */
const reportedTime = (t: Date | number | undefined) =>
  t instanceof Date ? t : typeof t === "number" && Number.isFinite(t) ? new Date(t * 1000) : undefined;

export function applyTaskStateChange(
  current: TaskStateFields,
  report: TaskStateReport,
  now: Date,
  definitions: readonly Pick<ContainerDefinition, "name" | "essential" | "healthCheck">[] = [],
): TaskStateFields {
  const reported = report.status && isTaskState(report.status) ? report.status : undefined;
  const lastStatus: TaskState = reported ? laterState(current.lastStatus as TaskState, reported) : (current.lastStatus as TaskState);
  const stopped = lastStatus === "STOPPED";
  const containers = current.containers.map((c) => {
    const r = report.containers?.find((x) => x.containerName === c.name);
    const next: Container = { ...c };
    if (r) {
      if (r.status && CONTAINER_ORDER.indexOf(r.status) > CONTAINER_ORDER.indexOf(c.lastStatus)) next.lastStatus = r.status;
      if (r.runtimeId) next.runtimeId = r.runtimeId;
      if (r.exitCode !== undefined && r.exitCode !== null) next.exitCode = r.exitCode;
      if (r.reason) next.reason = r.reason;
      if (r.networkBindings?.length) next.networkBindings = r.networkBindings.flatMap(completeBinding);
      if (r.healthStatus) next.healthStatus = r.healthStatus;
    }
    if (stopped) next.lastStatus = "STOPPED";
    return next;
  });
  // A stopped task's checks no longer run: its health is UNKNOWN, not its last answer.
  const healthStatus = stopped ? "UNKNOWN" : taskHealth(containers, definitions);
  const next: TaskStateFields = { ...current, lastStatus, containers, healthStatus };
  next.pullStartedAt = current.pullStartedAt ?? reportedTime(report.pullStartedAt) ?? null;
  next.pullStoppedAt = current.pullStoppedAt ?? reportedTime(report.pullStoppedAt) ?? null;
  if (lastStatus === "RUNNING" && !current.startedAt) next.startedAt = now;
  if (["DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"].includes(lastStatus) && !current.stoppingAt) next.stoppingAt = now;
  if (stopped) {
    next.desiredStatus = "STOPPED";
    next.stoppedAt = current.stoppedAt ?? now;
    next.executionStoppedAt = current.executionStoppedAt ?? reportedTime(report.executionStoppedAt) ?? now;
    next.stoppedReason = current.stoppedReason ?? report.reason ?? STOPPED_REASONS.essentialContainerExited;
    next.stopCode = current.stopCode ?? stopCodeFor(next.stoppedReason);
  }
  return next;
}

/** A reported binding with what ECS always shows: address, both ports and the protocol (tcp unless said). */
function completeBinding(b: NonNullable<ContainerStateChange["networkBindings"]>[number]): NetworkBinding[] {
  const { bindIP, containerPort, hostPort } = b;
  if (bindIP === undefined || containerPort === undefined || hostPort === undefined) return [];
  return [{ ...b, bindIP, containerPort, hostPort, protocol: b.protocol ?? "tcp" }];
}

function stopCodeFor(reason: string): StopCode {
  if (reason.startsWith(STOPPED_REASONS.failedToStart)) return "TaskFailedToStart";
  if (reason === STOPPED_REASONS.userInitiated) return "UserInitiated";
  return "EssentialContainerExited";
}

/**
 * ECS's task health: UNHEALTHY when an essential container with a health check fails it, HEALTHY when
 * all of them pass, UNKNOWN while they are evaluated or when no essential container has a check.
 */
export function taskHealth(containers: readonly Container[], definitions: readonly Pick<ContainerDefinition, "name" | "essential" | "healthCheck">[]): Container["healthStatus"] {
  const checked = definitions.filter((d) => d.essential !== false && d.healthCheck);
  const statuses = checked.map((d) => containers.find((c) => c.name === d.name)?.healthStatus ?? "UNKNOWN");
  if (statuses.length === 0) return "UNKNOWN";
  if (statuses.includes("UNHEALTHY")) return "UNHEALTHY";
  return statuses.every((s) => s === "HEALTHY") ? "HEALTHY" : "UNKNOWN";
}
