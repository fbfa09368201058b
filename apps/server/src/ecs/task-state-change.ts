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
  type StopCode,
  type TaskState,
  type TaskStateChangeRequest,
} from "@stevedore/shared";

export type TaskStateReport = Omit<TaskStateChangeRequest, "cluster" | "task">;

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
const fromSeconds = (s: number | undefined) => (typeof s === "number" && Number.isFinite(s) ? new Date(s * 1000) : undefined);

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
      if (r.networkBindings?.length) next.networkBindings = r.networkBindings;
      if (r.healthStatus) next.healthStatus = r.healthStatus;
    }
    if (stopped) next.lastStatus = "STOPPED";
    return next;
  });
  // A stopped task's checks no longer run: its health is UNKNOWN, not its last answer.
  const healthStatus = stopped ? "UNKNOWN" : taskHealth(containers, definitions);
  const next: TaskStateFields = { ...current, lastStatus, containers, healthStatus };
  next.pullStartedAt = current.pullStartedAt ?? fromSeconds(report.pullStartedAt) ?? null;
  next.pullStoppedAt = current.pullStoppedAt ?? fromSeconds(report.pullStoppedAt) ?? null;
  if (lastStatus === "RUNNING" && !current.startedAt) next.startedAt = now;
  if (["DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"].includes(lastStatus) && !current.stoppingAt) next.stoppingAt = now;
  if (stopped) {
    next.desiredStatus = "STOPPED";
    next.stoppedAt = current.stoppedAt ?? now;
    next.executionStoppedAt = current.executionStoppedAt ?? fromSeconds(report.executionStoppedAt) ?? now;
    next.stoppedReason = current.stoppedReason ?? report.reason ?? STOPPED_REASONS.essentialContainerExited;
    next.stopCode = current.stopCode ?? stopCodeFor(next.stoppedReason);
  }
  return next;
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
