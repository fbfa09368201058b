/**
 * ECS managed scaling of Auto Scaling group capacity providers, as its target tracking on
 * CapacityProviderReservation (M / N × 100 held at targetCapacity) behaves:
 * - tasks waiting for the provider's capacity: M = the instances the group has plus those the waiting
 *   tasks need (first fit onto empty instances of the group's type), less instances still booting;
 * - none waiting: M = the instances running tasks; an instance left empty for config.managedScaleInAfterMs
 *   (the 15 one-minute datapoints of ECS's scale-in alarm) is terminated when N exceeds M / target.
 * Steps stay within minimumScalingStepSize..maximumScalingStepSize and the group's min and max.
 */
import { groupInstanceType } from "../autoscaling/launch-source.ts";
import { cpuUnits, findInstanceType } from "@stevedore/shared";
import { taskReservation } from "@stevedore/scheduler";
import type { ActionContext } from "../aws/context.ts";
import type { AutoScalingGroup, CapacityProvider } from "../db/client.ts";
import { fromJson } from "../db/json.ts";
import { liveInstances, reconcileGroup, terminateInGroup } from "../autoscaling/reconcile-group.ts";
import { taskDefinitionsByArn } from "../ecs/task-definition-cache.ts";
import { asgNameOf, managedScaling, managedScalingEnabled } from "./providers.ts";
import { waitingTasks } from "./waiting-tasks.ts";

/** Since when each instance has had no task, by EC2 instance id (kept between rounds by the caller). */
export type EmptySince = Map<string, number>;

export async function scaleProviders(ctx: ActionContext, emptySince: EmptySince): Promise<void> {
  const providers = await ctx.db.capacityProvider.findMany({ where: { status: "ACTIVE" } });
  for (const provider of providers.filter(managedScalingEnabled)) await scaleProvider(ctx, provider, emptySince);
}

async function scaleProvider(ctx: ActionContext, provider: CapacityProvider, emptySince: EmptySince): Promise<void> {
  const group = await ctx.db.autoScalingGroup.findFirst({ where: { name: asgNameOf(provider) } });
  if (!group || group.status) return; // gone, or being deleted
  const settings = managedScaling(provider);
  const live = await liveInstances(ctx, group.name);
  const registered = await ctx.db.containerInstance.findMany({ where: { ec2InstanceId: { in: live.map((i) => i.id) }, status: { in: ["ACTIVE", "DRAINING"] } } });
  const waiting = await waitingTasks(ctx, { capacityProviderName: provider.name });
  if (waiting.length) {
    const booting = live.filter((i) => !registered.some((r) => r.ec2InstanceId === i.id)).length;
    const needed = Math.max((await instancesFor(ctx, group, waiting)) - booting, 0);
    const wanted = Math.ceil(((live.length + needed) * 100) / settings.targetCapacity);
    const step = Math.min(Math.max(wanted - group.desiredCapacity, settings.minimumScalingStepSize), settings.maximumScalingStepSize);
    const desired = Math.min(group.desiredCapacity + step, group.maxSize);
    if (needed > 0 && desired > group.desiredCapacity) {
      await ctx.db.autoScalingGroup.update({ where: { accountId_name: { accountId: ctx.scope.accountId, name: group.name } }, data: { desiredCapacity: desired } });
      await reconcileGroup(ctx, group.name);
    }
    return;
  }
  const busyIds = new Set(
    (await ctx.db.task.findMany({ where: { containerInstanceId: { in: registered.map((r) => r.id) }, lastStatus: { not: "STOPPED" } }, select: { containerInstanceId: true } })).map(
      (t) => t.containerInstanceId,
    ),
  );
  const now = Date.now();
  const empty = registered.filter((r) => !busyIds.has(r.id)).map((r) => r.ec2InstanceId);
  // The map holds every provider's instances: only this group's are updated here.
  for (const r of registered) if (!empty.includes(r.ec2InstanceId)) emptySince.delete(r.ec2InstanceId);
  for (const id of empty) if (!emptySince.has(id)) emptySince.set(id, now);
  const keep = Math.ceil(((registered.length - empty.length) * 100) / settings.targetCapacity);
  const idle = empty.filter((id) => now - emptySince.get(id)! >= ctx.config.managedScaleInAfterMs);
  // One instance a round, never below the group's minimum.
  if (idle.length && live.length > keep && group.desiredCapacity > group.minSize) {
    emptySince.delete(idle[0]!);
    await terminateInGroup(ctx, group, idle[0]!, true, { kind: "capacity", from: group.desiredCapacity, to: group.desiredCapacity - 1 });
  }
}

/** How many empty instances of the group's type the waiting tasks fill, first fit; a task no instance could ever hold needs none. */
async function instancesFor(ctx: ActionContext, group: AutoScalingGroup, tasks: Awaited<ReturnType<typeof waitingTasks>>): Promise<number> {
  const typeName = await groupInstanceType(ctx, group);
  const type = typeName && findInstanceType(typeName);
  if (!type) return 0;
  const defs = await taskDefinitionsByArn(ctx, tasks.map((t) => t.taskDefinitionArn));
  const bins: { cpu: number; memory: number; ports: Set<string> }[] = [];
  for (const task of tasks) {
    const def = defs.get(task.taskDefinitionArn);
    if (!def) continue;
    const r = taskReservation(def, fromJson(task.overrides, {}));
    const ports = [...r.tcpPorts.map((p) => `tcp/${p}`), ...r.udpPorts.map((p) => `udp/${p}`)];
    if (r.cpu > cpuUnits(type) || r.memory > type.registeredMemoryMiB) continue;
    const fits = (b: (typeof bins)[number]) => b.cpu >= r.cpu && b.memory >= r.memory && ports.every((p) => !b.ports.has(p));
    let bin = bins.find(fits);
    if (!bin) bins.push((bin = { cpu: cpuUnits(type), memory: type.registeredMemoryMiB, ports: new Set() }));
    bin.cpu -= r.cpu;
    bin.memory -= r.memory;
    ports.forEach((p) => bin.ports.add(p));
  }
  return bins.length;
}
