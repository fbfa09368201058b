/** The ECS JSON 1.1 actions the console calls, typed, with pagination and batching as the CLI does them. */
import {
  callEcs,
  type Cluster,
  type ContainerInstance,
  type ContainerOverride,
  type Failure,
  type RegisterTaskDefinitionInput,
  type Tag,
  type Task,
  type TaskDefinition,
} from "@stevedore/shared";
import type { LaunchType, StrategyItem } from "../lib/compute.ts";
import type { NetworkConfiguration } from "../lib/networking.ts";
import { endpoint } from "./endpoint.ts";

const ecs = <T>(action: string, body: unknown, signal?: AbortSignal) => callEcs<T>(endpoint(), action, body, signal);

/** Splits `items` into batches of `size` (Describe* actions take at most 100 names). */
function chunks<T>(items: readonly T[], size = 100): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Follows nextToken until the list ends. */
async function listAll<T>(
  fetchPage: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string | null }>,
): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    all.push(...page.items);
    token = page.nextToken ?? undefined;
  } while (token);
  return all;
}

export type CapacityProviderStrategyItem = StrategyItem;

export interface CapacityProvider {
  capacityProviderArn: string;
  name: string;
  status: "ACTIVE" | "INACTIVE" | string;
  autoScalingGroupProvider?: {
    autoScalingGroupArn: string;
    managedScaling?: { status?: string; targetCapacity?: number; minimumScalingStepSize?: number; maximumScalingStepSize?: number };
    managedTerminationProtection?: string;
  };
  updateStatus?: string;
  updateStatusReason?: string;
  tags?: Tag[];
}

// ---- Clusters ----

export async function listClusters(signal?: AbortSignal): Promise<string[]> {
  return listAll(async (nextToken) => {
    const r = await ecs<{ clusterArns: string[]; nextToken?: string }>("ListClusters", { nextToken }, signal);
    return { items: r.clusterArns ?? [], nextToken: r.nextToken };
  });
}

export async function describeClusters(
  clusters: readonly string[],
  signal?: AbortSignal,
  include: string[] = ["STATISTICS", "TAGS"],
): Promise<{ clusters: Cluster[]; failures: Failure[] }> {
  const out = { clusters: [] as Cluster[], failures: [] as Failure[] };
  for (const batch of chunks(clusters)) {
    const r = await ecs<{ clusters?: Cluster[]; failures?: Failure[] }>(
      "DescribeClusters",
      { clusters: batch, include },
      signal,
    );
    out.clusters.push(...(r.clusters ?? []));
    out.failures.push(...(r.failures ?? []));
  }
  return out;
}

export async function createCluster(input: {
  clusterName: string;
  tags?: Tag[];
  settings?: { name: "containerInsights"; value: string }[];
  capacityProviders?: string[];
}): Promise<Cluster> {
  const r = await ecs<{ cluster: Cluster }>("CreateCluster", input);
  return r.cluster;
}

export async function deleteCluster(cluster: string): Promise<Cluster> {
  const r = await ecs<{ cluster: Cluster }>("DeleteCluster", { cluster });
  return r.cluster;
}

export async function putClusterCapacityProviders(input: {
  cluster: string;
  capacityProviders: string[];
  defaultCapacityProviderStrategy: CapacityProviderStrategyItem[];
}): Promise<Cluster> {
  const r = await ecs<{ cluster: Cluster }>("PutClusterCapacityProviders", input);
  return r.cluster;
}

// ---- Capacity providers ----

export async function createCapacityProvider(input: {
  name: string;
  autoScalingGroupProvider: CapacityProvider["autoScalingGroupProvider"];
  tags?: Tag[];
}): Promise<CapacityProvider> {
  const r = await ecs<{ capacityProvider: CapacityProvider }>("CreateCapacityProvider", input);
  return r.capacityProvider;
}

export async function deleteCapacityProvider(capacityProvider: string): Promise<void> {
  await ecs("DeleteCapacityProvider", { capacityProvider });
}

export async function describeCapacityProviders(names: readonly string[], signal?: AbortSignal): Promise<CapacityProvider[]> {
  if (names.length === 0) return [];
  const r = await ecs<{ capacityProviders?: CapacityProvider[] }>(
    "DescribeCapacityProviders",
    { capacityProviders: names },
    signal,
  );
  return r.capacityProviders ?? [];
}

// ---- Task definitions ----

export async function registerTaskDefinition(input: RegisterTaskDefinitionInput): Promise<TaskDefinition> {
  const r = await ecs<{ taskDefinition: TaskDefinition }>("RegisterTaskDefinition", input);
  return r.taskDefinition;
}

export async function describeTaskDefinition(
  taskDefinition: string,
  signal?: AbortSignal,
): Promise<{ taskDefinition: TaskDefinition; tags: Tag[] }> {
  const r = await ecs<{ taskDefinition: TaskDefinition; tags?: Tag[] }>(
    "DescribeTaskDefinition",
    { taskDefinition, include: ["TAGS"] },
    signal,
  );
  return { taskDefinition: r.taskDefinition, tags: r.tags ?? [] };
}

export type TaskDefinitionStatus = "ACTIVE" | "INACTIVE";

export async function listTaskDefinitions(
  input: { familyPrefix?: string; status?: TaskDefinitionStatus; sort?: "ASC" | "DESC" },
  signal?: AbortSignal,
): Promise<string[]> {
  return listAll(async (nextToken) => {
    const r = await ecs<{ taskDefinitionArns: string[]; nextToken?: string }>(
      "ListTaskDefinitions",
      { ...input, nextToken },
      signal,
    );
    return { items: r.taskDefinitionArns ?? [], nextToken: r.nextToken };
  });
}

export async function listTaskDefinitionFamilies(status: TaskDefinitionStatus, signal?: AbortSignal): Promise<string[]> {
  return listAll(async (nextToken) => {
    const r = await ecs<{ families: string[]; nextToken?: string }>("ListTaskDefinitionFamilies", { status, nextToken }, signal);
    return { items: r.families ?? [], nextToken: r.nextToken };
  });
}

// ---- Tasks ----

export interface RunTaskInput {
  cluster: string;
  taskDefinition: string;
  count: number;
  launchType?: LaunchType;
  capacityProviderStrategy?: Required<CapacityProviderStrategyItem>[];
  platformVersion?: string;
  networkConfiguration?: NetworkConfiguration;
  group?: string;
  startedBy?: string;
  overrides?: { containerOverrides: ContainerOverride[] };
  placementStrategy?: { type: "random" | "spread" | "binpack"; field?: string }[];
  placementConstraints?: { type: "distinctInstance" | "memberOf"; expression?: string }[];
}

export async function runTask(input: RunTaskInput): Promise<{ tasks: Task[]; failures: Failure[] }> {
  const r = await ecs<{ tasks?: Task[]; failures?: Failure[] }>("RunTask", input);
  return { tasks: r.tasks ?? [], failures: r.failures ?? [] };
}

export async function stopTask(cluster: string, task: string, reason?: string): Promise<Task> {
  const r = await ecs<{ task: Task }>("StopTask", { cluster, task, reason });
  return r.task;
}

export async function listTasks(
  input: { cluster: string; desiredStatus?: "RUNNING" | "STOPPED"; containerInstance?: string; family?: string },
  signal?: AbortSignal,
): Promise<string[]> {
  return listAll(async (nextToken) => {
    const r = await ecs<{ taskArns: string[]; nextToken?: string }>("ListTasks", { ...input, nextToken }, signal);
    return { items: r.taskArns ?? [], nextToken: r.nextToken };
  });
}

/** One page of ListTasks. */
export async function listTaskPage(
  input: { cluster: string; desiredStatus?: "RUNNING" | "STOPPED"; nextToken?: string; maxResults?: number },
  signal?: AbortSignal,
): Promise<{ taskArns: string[]; nextToken?: string }> {
  const r = await ecs<{ taskArns?: string[]; nextToken?: string }>("ListTasks", input, signal);
  return { taskArns: r.taskArns ?? [], nextToken: r.nextToken };
}

export async function describeTasks(
  cluster: string,
  tasks: readonly string[],
  signal?: AbortSignal,
): Promise<{ tasks: Task[]; failures: Failure[] }> {
  const out = { tasks: [] as Task[], failures: [] as Failure[] };
  for (const batch of chunks(tasks)) {
    const r = await ecs<{ tasks?: Task[]; failures?: Failure[] }>("DescribeTasks", { cluster, tasks: batch }, signal);
    out.tasks.push(...(r.tasks ?? []));
    out.failures.push(...(r.failures ?? []));
  }
  return out;
}

// ---- Container instances ----

export async function listContainerInstances(
  input: { cluster: string; status?: string; /** A cluster query language expression. */ filter?: string },
  signal?: AbortSignal,
): Promise<string[]> {
  return listAll(async (nextToken) => {
    const r = await ecs<{ containerInstanceArns: string[]; nextToken?: string }>(
      "ListContainerInstances",
      { ...input, nextToken },
      signal,
    );
    return { items: r.containerInstanceArns ?? [], nextToken: r.nextToken };
  });
}

/** One page of ListContainerInstances. */
export async function listContainerInstancePage(
  input: { cluster: string; status?: string; nextToken?: string; maxResults?: number },
  signal?: AbortSignal,
): Promise<{ containerInstanceArns: string[]; nextToken?: string }> {
  const r = await ecs<{ containerInstanceArns?: string[]; nextToken?: string }>("ListContainerInstances", input, signal);
  return { containerInstanceArns: r.containerInstanceArns ?? [], nextToken: r.nextToken };
}

export async function describeContainerInstances(
  cluster: string,
  containerInstances: readonly string[],
  signal?: AbortSignal,
): Promise<ContainerInstance[]> {
  const out: ContainerInstance[] = [];
  for (const batch of chunks(containerInstances)) {
    const r = await ecs<{ containerInstances?: ContainerInstance[] }>(
      "DescribeContainerInstances",
      { cluster, containerInstances: batch },
      signal,
    );
    out.push(...(r.containerInstances ?? []));
  }
  return out;
}

export async function updateContainerInstancesState(input: {
  cluster: string;
  containerInstances: string[];
  status: "ACTIVE" | "DRAINING";
}): Promise<{ containerInstances: ContainerInstance[]; failures: Failure[] }> {
  const r = await ecs<{ containerInstances?: ContainerInstance[]; failures?: Failure[] }>("UpdateContainerInstancesState", input);
  return { containerInstances: r.containerInstances ?? [], failures: r.failures ?? [] };
}

export async function deregisterContainerInstance(input: {
  cluster: string;
  containerInstance: string;
  force?: boolean;
}): Promise<ContainerInstance> {
  const r = await ecs<{ containerInstance: ContainerInstance }>("DeregisterContainerInstance", input);
  return r.containerInstance;
}

// ---- Attributes ----

export interface TargetAttribute {
  name: string;
  value?: string;
  targetType?: "container-instance";
  targetId?: string;
}

export async function putAttributes(cluster: string, attributes: TargetAttribute[]): Promise<TargetAttribute[]> {
  const r = await ecs<{ attributes?: TargetAttribute[] }>("PutAttributes", { cluster, attributes });
  return r.attributes ?? [];
}

export async function deleteAttributes(cluster: string, attributes: TargetAttribute[]): Promise<TargetAttribute[]> {
  const r = await ecs<{ attributes?: TargetAttribute[] }>("DeleteAttributes", { cluster, attributes });
  return r.attributes ?? [];
}

export async function listAttributes(
  input: { cluster: string; attributeName?: string; attributeValue?: string },
  signal?: AbortSignal,
): Promise<TargetAttribute[]> {
  return listAll(async (nextToken) => {
    const r = await ecs<{ attributes?: TargetAttribute[]; nextToken?: string }>(
      "ListAttributes",
      { ...input, targetType: "container-instance", nextToken },
      signal,
    );
    return { items: r.attributes ?? [], nextToken: r.nextToken };
  });
}
