/** RunTask, StopTask, DescribeTasks, ListTasks. */
import { resourceId, STOPPED_REASONS, taskArn, type TaskDefinition, type TaskOverride } from "@stevedore/shared";
import type { PlacementStrategy } from "@stevedore/scheduler";
import type { EcsAction } from "../service.ts";
import { clientException, invalidParameter } from "../../aws/errors.ts";
import { paginate } from "../../aws/pagination.ts";
import { launchTasks } from "../launch-tasks.ts";
import { stopTasks } from "../stop-tasks.ts";
import { optionalString, requireCluster, requireTask, requireTaskDefinition, stringList } from "../lookup.ts";
import { validateTags } from "../tags.ts";
import { taskDefinitionView } from "../views/task-definition.ts";
import { describeTaskRows } from "../describe-task-rows.ts";
import { parsePlacementConstraints, parsePlacementStrategies } from "../placement-input.ts";
import { checkFargateRequest, clusterCapacityProviders, resolveCompute } from "../compute.ts";
import { parseNetworkConfiguration } from "../network-configuration.ts";

export const runTask: EcsAction<"RunTask"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const count = input.count === undefined ? 1 : Number(input.count);
  if (!Number.isInteger(count) || count < 1 || count > 10) throw invalidParameter("Count must be between 1 and 10.");
  const compute = resolveCompute(input, clusterCapacityProviders(cluster));
  const defRow = await requireTaskDefinition(ctx, input.taskDefinition);
  if (defRow.status !== "ACTIVE") throw clientException("TaskDefinition is inactive");
  const def = taskDefinitionView(defRow);
  if (compute.launchType === "FARGATE") checkFargateRequest(def, input);
  const network = parseNetworkConfiguration(input.networkConfiguration, def.networkMode, compute.launchType);
  const overrides = (input.overrides ?? {}) as TaskOverride;
  validateOverrides(overrides, def);
  const group = optionalString(input.group, "group") ?? `family:${def.family}`;
  if (group.length > 255) throw invalidParameter("Group name must be 255 or fewer characters.");
  const startedBy = optionalString(input.startedBy, "startedBy");
  const tags = validateTags(input.tags);
  const strategies: PlacementStrategy[] = parsePlacementStrategies(input.placementStrategy) ?? [{ type: "random" }];
  const constraints = [...parsePlacementConstraints(input.placementConstraints), ...(def.placementConstraints ?? [])];
  if (constraints.length > 10) throw invalidParameter("You can specify up to 10 constraints for each task, including those in the task definition.");

  const result = await launchTasks(ctx, { cluster: cluster.name, def, overrides, group, startedBy, tags, count, strategies, constraints, compute, ...(network ? { network } : {}) });
  if (result.refused) return { tasks: [], failures: [{ arn: def.taskDefinitionArn, reason: result.refused }] };
  if (result.noInstances) throw invalidParameter("No Container Instances were found in your cluster.");
  const tasks = await describeTaskRows(ctx, cluster, result.tasks, true);
  return { tasks, failures: result.failures.map(({ arn, reason }) => ({ arn, reason })) };
};

function validateOverrides(overrides: TaskOverride, def: TaskDefinition) {
  if (typeof overrides !== "object" || Array.isArray(overrides)) throw invalidParameter("overrides must be an object.");
  for (const o of overrides.containerOverrides ?? []) {
    if (!def.containerDefinitions.some((c) => c.name === o.name)) {
      throw invalidParameter(`Override for container named ${o.name} is not a container in the TaskDefinition.`);
    }
  }
}

export const stopTask: EcsAction<"StopTask"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const task = await requireTask(ctx, cluster.name, input.task);
  const reason = optionalString(input.reason, "reason");
  if (reason && reason.length > 255) throw invalidParameter("Reason must be 255 or fewer characters.");
  await stopTasks(ctx, [task], reason ?? STOPPED_REASONS.userInitiated, "UserInitiated");
  const row = await ctx.db.task.findUniqueOrThrow({ where: { id: task.id } });
  const [view] = await describeTaskRows(ctx, cluster, [row]);
  return { task: view };
};

export const describeTasks: EcsAction<"DescribeTasks"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const refs = stringList(input.tasks, "tasks");
  if (refs.length === 0) throw invalidParameter("Tasks cannot be empty.");
  if (refs.length > 100) throw invalidParameter("Tasks can have at most 100 items.");
  const ids = refs.map(resourceId);
  const rows = await ctx.db.task.findMany({ where: { cluster: cluster.name, id: { in: ids } } });
  const include = stringList(input.include, "include");
  const tasks = await describeTaskRows(ctx, cluster, ids.flatMap((id) => rows.filter((r) => r.id === id)), include.includes("TAGS"));
  const failures = refs
    .filter((ref) => !rows.some((r) => r.id === resourceId(ref)))
    .map((ref) => ({ arn: ref.startsWith("arn:") ? ref : taskArn(ctx.scope, cluster.name, ref), reason: "MISSING" }));
  return { tasks, failures };
};

export const listTasks: EcsAction<"ListTasks"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const desiredStatus = input.desiredStatus === undefined ? "RUNNING" : String(input.desiredStatus);
  if (!["RUNNING", "PENDING", "STOPPED"].includes(desiredStatus)) throw invalidParameter("desiredStatus must be one of RUNNING, PENDING, STOPPED.");
  const where: Record<string, unknown> = { cluster: cluster.name, desiredStatus: desiredStatus === "PENDING" ? "RUNNING" : desiredStatus };
  if (desiredStatus === "PENDING") where.lastStatus = { in: ["PROVISIONING", "PENDING", "ACTIVATING"] };
  if (input.containerInstance) where.containerInstanceId = resourceId(String(input.containerInstance));
  if (input.family) where.taskDefinitionArn = { contains: `:task-definition/${String(input.family)}:` };
  if (input.startedBy) where.startedBy = String(input.startedBy);
  if (input.launchType) where.launchType = String(input.launchType);
  if (input.serviceName) where.group = `service:${String(input.serviceName)}`;
  const rows = await ctx.db.task.findMany({ where, orderBy: { createdAt: "asc" }, select: { arn: true } });
  const { page, nextToken } = paginate(rows.map((r) => r.arn), input.maxResults, input.nextToken);
  return { taskArns: page, ...(nextToken ? { nextToken } : {}) };
};
