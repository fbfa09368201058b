/** ECS task lifecycle states in the order a task moves through them. */
export const TASK_STATES = [
  "PROVISIONING",
  "PENDING",
  "ACTIVATING",
  "RUNNING",
  "DEACTIVATING",
  "STOPPING",
  "DEPROVISIONING",
  "STOPPED",
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const DESIRED_STATES = ["RUNNING", "PENDING", "STOPPED"] as const;
export type DesiredStatus = (typeof DESIRED_STATES)[number];

export const isTaskState = (s: string): s is TaskState => (TASK_STATES as readonly string[]).includes(s);

/** A task never moves backwards: a late report of an earlier state is ignored. */
export function laterState(current: TaskState, reported: TaskState): TaskState {
  return TASK_STATES.indexOf(reported) > TASK_STATES.indexOf(current) ? reported : current;
}

export const STOP_CODES = [
  "TaskFailedToStart",
  "EssentialContainerExited",
  "UserInitiated",
  "ServiceSchedulerInitiated",
  "SpotInterruption",
  "TerminationNotice",
] as const;
export type StopCode = (typeof STOP_CODES)[number];

/** stoppedReason texts as ECS writes them. */
export const STOPPED_REASONS = {
  userInitiated: "Task stopped by user",
  essentialContainerExited: "Essential container in task exited",
  instanceTerminated: (ec2InstanceId: string) => `Host EC2 (instance ${ec2InstanceId}) stopped/terminated`,
  deregistrationForced: "Container instance deregistration forced by user",
  failedToStart: "Task failed to start",
} as const;

/** The states ECS counts as pending (pendingCount, pendingTasksCount, ListTasks' desiredStatus PENDING). */
export const PENDING_TASK_STATES: readonly TaskState[] = ["PROVISIONING", "PENDING", "ACTIVATING"];
export const isPendingState = (s: string): boolean => (PENDING_TASK_STATES as readonly string[]).includes(s);

/** A task's group: `service:NAME` for a service's tasks, `family:FAMILY` by default for RunTask's. */
const SERVICE_GROUP_PREFIX = "service:";
export const serviceGroup = (serviceName: string) => `${SERVICE_GROUP_PREFIX}${serviceName}`;
export const familyGroup = (family: string) => `family:${family}`;
/** The service a task belongs to, from its group; undefined for a standalone task. */
export const serviceNameOfGroup = (group: string | null | undefined): string | undefined =>
  group?.startsWith(SERVICE_GROUP_PREFIX) ? group.slice(SERVICE_GROUP_PREFIX.length) : undefined;
