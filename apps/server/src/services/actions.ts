/** CreateService, UpdateService, DeleteService, DescribeServices, ListServices. */
import { ecsArn } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import type { EcsAction } from "../ecs/service.ts";
import { AwsError, invalidParameter } from "../aws/errors.ts";
import { paginate } from "../aws/pagination.ts";
import { fromJson, toJson } from "../db/json.ts";
import { checkFargateRequest, clusterCapacityProviders, fargatePlatformVersion, resolveCompute } from "../ecs/compute.ts";
import { parseNetworkConfiguration, requireNetworkGroups } from "../ecs/network-configuration.ts";
import { taskDefinitionView } from "../ecs/views/task-definition.ts";
import { ownRef, requireCluster, requireTaskDefinition, stringList } from "../ecs/lookup.ts";
import { parsePlacementConstraints, parsePlacementStrategies } from "../ecs/placement-input.ts";
import { validateTags } from "../ecs/tags.ts";
import { startDeployment } from "./deployments.ts";
import { idempotent, type TokenClaim } from "../store/idempotency.ts";
import { serviceView } from "./views.ts";
import { checkServiceLoadBalancers } from "./load-balancers.ts";

const NAME = /^[a-zA-Z0-9_-]{1,255}$/;
const serviceNotFound = () => new AwsError("ServiceNotFoundException", "Service not found.");
const serviceNotActive = () => new AwsError("ServiceNotActiveException", "Service was not ACTIVE.");

interface DeploymentConfiguration {
  maximumPercent: number;
  minimumHealthyPercent: number;
  deploymentCircuitBreaker: { enable: boolean; rollback: boolean };
}

function deploymentConfiguration(input: unknown, daemon: boolean, current?: DeploymentConfiguration): DeploymentConfiguration {
  const given = (input ?? {}) as Partial<DeploymentConfiguration>;
  const config: DeploymentConfiguration = {
    maximumPercent: given.maximumPercent ?? current?.maximumPercent ?? (daemon ? 100 : 200),
    minimumHealthyPercent: given.minimumHealthyPercent ?? current?.minimumHealthyPercent ?? (daemon ? 0 : 100),
    deploymentCircuitBreaker: {
      enable: given.deploymentCircuitBreaker?.enable ?? current?.deploymentCircuitBreaker.enable ?? false,
      rollback: given.deploymentCircuitBreaker?.rollback ?? current?.deploymentCircuitBreaker.rollback ?? false,
    },
  };
  if (!Number.isInteger(config.maximumPercent) || config.maximumPercent < 100 && !daemon) {
    throw invalidParameter("maximumPercent must be at least 100 for REPLICA services.");
  }
  if (!Number.isInteger(config.minimumHealthyPercent) || config.minimumHealthyPercent < 0 || config.minimumHealthyPercent > 100) {
    throw invalidParameter("minimumHealthyPercent must be between 0 and 100.");
  }
  if (config.minimumHealthyPercent > config.maximumPercent) throw invalidParameter("minimumHealthyPercent must not exceed maximumPercent.");
  return config;
}

/** ECS's quota of tasks per service. */
const MAX_TASKS_PER_SERVICE = 5_000;

function desiredCountOf(value: unknown, required: boolean): number | undefined {
  if (value === undefined || value === null) {
    if (required) throw invalidParameter("desiredCount is required for REPLICA services.");
    return undefined;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw invalidParameter("desiredCount must be a non-negative integer.");
  if (n > MAX_TASKS_PER_SERVICE) throw invalidParameter(`desiredCount must be at most ${MAX_TASKS_PER_SERVICE}, the tasks a service may run.`);
  return n;
}

async function requireService(ctx: ActionContext, clusterName: string, ref: unknown) {
  if (typeof ref !== "string" || !ref) throw invalidParameter("service can not be blank.");
  const own = ownRef(ctx, ref);
  const name = own.slice(own.lastIndexOf("/") + 1);
  const row = await ctx.db.service.findUnique({ where: { accountId_cluster_name: { accountId: ctx.scope.accountId, cluster: clusterName, name } } });
  if (!row) throw serviceNotFound();
  return row;
}

type CreateServiceInput = Parameters<EcsAction<"CreateService">>[0];
type CreateServiceOutput = { service: Awaited<ReturnType<typeof serviceView>> };

/** What a CreateService made, as its clientToken remembers it. */
interface CreateServiceOutcome {
  serviceArn: string;
}

export const createService: EcsAction<"CreateService"> = (input, ctx) =>
  idempotent<CreateServiceOutput, CreateServiceOutcome>(ctx, "CreateService", input, {
    run: (claim) => createServiceOnce(input, ctx, claim),
    outcome: (out) => ({ serviceArn: out.service.serviceArn }),
    replay: async ({ serviceArn }) => ({ service: await serviceView(ctx, await ctx.db.service.findUniqueOrThrow({ where: { arn: serviceArn } }), true) }),
  });

async function createServiceOnce(input: CreateServiceInput, ctx: ActionContext, claim: TokenClaim<CreateServiceOutcome> | undefined): Promise<CreateServiceOutput> {
  const cluster = await requireCluster(ctx, input.cluster);
  const name = String(input.serviceName ?? "");
  if (!NAME.test(name)) throw invalidParameter("Service name must be 1-255 letters (uppercase and lowercase), numbers, hyphens, and underscores.");
  const scheduling = input.schedulingStrategy ?? "REPLICA";
  if (scheduling !== "REPLICA" && scheduling !== "DAEMON") throw invalidParameter("schedulingStrategy must be REPLICA or DAEMON.");
  const daemon = scheduling === "DAEMON";
  if (daemon && input.desiredCount !== undefined) throw invalidParameter("The daemon scheduling strategy does not support a desired count for services.");
  if (daemon && input.placementStrategy?.length) throw invalidParameter("The daemon scheduling strategy does not support placement strategies.");
  // A daemon runs on every instance: no capacity provider decides where, not even the cluster's default.
  if (daemon && input.capacityProviderStrategy?.length) throw invalidParameter("The DAEMON scheduling strategy does not support capacity provider strategies. Specify a launch type instead.");
  const compute = resolveCompute(daemon ? { launchType: "EC2", ...input } : input, clusterCapacityProviders(cluster));
  if (daemon && compute.launchType === "FARGATE") throw invalidParameter("The DAEMON scheduling strategy is not supported with the FARGATE launch type.");
  const def = await requireTaskDefinition(ctx, input.taskDefinition);
  if (def.status !== "ACTIVE") throw new AwsError("ClientException", "TaskDefinition is inactive");
  const view = taskDefinitionView(def);
  if (compute.launchType === "FARGATE") checkFargateRequest(view, input);
  const network = parseNetworkConfiguration(input.networkConfiguration, view.networkMode, compute.launchType);
  await requireNetworkGroups(ctx, network);
  await checkServiceLoadBalancers(ctx, input.loadBalancers ?? [], view);
  const existing = await ctx.db.service.findUnique({ where: { accountId_cluster_name: { accountId: ctx.scope.accountId, cluster: cluster.name, name } } });
  if (existing && existing.status !== "INACTIVE") throw invalidParameter("Creation of service was not idempotent.");
  const desiredCount = daemon ? 0 : desiredCountOf(input.desiredCount, true)!;
  const arn = ecsArn(ctx.scope, `service/${cluster.name}/${name}`);
  // The service and its first deployment in one transaction: a kill in between leaves neither.
  const [, row] = await ctx.db.$transaction([
    ctx.db.service.deleteMany({ where: { arn, status: "INACTIVE" } }),
    ctx.db.service.create({
    data: {
      arn,
      name,
      cluster: cluster.name,
      desiredCount,
      launchType: compute.launchType,
      capacityProviderStrategy: toJson(compute.strategy),
      platformVersion: compute.platformVersion ?? null,
      schedulingStrategy: scheduling,
      taskDefinitionArn: def.arn,
      deploymentConfiguration: toJson(deploymentConfiguration(input.deploymentConfiguration, daemon)),
      placementStrategy: toJson(parsePlacementStrategies(input.placementStrategy) ?? []),
      placementConstraints: toJson(parsePlacementConstraints(input.placementConstraints)),
      healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds ?? null,
      loadBalancers: toJson(input.loadBalancers ?? []),
      networkConfiguration: network ? toJson({ awsvpcConfiguration: network }) : null,
      tags: toJson(validateTags(input.tags)),
      enableECSManagedTags: input.enableECSManagedTags === true,
      propagateTags: String(input.propagateTags ?? "NONE"),
    },
    }),
    ...startDeployment(ctx, arn, def.arn, desiredCount, compute.launchType),
    ...(claim ? [ctx.db.idempotentRequest.create({ data: claim.record({ serviceArn: arn }) })] : []),
  ]);
  ctx.services.poke(row.arn);
  return { service: await serviceView(ctx, row, true) };
}

export const updateService: EcsAction<"UpdateService"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const row = await requireService(ctx, cluster.name, input.service);
  if (row.status !== "ACTIVE") throw serviceNotActive();
  const daemon = row.schedulingStrategy === "DAEMON";
  if (daemon && input.desiredCount !== undefined) throw invalidParameter("The daemon scheduling strategy does not support a desired count for services.");
  const desiredCount = desiredCountOf(input.desiredCount, false) ?? row.desiredCount;
  const def = input.taskDefinition !== undefined ? await requireTaskDefinition(ctx, input.taskDefinition) : undefined;
  if (def && def.status !== "ACTIVE") throw new AwsError("ClientException", "TaskDefinition is inactive");
  const view = taskDefinitionView(def ?? (await requireTaskDefinition(ctx, row.taskDefinitionArn)));
  const launchType = row.launchType === "FARGATE" ? "FARGATE" : "EC2";
  if (launchType === "FARGATE") checkFargateRequest(view, input);
  if (launchType === "EC2" && input.platformVersion !== undefined) throw invalidParameter("The platform version must be null when specifying an EC2 launch type.");
  const platformVersion = launchType === "FARGATE" && input.platformVersion !== undefined ? fargatePlatformVersion(input.platformVersion) : undefined;
  // A new revision keeps the service's network when it is awsvpc too, and drops it when it is not.
  const kept = view.networkMode === "awsvpc" ? fromJson(row.networkConfiguration, undefined) : undefined;
  const network =
    input.networkConfiguration !== undefined || def ? parseNetworkConfiguration(input.networkConfiguration ?? kept, view.networkMode, launchType) : undefined;
  await requireNetworkGroups(ctx, network);
  const config = deploymentConfiguration(input.deploymentConfiguration, daemon, JSON.parse(row.deploymentConfiguration));
  const networkConfiguration = network ? toJson({ awsvpcConfiguration: network }) : def ? null : undefined;
  const changes = {
      desiredCount,
      deploymentConfiguration: toJson(config),
      ...(def ? { taskDefinitionArn: def.arn } : {}),
      ...(input.placementStrategy !== undefined ? { placementStrategy: toJson(parsePlacementStrategies(input.placementStrategy) ?? []) } : {}),
      ...(input.placementConstraints !== undefined ? { placementConstraints: toJson(parsePlacementConstraints(input.placementConstraints)) } : {}),
      ...(input.healthCheckGracePeriodSeconds !== undefined ? { healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds } : {}),
      ...(platformVersion ? { platformVersion } : {}),
      ...(networkConfiguration !== undefined ? { networkConfiguration } : {}),
      updatedAt: new Date(),
      version: row.version + 1,
  };
  const newRevision = def && def.arn !== row.taskDefinitionArn;
  // Tasks take their network and platform when they start: changing either needs new tasks.
  const newTasks = (platformVersion && platformVersion !== row.platformVersion) || (network && networkConfiguration !== row.networkConfiguration);
  const redeploy = newRevision || newTasks || input.forceNewDeployment === true;
  const service = ctx.db.service.updateMany({ where: { arn: row.arn, version: row.version }, data: changes });
  // The service as read, changed with its deployment in one transaction: a concurrent change makes this one fail, not vanish.
  const [{ count }] = redeploy
    ? await ctx.db.$transaction([service, ...startDeployment(ctx, row.arn, def?.arn ?? row.taskDefinitionArn, desiredCount, row.launchType)])
    : await ctx.db.$transaction([service, ctx.db.deployment.updateMany({ where: { serviceArn: row.arn, status: "PRIMARY" }, data: { desiredCount, updatedAt: new Date() } })]);
  if (count === 0) throw new AwsError("ServerException", "The service changed while this update was made; make it again.", 500);
  const updated = { ...row, ...changes } as typeof row;
  ctx.services.poke(row.arn);
  return { service: await serviceView(ctx, updated) };
};

export const deleteService: EcsAction<"DeleteService"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const row = await requireService(ctx, cluster.name, input.service);
  if (row.status !== "ACTIVE") throw serviceNotActive();
  if (row.schedulingStrategy === "REPLICA" && row.desiredCount > 0 && input.force !== true) {
    throw invalidParameter("The service cannot be stopped while it is scaled above 0.");
  }
  const [updated] = await ctx.db.$transaction([
    ctx.db.service.update({ where: { arn: row.arn }, data: { status: "DRAINING", desiredCount: 0, updatedAt: new Date(), version: { increment: 1 } } }),
    ctx.db.deployment.updateMany({ where: { serviceArn: row.arn, status: "PRIMARY" }, data: { desiredCount: 0 } }),
  ]);
  ctx.services.poke(row.arn);
  return { service: await serviceView(ctx, updated) };
};

export const describeServices: EcsAction<"DescribeServices"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const refs = stringList(input.services, "services");
  if (refs.length === 0 || refs.length > 10) throw invalidParameter("services must have between 1 and 10 items.");
  const includeTags = stringList(input.include, "include").includes("TAGS");
  const services = [];
  const failures = [];
  for (const ref of refs) {
    const own = ownRef(ctx, ref);
    const name = own.slice(own.lastIndexOf("/") + 1);
    const row = await ctx.db.service.findUnique({ where: { accountId_cluster_name: { accountId: ctx.scope.accountId, cluster: cluster.name, name } } });
    if (row) services.push(await serviceView(ctx, row, includeTags));
    else failures.push({ arn: ref.startsWith("arn:") ? ref : ecsArn(ctx.scope, `service/${cluster.name}/${name}`), reason: "MISSING" });
  }
  return { services, failures };
};

export const listServices: EcsAction<"ListServices"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const rows = await ctx.db.service.findMany({
    where: {
      cluster: cluster.name,
      status: { in: ["ACTIVE", "DRAINING"] },
      ...(input.launchType ? { launchType: String(input.launchType) } : {}),
      ...(input.schedulingStrategy ? { schedulingStrategy: String(input.schedulingStrategy) } : {}),
    },
    orderBy: { createdAt: "asc" },
    select: { arn: true },
  });
  const { page, nextToken } = paginate(rows.map((r) => r.arn), input.maxResults, input.nextToken);
  return { serviceArns: page, ...(nextToken ? { nextToken } : {}) };
};

export const serviceActions = {
  CreateService: createService,
  UpdateService: updateService,
  DeleteService: deleteService,
  DescribeServices: describeServices,
  ListServices: listServices,
};
