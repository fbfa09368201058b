/**
 * RegisterTargets, DeregisterTargets and DescribeTargetHealth. Targets are the caller's own: an
 * instance target is one of its instances, an ip target the address of one of its instances or
 * running tasks (the safety rule: a load balancer never becomes a way to reach other addresses).
 * A deregistered target drains (data-plane/health.ts) before it is forgotten.
 */
import type { TargetDescription } from "@stevedore/shared/aws/models/elbv2";
import { AwsError } from "../../aws/errors.ts";
import { deregisterTargets as storeDeregister, listTargets, registerTargets as storeRegister, type TargetGroupRecord } from "../../store/elb.ts";
import { ownedAddresses } from "../../store/elb-target-addresses.ts";
import type { ActionContext } from "../../aws/context.ts";
import { invalidTarget, validation } from "../errors.ts";
import type { ElbAction } from "../service.ts";
import { requireTargetGroup } from "./target-groups.ts";
import { targetGroupUsage } from "./usage.ts";

const MAX_TARGETS = 1000;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function targetsOf(tg: TargetGroupRecord, targets: readonly TargetDescription[]) {
  return targets.map((t) => {
    const port = t.Port ?? tg.port;
    if (port < 1 || port > 65535) throw validation("Port must be between 1 and 65535");
    return { targetId: t.Id, port, availabilityZone: t.AvailabilityZone };
  });
}

/** Refuses targets that are not the caller's own instances or task addresses. */
export async function checkOwnTargets(ctx: ActionContext, tg: TargetGroupRecord, targets: ReadonlyArray<{ targetId: string }>): Promise<void> {
  const owned = await ownedAddresses(ctx.allAccounts, ctx.scope.accountId);
  if (tg.targetType === "instance") {
    const bad = targets.filter((t) => !/^i-[0-9a-f]{8,17}$/.test(t.targetId));
    if (bad.length) throw validation(`The target ID '${bad[0]!.targetId}' is not a valid instance ID for a target group of type 'instance'`);
    const missing = targets.filter((t) => !owned.instances.has(t.targetId));
    if (missing.length) throw invalidTarget(`The following targets are not in a running state and cannot be registered: '${missing.map((t) => t.targetId).join(", ")}'`);
  } else {
    const bad = targets.filter((t) => !IPV4.test(t.targetId));
    if (bad.length) throw validation(`The IP address '${bad[0]!.targetId}' is not a valid IPv4 address`);
    const foreign = targets.filter((t) => !owned.addresses.has(t.targetId));
    if (foreign.length) throw invalidTarget(`The IP address '${foreign[0]!.targetId}' is not an address of one of your instances or running tasks, and cannot be registered`);
  }
}

export const registerTargets: ElbAction<"RegisterTargets"> = async (input, ctx) => {
  const tg = await requireTargetGroup(ctx, input.TargetGroupArn);
  const targets = targetsOf(tg, input.Targets);
  await checkOwnTargets(ctx, tg, targets);
  const registered = (await listTargets(ctx.allAccounts, ctx.scope.accountId, tg.arn)).filter((t) => !t.deregisteredAt);
  const fresh = targets.filter((t) => !registered.some((r) => r.targetId === t.targetId && r.port === t.port));
  if (registered.length + fresh.length > MAX_TARGETS) throw new AwsError("TooManyTargets", "You've reached the limit on the number of targets per target group");
  await storeRegister(ctx.allAccounts, ctx.scope.accountId, tg.arn, fresh);
  ctx.elb.changed();
  return {};
};

export const deregisterTargets: ElbAction<"DeregisterTargets"> = async (input, ctx) => {
  const tg = await requireTargetGroup(ctx, input.TargetGroupArn);
  const targets = targetsOf(tg, input.Targets);
  const registered = (await listTargets(ctx.allAccounts, ctx.scope.accountId, tg.arn)).filter((t) => !t.deregisteredAt);
  const unknown = targets.filter((t) => !registered.some((r) => r.targetId === t.targetId && r.port === t.port));
  if (unknown.length) throw invalidTarget(`The following targets are not registered in target group '${tg.arn}': '${unknown.map((t) => `${t.targetId}:${t.port}`).join(", ")}'`);
  await storeDeregister(ctx.allAccounts, ctx.scope.accountId, tg.arn, targets);
  ctx.elb.changed();
  return {};
};

export const describeTargetHealth: ElbAction<"DescribeTargetHealth"> = async (input, ctx) => {
  const tg = await requireTargetGroup(ctx, input.TargetGroupArn);
  const targets = await listTargets(ctx.allAccounts, ctx.scope.accountId, tg.arn);
  const inUse = !!(await targetGroupUsage(ctx)).get(tg.arn)?.size;
  const asked = input.Targets?.length ? targetsOf(tg, input.Targets) : undefined;
  return { TargetHealthDescriptions: ctx.elb.targetHealth(tg, targets, inUse, asked) };
};
