/**
 * Tasks waiting in PROVISIONING for their capacity provider's group to grow (launch-tasks.ts creates
 * them when managed scaling is on and nothing fits): each is placed as soon as an instance of its
 * group can take it, with its service's placement rules; one that waits too long stops, as on ECS.
 */
import { placementSeed } from "../reproducible.ts";
import { STOPPED_REASONS, type TaskDefinition, serviceNameOfGroup } from "@stevedore/shared";
import { placeTasks, seededRandom, taskReservation, type PlacementConstraint, type PlacementStrategy } from "@stevedore/scheduler";
import type { ActionContext } from "../aws/context.ts";
import type { Task as TaskRow } from "../db/client.ts";
import { fromJson } from "../db/json.ts";
import { loadInstances } from "../ecs/cluster-state.ts";
import { placementLock } from "../ecs/keyed-lock.ts";
import { taskDefinitionsByArn } from "../ecs/task-definition-cache.ts";
import { providerInstanceIds } from "./providers.ts";
import { servicePlacementRules } from "../services/placement-rules.ts";

/** How long a task waits for capacity before it stops. */
export const CAPACITY_WAIT_MS = 30 * 60_000;
const CAPACITY_UNAVAILABLE = "Capacity is unavailable at this time. Please try again later or in a different availability zone";

export const waitingTasks = (ctx: ActionContext, where: { capacityProviderName?: string } = {}) =>
  ctx.db.task.findMany({
    where: { launchType: "EC2", containerInstanceId: null, lastStatus: "PROVISIONING", desiredStatus: "RUNNING", ...where },
    orderBy: { createdAt: "asc" },
  });

export async function placeWaitingTasks(ctx: ActionContext): Promise<void> {
  const tasks = await waitingTasks(ctx);
  for (const cluster of new Set(tasks.map((t) => t.cluster))) {
    await placementLock.run(cluster, () => placeInCluster(ctx, tasks.filter((t) => t.cluster === cluster)));
  }
}

async function placeInCluster(ctx: ActionContext, tasks: TaskRow[]): Promise<void> {
  const defs = await taskDefinitionsByArn(ctx, tasks.map((t) => t.taskDefinitionArn));
  const names = [...new Set(tasks.flatMap((t) => (t.capacityProviderName ? [t.capacityProviderName] : [])))];
  const members = await providerInstanceIds(ctx, await ctx.db.capacityProvider.findMany({ where: { name: { in: names } } }));
  for (const task of tasks) {
    if (Date.now() - task.createdAt.getTime() > CAPACITY_WAIT_MS) {
      const now = new Date();
      await ctx.db.task.update({
        where: { id: task.id },
        data: { lastStatus: "STOPPED", desiredStatus: "STOPPED", stopCode: "TaskFailedToStart", stoppedReason: `${STOPPED_REASONS.failedToStart}: ${CAPACITY_UNAVAILABLE}`, stoppedAt: now, executionStoppedAt: now },
      });
      continue;
    }
    const def = defs.get(task.taskDefinitionArn);
    const group = members.get(task.capacityProviderName ?? "");
    if (!def || !group) continue;
    // Read afresh for each task: the one before may have taken the room.
    const instances = (await loadInstances(ctx, task.cluster, { status: ["ACTIVE"] })).filter((i) => group.has(i.row.ec2InstanceId));
    const rules = await placementRules(ctx, task, def);
    const result = placeTasks({
      instances: instances.map((i) => i.candidate),
      demand: { ...taskReservation(def, fromJson(task.overrides, {})), group: task.group ?? "" },
      count: 1,
      strategies: rules.strategies,
      constraints: rules.constraints,
      random: seededRandom(placementSeed()),
    });
    const instance = instances.find((i) => i.row.id === result.placements[0]);
    if (!instance) continue;
    const placed = { containerInstanceId: instance.row.id, bindIP: task.bindIP ?? instance.row.address, availabilityZone: instance.row.availabilityZone, version: task.version + 1 };
    // Only if the task is as read: a task stopped meanwhile stays stopped.
    const { count } = await ctx.db.task.updateMany({ where: { id: task.id, version: task.version }, data: placed });
    if (count === 0) continue;
    await ctx.clusterStates.noteTasks(ctx, [{ ...task, ...placed }]);
    ctx.notifier.bump(instance.row.id);
  }
}

/** A service task follows its service's rules; a standalone one goes anywhere its definition allows, at random. */
async function placementRules(ctx: ActionContext, task: TaskRow, def: TaskDefinition): Promise<{ strategies: PlacementStrategy[]; constraints: PlacementConstraint[] }> {
  const serviceName = serviceNameOfGroup(task.group);
  const service = serviceName !== undefined
    ? await ctx.db.service.findUnique({ where: { accountId_cluster_name: { accountId: ctx.scope.accountId, cluster: task.cluster, name: serviceName } } })
    : null;
  if (service) return servicePlacementRules(service, def);
  return { strategies: [{ type: "random" }], constraints: (def.placementConstraints ?? []) as PlacementConstraint[] };
}
