/**
 * What the server and a container agent say to each other over HTTP, besides the ECS API actions the
 * agent calls as the real one does (RegisterContainerInstance, SubmitTaskStateChange).
 *
 * The agent long-polls POST {endpoint}/agent/v1/poll for the tasks the server wants on its instance.
 * Every answer is the whole desired state (level-triggered): the agent compares it with what Docker
 * has and reports the differences, so a lost message or a restart of either side corrects itself.
 */
import type { ContainerOverride, NetworkBinding, Tag } from "./ecs-types.ts";
import type { DesiredStatus, TaskState } from "./task-states.ts";
import type { TaskDefinition } from "./task-definition.ts";

export const AGENT_POLL_PATH = "/agent/v1/poll";

/**
 * How an agent proves who it is. RegisterContainerInstance answers with a token (agentToken, beside
 * containerInstance) that the agent sends on every later call: reports, polls, logs and stats. An
 * embedded agent registers with its EC2 instance's launch token, as an EC2 agent uses its instance role.
 */
export const AGENT_TOKEN_HEADER = "x-stevedore-agent-token";
export const INSTANCE_TOKEN_HEADER = "x-stevedore-instance-token";
/** The longest a poll is held open; an agent silent for three times this is disconnected. */
export const AGENT_POLL_WAIT_MS = 15_000;
export const AGENT_DISCONNECTED_AFTER_MS = 3 * AGENT_POLL_WAIT_MS;

export interface AgentPollRequest {
  cluster: string;
  containerInstanceArn: string;
  /** The version of the desired state the agent last saw; the server answers at once when it has a newer one. */
  seenVersion?: string;
  waitMs?: number;
}

export interface AgentContainerState {
  name: string;
  lastStatus: string;
  exitCode?: number;
  runtimeId?: string;
  healthStatus?: ContainerHealthStatus;
}

export type ContainerHealthStatus = "HEALTHY" | "UNHEALTHY" | "UNKNOWN";

/**
 * A container's entry in SubmitTaskStateChange, as the ECS API defines ContainerStateChange, plus
 * healthStatus: the real agent reports health over its own channel, which Stevedore folds in here.
 */
export interface ContainerStateReport {
  containerName: string;
  runtimeId?: string;
  status?: string;
  exitCode?: number;
  reason?: string;
  networkBindings?: NetworkBinding[];
  healthStatus?: ContainerHealthStatus;
}

/** The SubmitTaskStateChange request the agent sends. Timestamps are epoch seconds. */
export interface TaskStateChangeRequest {
  cluster: string;
  task: string;
  status?: string;
  reason?: string;
  containers?: ContainerStateReport[];
  pullStartedAt?: number;
  pullStoppedAt?: number;
  executionStoppedAt?: number;
}

/**
 * Container output the agent ships: POST {endpoint}/agent/v1/logs. The server keeps every line per
 * task and container; for awslogs containers it is also what CloudWatch Logs' GetLogEvents serves.
 */
export const AGENT_LOGS_PATH = "/agent/v1/logs";

export interface AgentLogBatch {
  cluster: string;
  containerInstanceArn: string;
  taskArn: string;
  containerName: string;
  /** Oldest first; timestamps in epoch milliseconds, as CloudWatch Logs counts them. */
  events: { timestamp: number; message: string; stream?: "stdout" | "stderr" }[];
}

/**
 * What the containers use, as the agent samples it from Docker: POST {endpoint}/agent/v1/stats. Every
 * sampling round gives all of the instance's running task containers one timestamp; a batch holds whole
 * rounds, oldest first. The server keeps the samples per task and serves ECS's CloudWatch metrics from
 * them (AWS/ECS CPUUtilization, MemoryUtilization...).
 */
export const AGENT_STATS_PATH = "/agent/v1/stats";
/** How often an agent samples its containers unless configured otherwise. */
export const AGENT_STATS_INTERVAL_MS = 10_000;

export interface AgentStatsSample {
  taskArn: string;
  containerName: string;
  /** Epoch milliseconds: when the round was taken. */
  timestamp: number;
  /** CPU used since the previous sample, in CPU units (1024 per vCPU): a busy single thread is about 1024. */
  cpuUnits: number;
  /** Memory in use in MiB, without the page cache Docker's CLI leaves out (inactive files). */
  memoryMiB: number;
}

export interface AgentStatsBatch {
  cluster: string;
  containerInstanceArn: string;
  samples: AgentStatsSample[];
}

export interface AgentTask {
  taskArn: string;
  desiredStatus: DesiredStatus;
  /** The server's view, so the agent reports only what differs. */
  lastStatus: TaskState;
  containers: AgentContainerState[];
  taskDefinition: TaskDefinition;
  containerOverrides: ContainerOverride[];
  /** The task's address: the instance's loopback address in bridge mode, its own one in awsvpc. */
  bindIP: string;
  cpu?: string;
  memory?: string;
  group?: string;
  startedBy?: string;
  createdAt: number;
  tags?: Tag[];
  /** EC2 unless the task runs on Fargate (then the agent runs it as Fargate would). */
  launchType?: "EC2" | "FARGATE";
  /** A Fargate task's zone: its subnet's, not the agent's. */
  availabilityZone?: string;
  /**
   * Credentials for the ECR registries its images name, as the ECS agent gets them for a task: a
   * registry password of the task's account. The agent always pulls these images (see docker.ts).
   */
  registryCredentials?: RegistryCredential[];
}

/** HTTP Basic credentials of a registry, by its address (`host:port`, as image references name it). */
export interface RegistryCredential {
  serverAddress: string;
  username: string;
  password: string;
}

export interface AgentPollResponse {
  version: string;
  /** False when the server no longer knows this instance (deregistered): the agent stops and re-registers. */
  registered: boolean;
  tasks: AgentTask[];
}

/** Docker labels that tie every container to its task, as the ECS agent writes them. */
export const LABELS = {
  cluster: "com.amazonaws.ecs.cluster",
  taskArn: "com.amazonaws.ecs.task-arn",
  containerName: "com.amazonaws.ecs.container-name",
  family: "com.amazonaws.ecs.task-definition-family",
  revision: "com.amazonaws.ecs.task-definition-version",
  containerInstanceArn: "stevedore.container-instance-arn",
} as const;
