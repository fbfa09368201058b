/** The Auto Scaling Query API (Version 2011-01-01), one function per action. */
import { randomUUID } from "node:crypto";
import { autoScalingGroupArn, availabilityZones, findInstanceType, INSTANCE_TYPES, launchConfigurationArn } from "@stevedore/shared";
import type { Action, ActionContext } from "../aws/context.ts";
import { AwsError, validationError } from "../aws/errors.ts";
import type { QueryParams, XmlNode } from "../aws/query-protocol.ts";
import { toJson } from "../db/json.ts";
import { liveInstances, reconcileGroup, terminateInGroup } from "./reconcile-group.ts";
import { groupXml, instanceXml, launchConfigurationXml } from "./views.ts";
import { activityXml, recordTermination } from "./activities.ts";

type QueryAction = Action<QueryParams, XmlNode>;

const alreadyExists = (message: string) => new AwsError("AlreadyExists", message);
const NAME = /^[\x20-\uD7FF\uE000-\uFFFD]{1,255}$/;

export const createLaunchConfiguration: QueryAction = async (p, ctx) => {
  const name = p.required("LaunchConfigurationName");
  if (!NAME.test(name)) throw validationError(`Invalid launch configuration name: ${name}`);
  if (p.string("LaunchTemplate.LaunchTemplateId") || p.string("InstanceId")) throw validationError("Only ImageId and InstanceType launch configurations are supported.");
  const instanceType = p.required("InstanceType");
  if (!findInstanceType(instanceType)) {
    throw validationError(`The instance type '${instanceType}' is not supported. Supported types: ${INSTANCE_TYPES.map((t) => t.name).join(", ")}.`);
  }
  const userData = p.string("UserData");
  if (userData && !/^[A-Za-z0-9+/=\s]*$/.test(userData)) throw validationError("Invalid BASE64 encoding of user data.");
  if (await ctx.db.launchConfiguration.findUnique({ where: { name } })) {
    throw alreadyExists(`Launch Configuration by this name already exists - A launch configuration already exists with the name ${name}`);
  }
  await ctx.db.launchConfiguration.create({
    data: { name, arn: launchConfigurationArn(ctx.scope, name, randomUUID()), imageId: p.required("ImageId"), instanceType, userData: userData ?? null },
  });
  return undefined;
};

export const describeLaunchConfigurations: QueryAction = async (p, ctx) => {
  const names = p.list("LaunchConfigurationNames");
  const rows = await ctx.db.launchConfiguration.findMany({ where: names.length ? { name: { in: names } } : {}, orderBy: { createdAt: "asc" } });
  return { LaunchConfigurations: rows.map(launchConfigurationXml) };
};

export const deleteLaunchConfiguration: QueryAction = async (p, ctx) => {
  const name = p.required("LaunchConfigurationName");
  if (!(await ctx.db.launchConfiguration.findUnique({ where: { name } }))) throw validationError("Launch configuration name not found - Launch configuration " + name + " not found");
  if (await ctx.db.autoScalingGroup.count({ where: { launchConfigurationName: name } })) {
    throw new AwsError("ResourceInUse", `Cannot delete launch configuration ${name} because it is attached to AutoScalingGroup`);
  }
  await ctx.db.launchConfiguration.delete({ where: { name } });
  return undefined;
};

function checkSizes(min: number, max: number, desired: number) {
  if (min < 0 || max < 0) throw validationError("MinSize and MaxSize must be 0 or greater.");
  if (min > max) throw validationError(`Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
  if (desired < min) throw validationError(`Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`);
  if (desired > max) throw validationError(`Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`);
}

export const createAutoScalingGroup: QueryAction = async (p, ctx) => {
  const name = p.required("AutoScalingGroupName");
  if (!NAME.test(name)) throw validationError(`Invalid Auto Scaling group name: ${name}`);
  const lcName = p.string("LaunchConfigurationName");
  if (!lcName) throw validationError("Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.");
  if (!(await ctx.db.launchConfiguration.findUnique({ where: { name: lcName } }))) throw validationError(`Launch configuration name not found - Launch configuration ${lcName} not found`);
  const min = Number(p.required("MinSize"));
  const max = Number(p.required("MaxSize"));
  const desired = p.int("DesiredCapacity") ?? min;
  checkSizes(min, max, desired);
  const regionZones = availabilityZones(ctx.scope.region);
  const zones = p.list("AvailabilityZones");
  const bad = zones.find((z) => !regionZones.includes(z));
  if (bad) throw validationError(`The availability zone ${bad} is not legal`);
  if (await ctx.db.autoScalingGroup.findUnique({ where: { name } })) throw alreadyExists(`AutoScalingGroup by this name already exists - A group with the name ${name} already exists`);
  const tags = p.structs("Tags").map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "", PropagateAtLaunch: t.PropagateAtLaunch === "true" }));
  await ctx.db.autoScalingGroup.create({
    data: {
      name,
      arn: autoScalingGroupArn(ctx.scope, name, randomUUID()),
      launchConfigurationName: lcName,
      minSize: min,
      maxSize: max,
      desiredCapacity: desired,
      availabilityZones: toJson(zones.length ? zones : regionZones),
      tags: toJson(tags),
    },
  });
  await reconcileGroup(ctx, name);
  return undefined;
};

async function requireGroup(ctx: ActionContext, name: string) {
  const g = await ctx.db.autoScalingGroup.findUnique({ where: { name } });
  if (!g || g.status) throw validationError(`AutoScalingGroup name not found - AutoScalingGroup ${name} not found`);
  return g;
}

export const setDesiredCapacity: QueryAction = async (p, ctx) => {
  const g = await requireGroup(ctx, p.required("AutoScalingGroupName"));
  const desired = p.int("DesiredCapacity");
  if (desired === undefined) throw validationError("1 validation error detected: Value null at 'desiredCapacity' failed to satisfy constraint: Member must not be null");
  if (desired > g.maxSize) throw validationError(`New SetDesiredCapacity value ${desired} is above max value ${g.maxSize} for the AutoScalingGroup.`);
  if (desired < g.minSize) throw validationError(`New SetDesiredCapacity value ${desired} is below min value ${g.minSize} for the AutoScalingGroup.`);
  await ctx.db.autoScalingGroup.update({ where: { name: g.name }, data: { desiredCapacity: desired } });
  await reconcileGroup(ctx, g.name);
  return undefined;
};

export const updateAutoScalingGroup: QueryAction = async (p, ctx) => {
  const g = await requireGroup(ctx, p.required("AutoScalingGroupName"));
  const min = p.int("MinSize") ?? g.minSize;
  const max = p.int("MaxSize") ?? g.maxSize;
  // As AWS does: a new min or max alone pulls the desired capacity into range.
  const desired = p.int("DesiredCapacity") ?? Math.min(Math.max(g.desiredCapacity, min), max);
  checkSizes(min, max, desired);
  const lcName = p.string("LaunchConfigurationName") ?? g.launchConfigurationName;
  if (!(await ctx.db.launchConfiguration.findUnique({ where: { name: lcName } }))) throw validationError(`Launch configuration name not found - Launch configuration ${lcName} not found`);
  const zones = p.list("AvailabilityZones");
  await ctx.db.autoScalingGroup.update({
    where: { name: g.name },
    data: { minSize: min, maxSize: max, desiredCapacity: desired, launchConfigurationName: lcName, ...(zones.length ? { availabilityZones: toJson(zones) } : {}) },
  });
  await reconcileGroup(ctx, g.name);
  return undefined;
};

export const describeAutoScalingGroups: QueryAction = async (p, ctx) => {
  const names = p.list("AutoScalingGroupNames");
  const groups = await ctx.db.autoScalingGroup.findMany({ where: names.length ? { name: { in: names } } : {}, orderBy: { createdAt: "asc" } });
  const out = [];
  for (const g of groups) out.push(groupXml(g, await liveInstances(ctx, g.name)));
  return { AutoScalingGroups: out };
};

export const describeAutoScalingInstances: QueryAction = async (p, ctx) => {
  const ids = p.list("InstanceIds");
  const instances = await ctx.db.ec2Instance.findMany({
    where: { asgName: { not: null }, state: { in: ["pending", "running", "shutting-down"] }, ...(ids.length ? { id: { in: ids } } : {}) },
    orderBy: { launchedAt: "asc" },
  });
  const groups = await ctx.db.autoScalingGroup.findMany();
  return {
    AutoScalingInstances: instances.map((i) => {
      const g = groups.find((x) => x.name === i.asgName);
      return { ...(instanceXml(i, g?.launchConfigurationName ?? "") as object), AutoScalingGroupName: i.asgName } as XmlNode;
    }),
  };
};

export const terminateInstanceInAutoScalingGroup: QueryAction = async (p, ctx) => {
  const id = p.required("InstanceId");
  const decrement = p.bool("ShouldDecrementDesiredCapacity");
  if (decrement === undefined) throw validationError("1 validation error detected: Value null at 'shouldDecrementDesiredCapacity' failed to satisfy constraint: Member must not be null");
  const instance = await ctx.db.ec2Instance.findUnique({ where: { id } });
  if (!instance?.asgName || !["pending", "running"].includes(instance.state)) throw validationError(`Instance Id not found - No managed instance found for instance ID: ${id}`);
  const g = await requireGroup(ctx, instance.asgName);
  if (decrement && g.desiredCapacity - 1 < g.minSize) {
    throw validationError(`Currently, desiredSize equals minSize (${g.minSize}). Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.`);
  }
  const activity = await terminateInGroup(ctx, g, id, decrement, { kind: "user" });
  return { Activity: activityXml(activity) };
};

export const deleteAutoScalingGroup: QueryAction = async (p, ctx) => {
  const g = await requireGroup(ctx, p.required("AutoScalingGroupName"));
  const instances = await liveInstances(ctx, g.name);
  if (instances.length && !p.bool("ForceDelete")) {
    throw new AwsError("ResourceInUse", "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.");
  }
  await ctx.db.autoScalingGroup.update({ where: { name: g.name }, data: { status: "Delete in progress", desiredCapacity: 0, minSize: 0 } });
  void finishDeletion(ctx, g.name);
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
  if (finished.every(Boolean)) await ctx.db.autoScalingGroup.delete({ where: { name } });
}

export const describeScalingActivities: QueryAction = async (p, ctx) => {
  const name = p.string("AutoScalingGroupName");
  const ids = p.list("ActivityIds");
  const max = p.int("MaxRecords") ?? 100;
  const rows = await ctx.db.scalingActivity.findMany({
    where: { ...(name ? { asgName: name } : {}), ...(ids.length ? { id: { in: ids } } : {}) },
    orderBy: { startTime: "desc" },
    take: Math.min(Math.max(max, 1), 100),
  });
  return { Activities: rows.map(activityXml) };
};

export const autoScalingService = {
  version: "2011-01-01",
  xmlns: "http://autoscaling.amazonaws.com/doc/2011-01-01/",
  actions: {
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
  },
};

