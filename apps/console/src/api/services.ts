/** The ECS service actions the console calls (CreateService, UpdateService, DeleteService, Describe/ListServices). */
import { callEcs, type Failure, type Tag, type Task } from "@stevedore/shared";
import { describeTasks } from "./ecs.ts";
import { endpoint } from "./endpoint.ts";
import type { PlacementConstraint, PlacementStrategy } from "@stevedore/shared";
import type { LaunchType, StrategyItem } from "../lib/compute.ts";
import type { NetworkConfiguration } from "../lib/networking.ts";

const ecs = <T>(action: string, body: unknown, signal?: AbortSignal) => callEcs<T>(endpoint(), action, body, signal);

export type SchedulingStrategy = "REPLICA" | "DAEMON";
export type RolloutState = "IN_PROGRESS" | "COMPLETED" | "FAILED";

export type { PlacementConstraint, PlacementStrategy };

export interface DeploymentConfiguration {
  minimumHealthyPercent?: number;
  maximumPercent?: number;
  deploymentCircuitBreaker?: { enable: boolean; rollback: boolean };
}

export interface Deployment {
  id: string;
  status: "PRIMARY" | "ACTIVE" | "INACTIVE" | string;
  taskDefinition: string;
  desiredCount: number;
  pendingCount: number;
  runningCount: number;
  failedTasks?: number;
  createdAt: number;
  updatedAt: number;
  launchType?: string;
  rolloutState?: RolloutState | string;
  rolloutStateReason?: string;
}

export interface ServiceEvent {
  id: string;
  createdAt: number;
  message: string;
}

export interface Service {
  serviceArn: string;
  serviceName: string;
  clusterArn?: string;
  status: "ACTIVE" | "DRAINING" | "INACTIVE" | string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  /** Either the launch type asked for or the capacity provider strategy. */
  launchType?: string;
  capacityProviderStrategy?: StrategyItem[];
  platformVersion?: string;
  platformFamily?: string;
  taskDefinition: string;
  deploymentConfiguration?: DeploymentConfiguration;
  deployments?: Deployment[];
  events?: ServiceEvent[];
  createdAt?: number;
  createdBy?: string;
  placementConstraints?: PlacementConstraint[];
  placementStrategy?: PlacementStrategy[];
  schedulingStrategy?: SchedulingStrategy;
  deploymentController?: { type: string };
  healthCheckGracePeriodSeconds?: number;
  enableECSManagedTags?: boolean;
  propagateTags?: string;
  networkConfiguration?: NetworkConfiguration;
  loadBalancers?: unknown[];
  tags?: Tag[];
}

export interface CreateServiceInput {
  cluster: string;
  serviceName: string;
  taskDefinition: string;
  desiredCount?: number;
  launchType?: LaunchType;
  capacityProviderStrategy?: Required<StrategyItem>[];
  platformVersion?: string;
  networkConfiguration?: NetworkConfiguration;
  schedulingStrategy: SchedulingStrategy;
  deploymentConfiguration: DeploymentConfiguration;
  placementStrategy?: PlacementStrategy[];
  placementConstraints?: PlacementConstraint[];
  healthCheckGracePeriodSeconds?: number;
  enableECSManagedTags?: boolean;
  propagateTags?: "TASK_DEFINITION" | "SERVICE" | "NONE";
  tags?: Tag[];
}

export interface UpdateServiceInput {
  cluster: string;
  service: string;
  desiredCount?: number;
  taskDefinition?: string;
  forceNewDeployment?: boolean;
  deploymentConfiguration?: DeploymentConfiguration;
  placementStrategy?: PlacementStrategy[];
  placementConstraints?: PlacementConstraint[];
  healthCheckGracePeriodSeconds?: number;
  networkConfiguration?: NetworkConfiguration;
}

/** DescribeServices takes at most 10 names. */
const BATCH = 10;

export async function createService(input: CreateServiceInput): Promise<Service> {
  const r = await ecs<{ service: Service }>("CreateService", input);
  return r.service;
}

export async function updateService(input: UpdateServiceInput): Promise<Service> {
  const r = await ecs<{ service: Service }>("UpdateService", input);
  return r.service;
}

export async function deleteService(cluster: string, service: string, force: boolean): Promise<Service> {
  const r = await ecs<{ service: Service }>("DeleteService", { cluster, service, force });
  return r.service;
}

export async function listServices(cluster: string, signal?: AbortSignal): Promise<string[]> {
  const all: string[] = [];
  let nextToken: string | undefined;
  do {
    const r = await ecs<{ serviceArns?: string[]; nextToken?: string }>("ListServices", { cluster, nextToken }, signal);
    all.push(...(r.serviceArns ?? []));
    nextToken = r.nextToken ?? undefined;
  } while (nextToken);
  return all;
}

export async function describeServices(
  cluster: string,
  services: readonly string[],
  signal?: AbortSignal,
): Promise<{ services: Service[]; failures: Failure[] }> {
  const out = { services: [] as Service[], failures: [] as Failure[] };
  const batches: string[][] = [];
  for (let i = 0; i < services.length; i += BATCH) batches.push(services.slice(i, i + BATCH));
  const answers = await Promise.all(
    batches.map((batch) =>
      ecs<{ services?: Service[]; failures?: Failure[] }>("DescribeServices", { cluster, services: batch, include: ["TAGS"] }, signal),
    ),
  );
  for (const r of answers) {
    out.services.push(...(r.services ?? []));
    out.failures.push(...(r.failures ?? []));
  }
  return out;
}

/** A service's task ARNs with one desired status (ListTasks by serviceName). */
export async function listServiceTasks(
  cluster: string,
  serviceName: string,
  desiredStatus: "RUNNING" | "STOPPED",
  signal?: AbortSignal,
): Promise<string[]> {
  const all: string[] = [];
  let nextToken: string | undefined;
  do {
    const r = await ecs<{ taskArns?: string[]; nextToken?: string }>(
      "ListTasks",
      { cluster, serviceName, desiredStatus, nextToken },
      signal,
    );
    all.push(...(r.taskArns ?? []));
    nextToken = r.nextToken ?? undefined;
  } while (nextToken);
  return all;
}

/** A service's tasks (running, stopped or both), described. */
export async function fetchServiceTasks(
  cluster: string,
  serviceName: string,
  statuses: readonly ("RUNNING" | "STOPPED")[],
  signal?: AbortSignal,
): Promise<Task[]> {
  const lists = await Promise.all(statuses.map((s) => listServiceTasks(cluster, serviceName, s, signal)));
  const arns = [...new Set(lists.flat())];
  if (arns.length === 0) return [];
  return (await describeTasks(cluster, arns, signal)).tasks;
}

/**
 * Deletes every ACTIVE service of a cluster with force (what the console's stack deletion does before
 * the cluster can go): DeleteCluster answers ClusterContainsServicesException until they are INACTIVE.
 */
export async function forceDeleteClusterServices(cluster: string, onStep: (text: string) => void): Promise<number> {
  const arns = await listServices(cluster);
  if (arns.length === 0) return 0;
  const { services } = await describeServices(cluster, arns);
  const active = services.filter((s) => s.status === "ACTIVE");
  for (const s of active) {
    onStep(`Deleting service ${s.serviceName}`);
    await deleteService(cluster, s.serviceName, true);
  }
  return active.length;
}
