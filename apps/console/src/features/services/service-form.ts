/**
 * The Create service and Update service forms as pure data: values, their defaults, checks, and the
 * CreateService/UpdateService requests they send. No React: unit-tested under apps/console/test.
 */
import type { Tag } from "@stevedore/shared";
import type {
  CreateServiceInput,
  DeploymentConfiguration,
  PlacementConstraint,
  PlacementStrategy,
  SchedulingStrategy,
  Service,
  UpdateServiceInput,
} from "../../api/services.ts";
import { computeValuesOf } from "../../lib/compute.ts";
import { checkLaunch, launchRequest, launchTypeOf, placementApplies, type LaunchContext, type LaunchValues } from "../../lib/launch.ts";
import { checkNetwork, networkRequest, networkValuesOf } from "../../lib/networking.ts";
import {
  DEFAULT_PLACEMENT,
  fromApiPlacement,
  hasPlacementIssues,
  placementIssues,
  toApiPlacement,
  type PlacementValue,
} from "../../lib/placement.ts";

export interface ServiceFormValues extends LaunchValues {
  cluster: string;
  family: string;
  /** A revision number, or "LATEST". */
  revision: string;
  serviceName: string;
  serviceType: SchedulingStrategy;
  desiredCount: string;
  minimumHealthyPercent: string;
  maximumPercent: string;
  circuitBreaker: boolean;
  rollback: boolean;
  healthCheckGracePeriod: string;
  /** The placement editor's value (components/PlacementEditor.tsx): strategies and constraints. */
  placement: PlacementValue;
  managedTags: boolean;
  propagateTags: "NONE" | "TASK_DEFINITION" | "SERVICE";
  tags: { key: string; value: string }[];
}

/** The console's defaults: 1 task, 100 % / 200 %, circuit breaker with rollback, AZ Balanced Spread. */
export function defaultServiceForm(init: Partial<Pick<ServiceFormValues, "cluster" | "family" | "revision">> = {}): ServiceFormValues {
  return {
    cluster: init.cluster ?? "",
    family: init.family ?? "",
    revision: init.revision ?? "LATEST",
    compute: null,
    network: null,
    serviceName: "",
    serviceType: "REPLICA",
    desiredCount: "1",
    minimumHealthyPercent: "100",
    maximumPercent: "200",
    circuitBreaker: true,
    rollback: true,
    healthCheckGracePeriod: "",
    placement: { strategies: DEFAULT_PLACEMENT.strategies.map((x) => ({ ...x })), constraints: [] },
    managedTags: true,
    propagateTags: "NONE",
    tags: [],
  };
}

/** Switching the service type moves untouched percentages to that type's defaults (Daemon: 0 / 100). */
export function withServiceType(values: ServiceFormValues, serviceType: SchedulingStrategy): ServiceFormValues {
  const defaults = serviceType === "DAEMON" ? ["0", "100"] : ["100", "200"];
  const previous = values.serviceType === "DAEMON" ? ["0", "100"] : ["100", "200"];
  return {
    ...values,
    serviceType,
    minimumHealthyPercent: values.minimumHealthyPercent === previous[0] ? defaults[0]! : values.minimumHealthyPercent,
    maximumPercent: values.maximumPercent === previous[1] ? defaults[1]! : values.maximumPercent,
    // Daemon services take no placement strategy, only constraints.
    placement: serviceType === "DAEMON" ? { strategies: [], constraints: values.placement.constraints } : values.placement,
  };
}

const SERVICE_NAME = /^[a-zA-Z0-9_-]{1,255}$/;
const isWhole = (s: string) => /^\d+$/.test(s.trim());

export type ServiceFormErrors = Partial<Record<string, string>>;

/**
 * The form's issues by field path, in the console's words (ECS's for compute and networking). `ctx` is
 * what the form knows of the cluster, the chosen task definition and the default VPC.
 */
export function checkServiceForm(v: ServiceFormValues, mode: "create" | "update" = "create", ctx: LaunchContext = {}): ServiceFormErrors {
  const errors: ServiceFormErrors = {};
  if (mode === "create") {
    if (!v.cluster) errors.cluster = "Choose a cluster.";
    if (!v.serviceName.trim()) errors.serviceName = "Enter a service name.";
    else if (!SERVICE_NAME.test(v.serviceName.trim()))
      errors.serviceName = "The service name can have 1 to 255 characters: letters (uppercase and lowercase), numbers, hyphens and underscores.";
  }
  if (!v.family) errors.family = "Choose a task definition family.";
  if (v.serviceType === "REPLICA") {
    if (!isWhole(v.desiredCount)) errors.desiredCount = "Desired tasks must be a whole number, 0 or more.";
    else if (Number(v.desiredCount) > 1000) errors.desiredCount = "Desired tasks can be at most 1,000.";
  }
  const min = v.minimumHealthyPercent.trim();
  const max = v.maximumPercent.trim();
  if (!isWhole(min) || Number(min) > 100) errors.minimumHealthyPercent = "Min running tasks must be a whole number from 0 to 100.";
  if (!isWhole(max) || Number(max) < (v.serviceType === "DAEMON" ? 0 : 100))
    errors.maximumPercent =
      v.serviceType === "DAEMON" ? "Max running tasks must be a whole number." : "Max running tasks must be a whole number of at least 100.";
  if (!errors.minimumHealthyPercent && !errors.maximumPercent && Number(min) > Number(max))
    errors.maximumPercent = "Max running tasks must be at least Min running tasks.";
  const grace = v.healthCheckGracePeriod.trim();
  if (grace && (!isWhole(grace) || Number(grace) > 2_147_483_647)) errors.healthCheckGracePeriod = "Enter a whole number of seconds.";
  if (mode === "create") Object.assign(errors, checkLaunch(v, ctx, { daemon: v.serviceType === "DAEMON" }));
  else if (v.network) Object.assign(errors, checkNetwork(v.network, ctx.definition?.networkMode));
  if (placementApplies(v, ctx)) Object.assign(errors, checkPlacement(v.placement, v.serviceType));
  v.tags.forEach((t, i) => {
    if (!t.key.trim()) errors[`tags[${i}].key`] = "Enter a key.";
  });
  return errors;
}

/** The placement's issue, under "placement" (the editor shows each row's own issue next to it). */
export function checkPlacement(p: PlacementValue, serviceType: SchedulingStrategy = "REPLICA"): ServiceFormErrors {
  if (serviceType === "DAEMON" && p.strategies.length) return { placement: "Daemon services do not support placement strategies." };
  const issues = placementIssues(p);
  if (hasPlacementIssues(issues)) return { placement: issues.form ?? "Correct the task placement rules marked below." };
  return {};
}

/** The placementStrategy and placementConstraints sent, as lists (empty lists clear them on update). */
export function placementRequest(p: PlacementValue): { placementStrategy: PlacementStrategy[]; placementConstraints: PlacementConstraint[] } {
  const api = toApiPlacement(p);
  return { placementStrategy: api.placementStrategy ?? [], placementConstraints: api.placementConstraints ?? [] };
}

/** A service's placement as the editor takes it. */
export const placementValuesOf = (strategy: readonly PlacementStrategy[] = [], constraints: readonly PlacementConstraint[] = []): PlacementValue =>
  fromApiPlacement(
    strategy,
    constraints.flatMap((c) => (c.type ? [{ ...c, type: c.type }] : [])),
  );

export const taskDefinitionOf = (v: Pick<ServiceFormValues, "family" | "revision">): string =>
  v.revision === "LATEST" || !v.revision ? v.family : `${v.family}:${v.revision}`;

function deploymentConfigurationOf(v: ServiceFormValues): DeploymentConfiguration {
  return {
    minimumHealthyPercent: Number(v.minimumHealthyPercent),
    maximumPercent: Number(v.maximumPercent),
    deploymentCircuitBreaker: { enable: v.circuitBreaker, rollback: v.circuitBreaker && v.rollback },
  };
}

/** The CreateService request of a checked form: Fargate takes no task placement. */
export function toCreateServiceInput(v: ServiceFormValues, ctx: LaunchContext = {}): CreateServiceInput {
  const tags: Tag[] = v.tags.filter((t) => t.key.trim()).map((t) => ({ key: t.key.trim(), value: t.value }));
  const placement = placementApplies(v, ctx) ? placementRequest(v.placement) : { placementStrategy: [], placementConstraints: [] };
  const grace = v.healthCheckGracePeriod.trim();
  return {
    cluster: v.cluster,
    serviceName: v.serviceName.trim(),
    taskDefinition: taskDefinitionOf(v),
    ...launchRequest(v, ctx),
    schedulingStrategy: v.serviceType,
    ...(v.serviceType === "REPLICA" ? { desiredCount: Number(v.desiredCount) } : {}),
    deploymentConfiguration: deploymentConfigurationOf(v),
    ...(placement.placementStrategy.length ? { placementStrategy: placement.placementStrategy } : {}),
    ...(placement.placementConstraints.length ? { placementConstraints: placement.placementConstraints } : {}),
    ...(grace ? { healthCheckGracePeriodSeconds: Number(grace) } : {}),
    enableECSManagedTags: v.managedTags,
    propagateTags: v.propagateTags,
    ...(tags.length ? { tags } : {}),
  };
}

/** The update form's values for a service as DescribeServices gives it (its networking, if awsvpc). */
export function updateFormOf(service: Service, cluster: string): ServiceFormValues & { forceNewDeployment: boolean } {
  const ref = service.taskDefinition.slice(service.taskDefinition.indexOf("task-definition/") + "task-definition/".length);
  const colon = ref.lastIndexOf(":");
  const config = service.deploymentConfiguration ?? {};
  const daemon = service.schedulingStrategy === "DAEMON";
  return {
    ...defaultServiceForm({ cluster }),
    family: colon < 0 ? ref : ref.slice(0, colon),
    revision: colon < 0 ? "LATEST" : ref.slice(colon + 1),
    serviceName: service.serviceName,
    serviceType: daemon ? "DAEMON" : "REPLICA",
    desiredCount: String(service.desiredCount),
    minimumHealthyPercent: String(config.minimumHealthyPercent ?? (daemon ? 0 : 100)),
    maximumPercent: String(config.maximumPercent ?? (daemon ? 100 : 200)),
    circuitBreaker: config.deploymentCircuitBreaker?.enable ?? false,
    rollback: config.deploymentCircuitBreaker?.rollback ?? false,
    healthCheckGracePeriod: service.healthCheckGracePeriodSeconds !== undefined ? String(service.healthCheckGracePeriodSeconds) : "",
    placement: placementValuesOf(service.placementStrategy, service.placementConstraints),
    compute: computeValuesOf(service),
    network: networkValuesOf(service.networkConfiguration),
    forceNewDeployment: false,
  };
}

/**
 * The UpdateService request: what the update form shows, all of it (unchanged values change nothing).
 * A Fargate service sends no placement; an awsvpc one (`networkMode` of the revision chosen) its networking.
 */
export function toUpdateServiceInput(v: ServiceFormValues & { forceNewDeployment: boolean }, service: string, networkMode?: string): UpdateServiceInput {
  const placement = placementApplies(v, {}) ? placementRequest(v.placement) : undefined;
  const grace = v.healthCheckGracePeriod.trim();
  return {
    cluster: v.cluster,
    service,
    taskDefinition: taskDefinitionOf(v),
    ...(v.serviceType === "REPLICA" ? { desiredCount: Number(v.desiredCount) } : {}),
    ...(v.forceNewDeployment ? { forceNewDeployment: true } : {}),
    deploymentConfiguration: deploymentConfigurationOf(v),
    ...(placement ? { placementStrategy: placement.placementStrategy, placementConstraints: placement.placementConstraints } : {}),
    ...(grace ? { healthCheckGracePeriodSeconds: Number(grace) } : {}),
    ...(v.network ? networkRequest(v.network, networkMode, launchTypeOf(v, {})) : {}),
  };
}
