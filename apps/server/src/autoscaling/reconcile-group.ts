/**
 * Drives an Auto Scaling group to its desired capacity: launches into the zones with the fewest
 * instances, terminates from the zones with the most (newest first), as AWS balances zones.
 */
import type { ActionContext } from "../aws/context.ts";
import type { AutoScalingGroup, Ec2Instance } from "../db/client.ts";
import { fromJson } from "../db/json.ts";
import { KeyedLock } from "../ecs/keyed-lock.ts";
import { recordFailedLaunch, recordLaunch, recordTermination, type TerminationCause } from "./activities.ts";
import { instanceLimitMessage, instancesAllowed } from "../workshops/quotas.ts";
import { background } from "../background.ts";
import { subnetAvailabilityZone } from "@stevedore/shared";
import { groupLaunchSpec } from "./launch-source.ts";

const lock = new KeyedLock();

export const liveInstances = (ctx: ActionContext, asgName: string) =>
  ctx.db.ec2Instance.findMany({ where: { asgName, state: { in: ["pending", "running"] } }, orderBy: { launchedAt: "asc" } });

export function reconcileGroup(ctx: ActionContext, name: string): Promise<void> {
  return lock.run(name, async () => {
    const group = await ctx.db.autoScalingGroup.findFirst({ where: { name } });
    if (!group) return;
    const instances = await liveInstances(ctx, name);
    if (instances.length < group.desiredCapacity) await scaleOut(ctx, group, instances, group.desiredCapacity - instances.length);
    if (instances.length > group.desiredCapacity) await scaleIn(ctx, group, instances, instances.length - group.desiredCapacity);
  });
}

async function scaleOut(ctx: ActionContext, group: AutoScalingGroup, instances: Ec2Instance[], wanted: number) {
  // The account's instance quota (workshops): what is over it fails as EC2's limit fails a launch.
  const { allowed: n, limit, used } = instancesAllowed(ctx, wanted);
  const zones = fromJson<string[]>(group.availabilityZones, []);
  const subnets = group.vpcZoneIdentifier.split(",").filter(Boolean);
  const perZone = new Map(zones.map((z) => [z, instances.filter((i) => i.availabilityZone === z).length]));
  for (let k = 0; k < n; k++) {
    const zone = zones.reduce((best, z) => (perZone.get(z)! < perZone.get(best)! ? z : best), zones[0]!);
    const spec = await groupLaunchSpec(ctx, group, zone, subnets.find((s) => subnetAvailabilityZone(ctx.scope.region, s) === zone));
    if (!spec) return;
    perZone.set(zone, perZone.get(zone)! + 1);
    const instance = await ctx.fleet.launch(ctx, spec);
    await recordLaunch(ctx, group.name, instance.id, instances.length + k, instances.length + k + 1);
  }
  if (n < wanted) await recordFailedLaunch(ctx, group.name, instanceLimitMessage(used! + wanted, limit!));
}

async function scaleIn(ctx: ActionContext, group: AutoScalingGroup, instances: Ec2Instance[], n: number) {
  const remaining = [...instances];
  for (let k = 0; k < n; k++) {
    const perZone = new Map<string, number>();
    for (const i of remaining) perZone.set(i.availabilityZone, (perZone.get(i.availabilityZone) ?? 0) + 1);
    const busiest = [...perZone.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const victim = remaining.filter((i) => i.availabilityZone === busiest).at(-1)!;
    remaining.splice(remaining.indexOf(victim), 1);
    const { done } = await recordTermination(ctx, group.name, victim.id, { kind: "capacity", from: remaining.length + 1, to: remaining.length });
    background(`terminating ${victim.id}`, ctx.fleet.terminate(ctx, victim.id).then(async (finished) => {
      if (finished) await done();
    }));
  }
}

/**
 * Terminates one instance of the group (with its desired capacity lowered by one when `decrement`);
 * once it is gone, the group is reconciled. The scaling activity, still in progress, is returned.
 */
export async function terminateInGroup(ctx: ActionContext, group: AutoScalingGroup, instanceId: string, decrement: boolean, cause: TerminationCause) {
  if (decrement) await ctx.db.autoScalingGroup.update({ where: { accountId_name: { accountId: ctx.scope.accountId, name: group.name } }, data: { desiredCapacity: group.desiredCapacity - 1 } });
  const { activity, done } = await recordTermination(ctx, group.name, instanceId, cause);
  background(`terminating ${instanceId}`, ctx.fleet.terminate(ctx, instanceId).then(async (finished) => {
    if (!finished) return;
    await done();
    await reconcileGroup(ctx, group.name);
  }));
  return activity;
}
