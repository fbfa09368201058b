/**
 * Scaling policies (PutScalingPolicy, DescribePolicies, DeletePolicy, ExecutePolicy) and lifecycle
 * hooks of Auto Scaling groups. Target tracking policies get the two alarms Auto Scaling creates for
 * them; the target tracking loop (target-tracking.ts) acts on the group's instances' measured CPU.
 */
import { idUuid } from "../reproducible.ts";
import type * as as from "@stevedore/shared/aws/models/autoscaling";
import type { ActionContext } from "../aws/context.ts";
import { validationError } from "../aws/errors.ts";
import * as store from "../store/autoscaling-policies.ts";
import type { ScalingPolicyRecord } from "../store/autoscaling-policies.ts";
import { reconcileGroup } from "./reconcile-group.ts";
import type { AutoScalingAction } from "./service.ts";

const POLICY_TYPES = ["SimpleScaling", "StepScaling", "TargetTrackingScaling", "PredictiveScaling"];
const ADJUSTMENT_TYPES = ["ChangeInCapacity", "ExactCapacity", "PercentChangeInCapacity"];

async function requireGroup(ctx: ActionContext, name: string) {
  const g = await ctx.db.autoScalingGroup.findFirst({ where: { name } });
  if (!g || g.status) throw validationError(`AutoScalingGroup name not found - AutoScalingGroup ${name} not found`);
  return g;
}

/** The alarms a target tracking policy's metric is watched with, as Auto Scaling names them. */
export function trackingAlarms(ctx: ActionContext, p: ScalingPolicyRecord): as.Alarm[] {
  if (p.type !== "TargetTrackingScaling") return [];
  const id = p.arn.split(":")[6] ?? "";
  return ["AlarmHigh", "AlarmLow"].map((kind) => {
    const name = `TargetTracking-${p.asgName}-${kind}-${id}`;
    return { AlarmName: name, AlarmARN: `arn:aws:cloudwatch:${ctx.scope.region}:${ctx.scope.accountId}:alarm:${name}` };
  });
}

function policyXml(ctx: ActionContext, p: ScalingPolicyRecord): as.ScalingPolicy {
  return { AutoScalingGroupName: p.asgName, PolicyName: p.name, PolicyARN: p.arn, PolicyType: p.type, ...(p.settings as as.ScalingPolicy), Alarms: trackingAlarms(ctx, p), Enabled: (p.settings.Enabled as boolean | undefined) ?? true };
}

export const putScalingPolicy: AutoScalingAction<"PutScalingPolicy"> = async (p, ctx) => {
  const g = await requireGroup(ctx, p.AutoScalingGroupName);
  const type = p.PolicyType ?? "SimpleScaling";
  if (!POLICY_TYPES.includes(type)) throw validationError(`Invalid policy type: ${type}`);
  const { AutoScalingGroupName: _, PolicyName: __, PolicyType: ___, ...settings } = p;
  if (type === "TargetTrackingScaling") {
    const config = p.TargetTrackingConfiguration;
    if (!config) throw validationError("TargetTrackingConfiguration is required for policy of type TargetTrackingScaling");
    if (!config.PredefinedMetricSpecification && !config.CustomizedMetricSpecification) throw validationError("Either a predefined or a customized metric specification must be provided");
    if (config.TargetValue <= 0) throw validationError("TargetValue must be greater than 0");
  } else if (type === "SimpleScaling") {
    if (p.ScalingAdjustment === undefined) throw validationError("ScalingAdjustment is required for policy of type SimpleScaling");
    if (!p.AdjustmentType || !ADJUSTMENT_TYPES.includes(p.AdjustmentType)) throw validationError(`Invalid adjustment type: ${p.AdjustmentType ?? "null"}`);
  } else if (type === "StepScaling" && !p.StepAdjustments?.length) {
    throw validationError("StepAdjustments is required for policy of type StepScaling");
  }
  const existing = (await store.listScalingPolicies(ctx.allAccounts, ctx.scope.accountId, g.name)).find((x) => x.name === p.PolicyName);
  const arn = existing?.arn ?? `arn:aws:autoscaling:${ctx.scope.region}:${ctx.scope.accountId}:scalingPolicy:${idUuid("scaling-policy")}:autoScalingGroupName/${g.name}:policyName/${p.PolicyName}`;
  const saved = await store.putScalingPolicy(ctx.allAccounts, { accountId: ctx.scope.accountId, asgName: g.name, name: p.PolicyName, arn, type, settings });
  return { PolicyARN: saved.arn, Alarms: trackingAlarms(ctx, saved) };
};

export const describePolicies: AutoScalingAction<"DescribePolicies"> = async (p, ctx) => {
  if (p.AutoScalingGroupName) await requireGroup(ctx, p.AutoScalingGroupName);
  const all = await store.listScalingPolicies(ctx.allAccounts, ctx.scope.accountId, p.AutoScalingGroupName);
  const names = p.PolicyNames ?? [];
  const types = p.PolicyTypes ?? [];
  const selected = all.filter((x) => (!names.length || names.includes(x.name) || names.includes(x.arn)) && (!types.length || types.includes(x.type)));
  return { ScalingPolicies: selected.map((x) => policyXml(ctx, x)) };
};

export const deletePolicy: AutoScalingAction<"DeletePolicy"> = async (p, ctx) => {
  if (p.AutoScalingGroupName) await requireGroup(ctx, p.AutoScalingGroupName);
  const deleted = await store.deleteScalingPolicy(ctx.allAccounts, ctx.scope.accountId, { name: p.PolicyName, ...(p.AutoScalingGroupName ? { asgName: p.AutoScalingGroupName } : {}) });
  if (!deleted) throw validationError(`Policy ${p.PolicyName} not found`);
};

/** The desired capacity a simple or step adjustment asks for, within the group's bounds. */
export function adjusted(g: { desiredCapacity: number; minSize: number; maxSize: number }, type: string, adjustment: number, minMagnitude = 1): number {
  let target = g.desiredCapacity;
  if (type === "ExactCapacity") target = adjustment;
  else if (type === "ChangeInCapacity") target = g.desiredCapacity + adjustment;
  else {
    const change = (g.desiredCapacity * adjustment) / 100;
    const rounded = change > 0 ? Math.max(Math.floor(change), minMagnitude) : Math.min(Math.ceil(change), -minMagnitude);
    target = g.desiredCapacity + rounded;
  }
  return Math.min(Math.max(target, g.minSize), g.maxSize);
}

export const executePolicy: AutoScalingAction<"ExecutePolicy"> = async (p, ctx) => {
  const policies = await store.listScalingPolicies(ctx.allAccounts, ctx.scope.accountId, p.AutoScalingGroupName);
  const policy = policies.find((x) => x.name === p.PolicyName || x.arn === p.PolicyName);
  if (!policy) throw validationError(`Policy ${p.PolicyName} not found`);
  if (policy.type === "TargetTrackingScaling" || policy.type === "PredictiveScaling") throw validationError(`Policy ${policy.name} of type ${policy.type} cannot be executed.`);
  const g = await requireGroup(ctx, policy.asgName);
  const settings = policy.settings as Partial<as.PutScalingPolicyType>;
  let adjustment = settings.ScalingAdjustment ?? 0;
  if (policy.type === "StepScaling") {
    if (p.MetricValue === undefined || p.BreachThreshold === undefined) throw validationError("MetricValue and BreachThreshold are required to execute a step scaling policy");
    const over = p.MetricValue - p.BreachThreshold;
    const step = (settings.StepAdjustments ?? []).find((s) => (s.MetricIntervalLowerBound ?? -Infinity) <= over && over < (s.MetricIntervalUpperBound ?? Infinity));
    adjustment = step?.ScalingAdjustment ?? 0;
  }
  const desired = adjusted(g, settings.AdjustmentType ?? "ChangeInCapacity", adjustment, settings.MinAdjustmentMagnitude ?? 1);
  if (desired === g.desiredCapacity) return;
  await ctx.db.autoScalingGroup.update({ where: { accountId_name: { accountId: ctx.scope.accountId, name: g.name } }, data: { desiredCapacity: desired } });
  await reconcileGroup(ctx, g.name);
};

// Lifecycle hooks: kept and shown; instances do not wait in Pending:Wait for them.

export const putLifecycleHook: AutoScalingAction<"PutLifecycleHook"> = async (p, ctx) => {
  const g = await requireGroup(ctx, p.AutoScalingGroupName);
  const existing = (await store.listLifecycleHooks(ctx.allAccounts, ctx.scope.accountId, g.name)).find((h) => h.name === p.LifecycleHookName);
  const transition = p.LifecycleTransition ?? (existing?.settings.LifecycleTransition as string | undefined);
  if (!transition || !["autoscaling:EC2_INSTANCE_LAUNCHING", "autoscaling:EC2_INSTANCE_TERMINATING"].includes(transition)) {
    throw validationError(`Invalid Lifecycle Transition: ${transition ?? "null"}`);
  }
  const heartbeat = p.HeartbeatTimeout ?? 3600;
  await store.putLifecycleHook(ctx.allAccounts, ctx.scope.accountId, {
    asgName: g.name,
    name: p.LifecycleHookName,
    settings: { ...existing?.settings, ...Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)), LifecycleTransition: transition, HeartbeatTimeout: heartbeat, DefaultResult: p.DefaultResult ?? "ABANDON", GlobalTimeout: Math.min(heartbeat * 100, 172800) },
  });
  return {};
};

export const describeLifecycleHooks: AutoScalingAction<"DescribeLifecycleHooks"> = async (p, ctx) => {
  const g = await requireGroup(ctx, p.AutoScalingGroupName);
  const names = p.LifecycleHookNames ?? [];
  const hooks = (await store.listLifecycleHooks(ctx.allAccounts, ctx.scope.accountId, g.name)).filter((h) => !names.length || names.includes(h.name));
  return { LifecycleHooks: hooks.map((h) => ({ ...(h.settings as as.LifecycleHook), LifecycleHookName: h.name, AutoScalingGroupName: h.asgName })) };
};

export const deleteLifecycleHook: AutoScalingAction<"DeleteLifecycleHook"> = async (p, ctx) => {
  const g = await requireGroup(ctx, p.AutoScalingGroupName);
  if (!(await store.deleteLifecycleHook(ctx.allAccounts, ctx.scope.accountId, g.name, p.LifecycleHookName))) {
    throw validationError(`No Lifecycle Hook found with name ${p.LifecycleHookName} for group ${g.name}`);
  }
  return {};
};

/** Instances never wait for a hook here, so completing an action has nothing left to do. */
export const completeLifecycleAction: AutoScalingAction<"CompleteLifecycleAction"> = async (p, ctx) => {
  const g = await requireGroup(ctx, p.AutoScalingGroupName);
  if (!(await store.listLifecycleHooks(ctx.allAccounts, ctx.scope.accountId, g.name)).some((h) => h.name === p.LifecycleHookName)) {
    throw validationError(`No Lifecycle Hook found with name ${p.LifecycleHookName} for group ${g.name}`);
  }
  return {};
};

export const policyHandlers = {
  PutScalingPolicy: putScalingPolicy,
  DescribePolicies: describePolicies,
  DeletePolicy: deletePolicy,
  ExecutePolicy: executePolicy,
  PutLifecycleHook: putLifecycleHook,
  DescribeLifecycleHooks: describeLifecycleHooks,
  DeleteLifecycleHook: deleteLifecycleHook,
  CompleteLifecycleAction: completeLifecycleAction,
};
