/** The Auto Scaling Query API (Version 2011-01-01), one function per action. */
import { idUuid } from "../reproducible.ts";
import { autoScalingGroupArn, availabilityZones, defaultSubnets, findInstanceType, INSTANCE_TYPES, launchConfigurationArn, subnetAvailabilityZone } from "@stevedore/shared";
import type * as as from "@stevedore/shared/aws/models/autoscaling";
import type { ActionContext } from "../aws/context.ts";
import { AwsError, validationError } from "../aws/errors.ts";
import { toJson } from "../db/json.ts";
import type { AutoScalingAction } from "./service.ts";
import { liveInstances, reconcileGroup, terminateInGroup } from "./reconcile-group.ts";
import { groupXml, instanceXml, launchConfigurationXml } from "./views.ts";
import { activityXml, recordTermination } from "./activities.ts";
import { background } from "../background.ts";
import { checkedTemplate } from "./launch-source.ts";
import { deleteGroupPolicies } from "../store/autoscaling-policies.ts";

const alreadyExists = (message: string) => new AwsError("AlreadyExists", message);
const NAME = /^[\x20-\uD7FF\uE000-\uFFFD]{1,255}$/;

export const createLaunchConfiguration: AutoScalingAction<"CreateLaunchConfiguration"> = async (p, ctx) => {
  const name = p.LaunchConfigurationName;
  if (!NAME.test(name)) throw validationError(`Invalid launch configuration name: ${name}`);
  if (p.InstanceId) throw validationError("Only ImageId and InstanceType launch configurations are supported.");
  const instanceType = p.InstanceType;
  if (!instanceType || !p.ImageId) throw validationError("Valid requests must contain both ImageId and InstanceType.");
  if (!findInstanceType(instanceType)) {
    throw validationError(`The instance type '${instanceType}' is not supported. Supported types: ${INSTANCE_TYPES.map((t) => t.name).join(", ")}.`);
  }
  const userData = p.UserData;
  if (userData && !/^[A-Za-z0-9+/=\s]*$/.test(userData)) throw validationError("Invalid BASE64 encoding of user data.");
  if (await ctx.db.launchConfiguration.findFirst({ where: { name } })) {
    throw alreadyExists(`Launch Configuration by this name already exists - A launch configuration already exists with the name ${name}`);
  }
  await ctx.db.launchConfiguration.create({
    data: { name, arn: launchConfigurationArn(ctx.scope, name, idUuid("launch-configuration")), imageId: p.ImageId, instanceType, userData: userData ?? null },
  });
  return undefined;
};

export const describeLaunchConfigurations: AutoScalingAction<"DescribeLaunchConfigurations"> = async (p, ctx) => {
  const names = p.LaunchConfigurationNames ?? [];
  const rows = await ctx.db.launchConfiguration.findMany({ where: names.length ? { name: { in: names } } : {}, orderBy: { createdAt: "asc" } });
  return { LaunchConfigurations: rows.map(launchConfigurationXml) };
};

export const deleteLaunchConfiguration: AutoScalingAction<"DeleteLaunchConfiguration"> = async (p, ctx) => {
  const name = p.LaunchConfigurationName;
  if (!(await ctx.db.launchConfiguration.findFirst({ where: { name } }))) throw validationError("Launch configuration name not found - Launch configuration " + name + " not found");
  if (await ctx.db.autoScalingGroup.count({ where: { launchConfigurationName: name } })) {
    throw new AwsError("ResourceInUse", `Cannot delete launch configuration ${name} because it is attached to AutoScalingGroup`);
  }
  await ctx.db.launchConfiguration.delete({ where: { accountId_name: { accountId: ctx.scope.accountId, name: name } } });
  return undefined;
};

/** The most instances a group may have: each is a virtual machine with an agent on this one machine. */
const MAX_GROUP_SIZE = 1_000;

function checkSizes(min: number, max: number, desired: number) {
  if (min < 0 || max < 0) throw validationError("MinSize and MaxSize must be 0 or greater.");
  if (max > MAX_GROUP_SIZE) throw validationError(`Max bound, ${max}, must be less than or equal to ${MAX_GROUP_SIZE}.`);
  if (min > max) throw validationError(`Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
  if (desired < min) throw validationError(`Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`);
  if (desired > max) throw validationError(`Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`);
}

/** The zones of a group: from its subnets (VPCZoneIdentifier), or named, or all of the region's. */
function groupZones(ctx: ActionContext, zonesGiven: string[] | undefined, vpcZoneIdentifier: string | undefined): { zones: string[]; subnets: string } {
  const regionZones = availabilityZones(ctx.scope.region);
  const subnets = (vpcZoneIdentifier ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const known = defaultSubnets(ctx.scope.region);
  for (const s of subnets) if (!known.some((k) => k.subnetId === s)) throw validationError(`The subnet ID '${s}' does not exist`);
  const zones = subnets.length ? [...new Set(subnets.map((s) => subnetAvailabilityZone(ctx.scope.region, s)))] : (zonesGiven ?? []);
  const bad = zones.find((z) => !regionZones.includes(z));
  if (bad) throw validationError(`The availability zone ${bad} is not legal`);
  return { zones: zones.length ? zones : regionZones, subnets: subnets.join(",") };
}

/** A request's launch template: LaunchTemplate, or MixedInstancesPolicy's. */
const templateOf = (p: { LaunchTemplate?: as.LaunchTemplateSpecification | undefined; MixedInstancesPolicy?: as.MixedInstancesPolicy | undefined }) =>
  p.LaunchTemplate ?? p.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;

export const createAutoScalingGroup: AutoScalingAction<"CreateAutoScalingGroup"> = async (p, ctx) => {
  const name = p.AutoScalingGroupName;
  if (!NAME.test(name)) throw validationError(`Invalid Auto Scaling group name: ${name}`);
  const lcName = p.LaunchConfigurationName;
  const templateSpec = templateOf(p);
  if (!lcName && !templateSpec) throw validationError("Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.");
  if (lcName && templateSpec) throw validationError("Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.");
  if (lcName && !(await ctx.db.launchConfiguration.findFirst({ where: { name: lcName } }))) throw validationError(`Launch configuration name not found - Launch configuration ${lcName} not found`);
  const template = templateSpec ? await checkedTemplate(ctx, templateSpec) : undefined;
  const min = p.MinSize;
  const max = p.MaxSize;
  const desired = p.DesiredCapacity ?? min;
  checkSizes(min, max, desired);
  const { zones, subnets } = groupZones(ctx, p.AvailabilityZones, p.VPCZoneIdentifier);
  if (await ctx.db.autoScalingGroup.findFirst({ where: { name } })) throw alreadyExists(`AutoScalingGroup by this name already exists - A group with the name ${name} already exists`);
  const tags = (p.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value ?? "", PropagateAtLaunch: t.PropagateAtLaunch ?? false }));
  await ctx.db.autoScalingGroup.create({
    data: {
      name,
      arn: autoScalingGroupArn(ctx.scope, name, idUuid("auto-scaling-group")),
      launchConfigurationName: lcName ?? "",
      launchTemplate: template ? toJson(template) : null,
      vpcZoneIdentifier: subnets,
      minSize: min,
      maxSize: max,
      desiredCapacity: desired,
      availabilityZones: toJson(zones),
      tags: toJson(tags),
    },
  });
  await reconcileGroup(ctx, name);
  return undefined;
};

async function requireGroup(ctx: ActionContext, name: string) {
  const g = await ctx.db.autoScalingGroup.findFirst({ where: { name } });
  if (!g || g.status) throw validationError(`AutoScalingGroup name not found - AutoScalingGroup ${name} not found`);
  return g;
}

export const setDesiredCapacity: AutoScalingAction<"SetDesiredCapacity"> = async (p, ctx) => {
  const g = await requireGroup(ctx, p.AutoScalingGroupName);
  const desired = p.DesiredCapacity;
  if (desired > g.maxSize) throw validationError(`New SetDesiredCapacity value ${desired} is above max value ${g.maxSize} for the AutoScalingGroup.`);
  if (desired < g.minSize) throw validationError(`New SetDesiredCapacity value ${desired} is below min value ${g.minSize} for the AutoScalingGroup.`);
  await ctx.db.autoScalingGroup.update({ where: { accountId_name: { accountId: ctx.scope.accountId, name: g.name } }, data: { desiredCapacity: desired } });
  await reconcileGroup(ctx, g.name);
  return undefined;
};

export const updateAutoScalingGroup: AutoScalingAction<"UpdateAutoScalingGroup"> = async (p, ctx) => {
  const g = await requireGroup(ctx, p.AutoScalingGroupName);
  const min = p.MinSize ?? g.minSize;
  const max = p.MaxSize ?? g.maxSize;
  // As AWS does: a new min or max alone pulls the desired capacity into range.
  const desired = p.DesiredCapacity ?? Math.min(Math.max(g.desiredCapacity, min), max);
  checkSizes(min, max, desired);
  const templateSpec = templateOf(p);
  const lcName = p.LaunchConfigurationName ?? (templateSpec ? "" : g.launchConfigurationName);
  if (lcName && !(await ctx.db.launchConfiguration.findFirst({ where: { name: lcName } }))) throw validationError(`Launch configuration name not found - Launch configuration ${lcName} not found`);
  const template = templateSpec ? toJson(await checkedTemplate(ctx, templateSpec)) : p.LaunchConfigurationName ? null : g.launchTemplate;
  const placement = p.AvailabilityZones?.length || p.VPCZoneIdentifier ? groupZones(ctx, p.AvailabilityZones, p.VPCZoneIdentifier) : undefined;
  await ctx.db.autoScalingGroup.update({
    where: { accountId_name: { accountId: ctx.scope.accountId, name: g.name } },
    data: {
      minSize: min,
      maxSize: max,
      desiredCapacity: desired,
      launchConfigurationName: lcName,
      launchTemplate: template,
      ...(placement ? { availabilityZones: toJson(placement.zones), vpcZoneIdentifier: placement.subnets } : {}),
    },
  });
  await reconcileGroup(ctx, g.name);
  return undefined;
};

export const describeAutoScalingGroups: AutoScalingAction<"DescribeAutoScalingGroups"> = async (p, ctx) => {
  const names = p.AutoScalingGroupNames ?? [];
  const groups = await ctx.db.autoScalingGroup.findMany({ where: names.length ? { name: { in: names } } : {}, orderBy: { createdAt: "asc" } });
  const out = [];
  for (const g of groups) out.push(groupXml(g, await liveInstances(ctx, g.name)));
  return { AutoScalingGroups: out };
};

export const describeAutoScalingInstances: AutoScalingAction<"DescribeAutoScalingInstances"> = async (p, ctx) => {
  const ids = p.InstanceIds ?? [];
  const instances = await ctx.db.ec2Instance.findMany({
    where: { asgName: { not: null }, state: { in: ["pending", "running", "shutting-down"] }, ...(ids.length ? { id: { in: ids } } : {}) },
    orderBy: { launchedAt: "asc" },
  });
  const groups = await ctx.db.autoScalingGroup.findMany();
  return {
    AutoScalingInstances: instances.map((i) => {
      const g = groups.find((x) => x.name === i.asgName);
      return { ...instanceXml(i, g?.launchConfigurationName ?? ""), AutoScalingGroupName: i.asgName ?? "" };
    }),
  };
};

export const terminateInstanceInAutoScalingGroup: AutoScalingAction<"TerminateInstanceInAutoScalingGroup"> = async (p, ctx) => {
  const id = p.InstanceId;
  const decrement = p.ShouldDecrementDesiredCapacity;
  const instance = await ctx.db.ec2Instance.findUnique({ where: { id } });
  if (!instance?.asgName || !["pending", "running"].includes(instance.state)) throw validationError(`Instance Id not found - No managed instance found for instance ID: ${id}`);
  const g = await requireGroup(ctx, instance.asgName);
  if (decrement && g.desiredCapacity - 1 < g.minSize) {
    throw validationError(`Currently, desiredSize equals minSize (${g.minSize}). Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.`);
  }
  const activity = await terminateInGroup(ctx, g, id, decrement, { kind: "user" });
  return { Activity: activityXml(activity) };
};

export const deleteAutoScalingGroup: AutoScalingAction<"DeleteAutoScalingGroup"> = async (p, ctx) => {
  const g = await requireGroup(ctx, p.AutoScalingGroupName);
  const instances = await liveInstances(ctx, g.name);
  if (instances.length && !p.ForceDelete) {
    throw new AwsError("ResourceInUse", "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.");
  }
  await ctx.db.autoScalingGroup.update({ where: { accountId_name: { accountId: ctx.scope.accountId, name: g.name } }, data: { status: "Delete in progress", desiredCapacity: 0, minSize: 0 } });
  background(`deleting Auto Scaling group ${g.name}`, finishDeletion(ctx, g.name));
  return undefined;
};

/**
 * Terminates a deleted group's instances, then drops the group. A server shutdown in between leaves
 * the group "Delete in progress"; the next start calls this again.
 */
export async function finishDeletion(ctx: ActionContext, name: string): Promise<void> {
  const instances = await ctx.db.ec2Instance.findMany({ where: { asgName: name, state: { in: ["pending", "running", "shutting-down"] } } });
  const finished = await Promise.all(
    instances.map(async (i) => {
      // An instance already shutting down was recorded when its termination began.
      const record = i.state === "shutting-down" ? undefined : await recordTermination(ctx, name, i.id, { kind: "user" });
      const gone = await ctx.fleet.terminate(ctx, i.id);
      if (gone) await record?.done();
      return gone;
    }),
  );
  if (finished.every(Boolean)) {
    await deleteGroupPolicies(ctx.allAccounts, ctx.scope.accountId, name);
    await ctx.db.autoScalingGroup.delete({ where: { accountId_name: { accountId: ctx.scope.accountId, name: name } } });
  }
}

export const describeScalingActivities: AutoScalingAction<"DescribeScalingActivities"> = async (p, ctx) => {
  const name = p.AutoScalingGroupName;
  const ids = p.ActivityIds ?? [];
  const max = p.MaxRecords ?? 100;
  const rows = await ctx.db.scalingActivity.findMany({
    where: { ...(name ? { asgName: name } : {}), ...(ids.length ? { id: { in: ids } } : {}) },
    orderBy: { startTime: "desc" },
    take: Math.min(Math.max(max, 1), 100),
  });
  return { Activities: rows.map(activityXml) };
};

export const autoScalingHandlers = {
  CreateLaunchConfiguration: createLaunchConfiguration,
  DescribeLaunchConfigurations: describeLaunchConfigurations,
  DeleteLaunchConfiguration: deleteLaunchConfiguration,
  CreateAutoScalingGroup: createAutoScalingGroup,
  UpdateAutoScalingGroup: updateAutoScalingGroup,
  SetDesiredCapacity: setDesiredCapacity,
  DescribeAutoScalingGroups: describeAutoScalingGroups,
  DescribeAutoScalingInstances: describeAutoScalingInstances,
  TerminateInstanceInAutoScalingGroup: terminateInstanceInAutoScalingGroup,
  DescribeScalingActivities: describeScalingActivities,
  DeleteAutoScalingGroup: deleteAutoScalingGroup,
};
