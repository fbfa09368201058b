/** Response shapes of the ECS API, as the API reference names them. */
import type { DesiredStatus, StopCode, TaskState } from "./task-states.ts";
import type { TaskDefinition } from "./task-definition.ts";

export interface Tag {
  key: string;
  value?: string;
}

export interface KeyValuePair {
  name?: string;
  value?: string;
}

export interface Attribute {
  name: string;
  value?: string;
  targetType?: "container-instance";
  targetId?: string;
}

export interface Resource {
  name: "CPU" | "MEMORY" | "PORTS" | "PORTS_UDP" | string;
  type: "INTEGER" | "DOUBLE" | "LONG" | "STRINGSET";
  doubleValue: number;
  longValue: number;
  integerValue: number;
  stringSetValue?: string[];
}

export interface ClusterStatistic {
  name: string;
  value: string;
}

export interface Cluster {
  clusterArn: string;
  clusterName: string;
  status: "ACTIVE" | "PROVISIONING" | "DEPROVISIONING" | "FAILED" | "INACTIVE";
  registeredContainerInstancesCount: number;
  runningTasksCount: number;
  pendingTasksCount: number;
  activeServicesCount: number;
  statistics: ClusterStatistic[];
  tags: Tag[];
  settings: { name: "containerInsights"; value: string }[];
  capacityProviders: string[];
  defaultCapacityProviderStrategy: { capacityProvider: string; weight?: number; base?: number }[];
}

export interface VersionInfo {
  agentVersion?: string;
  agentHash?: string;
  dockerVersion?: string;
}

export interface ContainerInstance {
  containerInstanceArn: string;
  ec2InstanceId?: string;
  version: number;
  versionInfo: VersionInfo;
  remainingResources: Resource[];
  registeredResources: Resource[];
  status: "ACTIVE" | "DRAINING" | "INACTIVE" | "REGISTERING" | "DEREGISTERING" | "REGISTRATION_FAILED";
  statusReason?: string;
  agentConnected: boolean;
  runningTasksCount: number;
  pendingTasksCount: number;
  agentUpdateStatus?: string;
  attributes: Attribute[];
  registeredAt: number;
  attachments: unknown[];
  tags: Tag[];
}

export interface NetworkBinding {
  bindIP: string;
  containerPort: number;
  hostPort: number;
  protocol: "tcp" | "udp";
  containerPortRange?: string;
  hostPortRange?: string;
}

export interface Container {
  containerArn: string;
  taskArn: string;
  name: string;
  image: string;
  imageDigest?: string;
  runtimeId?: string;
  lastStatus: string;
  exitCode?: number;
  reason?: string;
  networkBindings: NetworkBinding[];
  networkInterfaces: unknown[];
  healthStatus: "HEALTHY" | "UNHEALTHY" | "UNKNOWN";
  cpu?: string;
  memory?: string;
  memoryReservation?: string;
}

export interface ContainerOverride {
  name?: string;
  command?: string[];
  environment?: KeyValuePair[];
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
}

export interface TaskOverride {
  containerOverrides?: ContainerOverride[];
  cpu?: string;
  memory?: string;
  taskRoleArn?: string;
  executionRoleArn?: string;
}

export interface Task {
  taskArn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  containerInstanceArn?: string;
  overrides: TaskOverride;
  lastStatus: TaskState;
  desiredStatus: DesiredStatus;
  cpu?: string;
  memory?: string;
  containers: Container[];
  startedBy?: string;
  version: number;
  stoppedReason?: string;
  stopCode?: StopCode;
  connectivity?: "CONNECTED" | "DISCONNECTED";
  connectivityAt?: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  executionStoppedAt?: number;
  createdAt: number;
  startedAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  group?: string;
  launchType: "EC2" | "FARGATE" | "EXTERNAL";
  /** Fargate: the platform it runs on, and the capacity provider of a strategy that launched it. */
  platformVersion?: string;
  platformFamily?: string;
  capacityProviderName?: string;
  ephemeralStorage?: { sizeInGiB: number };
  availabilityZone?: string;
  attachments: unknown[];
  healthStatus: "HEALTHY" | "UNHEALTHY" | "UNKNOWN";
  tags: Tag[];
  enableExecuteCommand: boolean;
}

/** A placement strategy of RunTask and CreateService; constraints are in task-definition.ts. */
export interface PlacementStrategy {
  type: "random" | "spread" | "binpack";
  field?: string;
}

export interface Failure {
  arn?: string;
  reason: string;
  detail?: string;
}

export type { TaskDefinition };
