/** RunTask, StopTask, DescribeTasks, ListTasks. */
import { parseTaskCpu, parseTaskMemory, resourceId, STOPPED_REASONS, taskArn, type TaskDefinition, type TaskOverride, PENDING_TASK_STATES, familyGroup, serviceGroup } from "@stevedore/shared";
import type { PlacementStrategy } from "@stevedore/scheduler";
import type { EcsAction } from "../service.ts";
import { AwsError, clientException, invalidParameter } from "../../aws/errors.ts";
import { tasksAllowed } from "../../workshops/quotas.ts";
import { pageWindow, tokenAfter } from "../../aws/pagination.ts";
import { launchTasks, type LaunchOutcome } from "../launch-tasks.ts";
import { stopTasks } from "../stop-tasks.ts";
import { optionalString, requireCluster, requireTask, requireTaskDefinition, stringList } from "../lookup.ts";
import { validateTags } from "../tags.ts";
import { idempotent, type TokenClaim } from "../../store/idempotency.ts";
import type { ActionContext } from "../../aws/context.ts";
import { taskDefinitionView } from "../views/task-definition.ts";
import { describeTaskRows } from "../describe-task-rows.ts";
import { parsePlacementConstraints, parsePlacementStrategies } from "../placement-input.ts";
import { checkFargateRequest, clusterCapacityProviders, resolveCompute } from "../compute.ts";
import { parseNetworkConfiguration, requireNetworkGroups } from "../network-configuration.ts";
import { missingTaskRole } from "../task-roles.ts";

type RunTaskInput = Parameters<EcsAction<"RunTask">>[0];
type RunTaskOutput = { tasks: Awaited<ReturnType<typeof describeTaskRows>>; failures: LaunchOutcome["failures"] };

export const runTask: EcsAction<"RunTask"> = (input, ctx) =>
  idempotent<RunTaskOutput, LaunchOutcome>(ctx, "RunTask", input, {
    run: (claim) => runTaskOnce(input, ctx, claim),
    outcome: (out) => ({ taskArns: [], failures: out.failures }),
    replay: async ({ taskArns, failures }) => {
      const cluster = await requireCluster(ctx, input.cluster);
      const found = await ctx.db.task.findMany({ where: { arn: { in: taskArns } } });
      const rows = taskArns.flatMap((arn) => found.filter((t) => t.arn === arn));
      return { tasks: await describeTaskRows(ctx, cluster, rows, true), failures };
    },
  });

async function runTaskOnce(input: RunTaskInput, ctx: ActionContext, claim: TokenClaim<LaunchOutcome> | undefined): Promise<RunTaskOutput> {
  const cluster = await requireCluster(ctx, input.cluster);
  const count = input.count === undefined ? 1 : Number(input.count);
  if (!Number.isInteger(count) || count < 1 || count > 10) throw invalidParameter("Count must be between 1 and 10.");
  const compute = resolveCompute(input, clusterCapacityProviders(cluster));
  const defRow = await requireTaskDefinition(ctx, input.taskDefinition);
  if (defRow.status !== "ACTIVE") throw clientException("TaskDefinition is inactive");
  const def = taskDefinitionView(defRow);
  if (compute.launchType === "FARGATE") checkFargateRequest(def, input);
  const network = parseNetworkConfiguration(input.networkConfiguration, def.networkMode, compute.launchType);
  await requireNetworkGroups(ctx, network);
  const overrides = (input.overrides ?? {}) as TaskOverride;
  validateOverrides(overrides, def);
  const missingRole = await missingTaskRole(ctx, def, overrides.taskRoleArn);
  if (missingRole) throw clientException(missingRole);
  const group = optionalString(input.group, "group") ?? familyGroup(def.family);
  if (group.length > 255) throw invalidParameter("Group name must be 255 or fewer characters.");
  const startedBy = optionalString(input.startedBy, "startedBy");
  const tags = validateTags(input.tags);
  const strategies: PlacementStrategy[] = parsePlacementStrategies(input.placementStrategy) ?? [{ type: "random" }];
  const constraints = [...parsePlacementConstraints(input.placementConstraints), ...(def.placementConstraints ?? [])];
  if (constraints.length > 10) throw invalidParameter("You can specify up to 10 constraints for each task, including those in the task definition.");

  const quota = tasksAllowed(ctx, def, overrides, count);
  if (quota.allowed < count) throw new AwsError("LimitExceededException", quota.reason!);
  const result = await launchTasks(ctx, { cluster: cluster.name, def, overrides, group, startedBy, tags, count, strategies, constraints, compute, ...(network ? { network } : {}), ...(claim ? { claim } : {}) });
  if (result.refused) return { tasks: [], failures: [{ arn: def.taskDefinitionArn, reason: result.refused }] };
  if (result.noInstances) throw invalidParameter("No Container Instances were found in your cluster.");
  const tasks = await describeTaskRows(ctx, cluster, result.tasks, true);
  return { tasks, failures: result.failures.map(({ arn, reason }) => ({ arn, reason })) };
}

/** ECS's limits on what a run may change: known containers, sizes that are sizes, a task size that parses. */
function validateOverrides(overrides: TaskOverride, def: TaskDefinition) {
  if (typeof overrides !== "object" || Array.isArray(overrides)) throw invalidParameter("overrides must be an object.");
  for (const o of overrides.containerOverrides ?? []) {
    const c = def.containerDefinitions.find((x) => x.name === o.name);
    if (!c) throw invalidParameter(`Override for container named ${o.name} is not a container in the TaskDefinition.`);
    if (o.cpu !== undefined && (o.cpu < 0 || o.cpu > MAX_CPU_UNITS)) throw invalidParameter(`Invalid 'cpu' override for container '${o.name}': between 0 and ${MAX_CPU_UNITS} units.`);
    for (const field of ["memory", "memoryReservation"] as const) {
      const mib = o[field];
      if (mib !== undefined && (mib < MIN_MIB || mib > MAX_MIB)) throw invalidParameter(`Invalid '${field}' override for container '${o.name}': between ${MIN_MIB} and ${MAX_MIB} MiB.`);
    }
    const hard = o.memory ?? c.memory;
    const soft = o.memoryReservation ?? c.memoryReservation;
    if (hard !== undefined && soft !== undefined && soft > hard) {
      throw invalidParameter(`Invalid 'memoryReservation' override for container '${o.name}': the soft limit is above the hard limit (${hard} MiB).`);
    }
  }
  if (overrides.cpu !== undefined && parseTaskCpu(overrides.cpu) === undefined) throw invalidParameter(`Invalid 'cpu' override for task: ${overrides.cpu}.`);
  if (overrides.memory !== undefined && parseTaskMemory(overrides.memory) === undefined) throw invalidParameter(`Invalid 'memory' override for task: ${overrides.memory}.`);
}

/** ECS's bounds on a container's size: 192 vCPU in units, 6 MiB to 24 TiB. */
const MAX_CPU_UNITS = 196_608;
const MIN_MIB = 6;
const MAX_MIB = 25_165_824;

/**
 * StartTask: one task on each container instance named (up to 10), as a custom scheduler asks; an
 * instance that is not ACTIVE in the cluster, or has not room for the task, is a failure of its own.
 */
export const startTask: EcsAction<"StartTask"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const named = stringList(input.containerInstances, "containerInstances");
  if (named.length === 0 || named.length > 10) throw invalidParameter("Container instances must be between 1 and 10.");
  const defRow = await requireTaskDefinition(ctx, input.taskDefinition);
  if (defRow.status !== "ACTIVE") throw clientException("TaskDefinition is inactive");
  const def = taskDefinitionView(defRow);
  if (def.requiresCompatibilities?.length && !def.requiresCompatibilities.includes("EC2")) throw clientException("Task definition does not support launch_type EC2.");
  const compute = resolveCompute({ launchType: "EC2" }, clusterCapacityProviders(cluster));
  const network = parseNetworkConfiguration(input.networkConfiguration, def.networkMode, "EC2");
  await requireNetworkGroups(ctx, network);
  const overrides = (input.overrides ?? {}) as TaskOverride;
  validateOverrides(overrides, def);
  const missingRole = await missingTaskRole(ctx, def, overrides.taskRoleArn);
  if (missingRole) throw clientException(missingRole);
  const group = optionalString(input.group, "group") ?? `family:${def.family}`;
  const startedBy = optionalString(input.startedBy, "startedBy");
  const tags = validateTags(input.tags);
  const constraints = def.placementConstraints ?? [];
  const instances = await ctx.db.containerInstance.findMany({ where: { cluster: cluster.name, id: { in: named.map(resourceId) } } });
  const tasks = [];
  const failures: { arn?: string; reason?: string }[] = [];
  for (const ref of named) {
    const instance = instances.find((i) => i.id === resourceId(ref));
    if (!instance || instance.status !== "ACTIVE") {
      failures.push({ arn: ref, reason: instance ? "INACTIVE" : "MISSING" });
      continue;
    }
    const result = await launchTasks(ctx, { cluster: cluster.name, def, overrides, group, startedBy, tags, count: 1, strategies: [], constraints, compute, instanceIds: [instance.id], ...(network ? { network } : {}) });
    if (result.refused) return { tasks: [], failures: [{ arn: def.taskDefinitionArn, reason: result.refused }] };
    tasks.push(...result.tasks);
    failures.push(...result.failures.map((f) => ({ arn: instance.arn, reason: f.reason })));
  }
  return { tasks: await describeTaskRows(ctx, cluster, tasks, true), failures };
};

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
  // One page at a time from the store's fast path: a cluster's tasks can number in the hundreds of thousands.
  const clauses = [`"accountId" = ?`, `"cluster" = ?`, `"desiredStatus" = ?`];
  const params: unknown[] = [ctx.scope.accountId, cluster.name, desiredStatus === "PENDING" ? "RUNNING" : desiredStatus];
  const where = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (desiredStatus === "PENDING") where(`"lastStatus" IN (${PENDING_TASK_STATES.map(() => "?").join(", ")})`, ...PENDING_TASK_STATES);
  if (input.containerInstance) where(`"containerInstanceId" = ?`, resourceId(String(input.containerInstance)));
  if (input.family) where(`instr("taskDefinitionArn", ?) > 0`, `:task-definition/${String(input.family)}:`);
  if (input.startedBy) where(`"startedBy" = ?`, String(input.startedBy));
  if (input.launchType) where(`"launchType" = ?`, String(input.launchType));
  if (input.serviceName) where(`"group" = ?`, serviceGroup(String(input.serviceName)));
  const { start, max } = pageWindow(input.maxResults, input.nextToken);
  const rows = ctx.sql.all<{ arn: string }>("Task", `SELECT "arn" FROM "Task" WHERE ${clauses.join(" AND ")} ORDER BY "createdAt", rowid LIMIT ? OFFSET ?`, [...params, max + 1, start]);
  const page = rows.slice(0, max).map((r) => r.arn);
  const nextToken = tokenAfter(start, max, rows.length > max);
  return { taskArns: page, ...(nextToken ? { nextToken } : {}) };
};
