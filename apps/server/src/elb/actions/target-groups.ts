/**
 * Target groups (HTTP; instance or ip targets): create (idempotent for the same settings), describe by
 * ARN, name or load balancer, modify health checks, delete (ResourceInUse while a listener or rule
 * forwards to it), and their attributes (deregistration delay, algorithm, slow start, stickiness).
 */
import { defaultVpcId } from "@stevedore/shared";
import type { ActionContext } from "../../aws/context.ts";
import { AwsError } from "../../aws/errors.ts";
import { createTargetGroup as storeTargetGroup, deleteTargetGroup as dropTargetGroup, findTargetGroup, listTargetGroups, updateTargetGroup, type TargetGroupRecord } from "../../store/elb.ts";
import { resourceInUse, targetGroupNotFound, validation } from "../errors.ts";
import { targetGroupArn } from "../names.ts";
import type { ElbAction } from "../service.ts";
import { applyAttributes, attributeList, DEFAULT_HEALTH_CHECK, defaults, healthCheckFrom, TARGET_GROUP_ATTRIBUTES } from "../settings.ts";
import { targetGroupView } from "../views.ts";
import { checkTags, pageOf } from "./common.ts";
import { checkResourceName, requireLoadBalancer } from "./load-balancers.ts";
import { targetGroupUsage } from "./usage.ts";

export async function requireTargetGroup(ctx: ActionContext, arn: string): Promise<TargetGroupRecord> {
  const tg = await findTargetGroup(ctx.allAccounts, ctx.scope.accountId, arn);
  if (!tg) throw targetGroupNotFound();
  return tg;
}

async function view(ctx: ActionContext, tg: TargetGroupRecord) {
  const usage = await targetGroupUsage(ctx);
  return targetGroupView(tg, [...(usage.get(tg.arn) ?? [])]);
}

export const createTargetGroup: ElbAction<"CreateTargetGroup"> = async (input, ctx) => {
  const { accountId, region } = ctx.scope;
  checkResourceName("Target group", input.Name);
  const targetType = input.TargetType ?? "instance";
  if (targetType !== "instance" && targetType !== "ip") throw validation(`Target type '${targetType}' is not supported: use 'instance' or 'ip'`);
  const protocol = input.Protocol;
  if (!protocol || input.Port === undefined) throw validation("A protocol and port must be specified for target groups of type 'instance' or 'ip'");
  if (protocol !== "HTTP" && protocol !== "HTTPS") throw validation(`Protocol '${protocol}' is not supported for target groups of application load balancers`);
  if (protocol === "HTTPS") throw validation("HTTPS target groups are not supported by Stevedore: use HTTP");
  if (input.Port < 1 || input.Port > 65535) throw validation("Port must be between 1 and 65535");
  if (input.ProtocolVersion !== undefined && input.ProtocolVersion !== "HTTP1") throw validation(`Protocol version '${input.ProtocolVersion}' is not supported: use HTTP1`);
  const vpcId = input.VpcId ?? defaultVpcId(region);
  if (vpcId !== defaultVpcId(region)) throw validation(`The VPC ID '${vpcId}' is not found`);
  const healthCheck = healthCheckFrom(DEFAULT_HEALTH_CHECK, input);
  const tags = checkTags(input.Tags ?? []);
  const candidate = { accountId, name: input.Name, protocol, port: input.Port, vpcId, targetType, healthCheck, attributes: defaults(TARGET_GROUP_ATTRIBUTES), tags };
  const existing = (await listTargetGroups(ctx.allAccounts, accountId)).find((tg) => tg.name === input.Name);
  const sameAs = (tg: TargetGroupRecord) => tg.protocol === protocol && tg.port === input.Port && tg.targetType === targetType && JSON.stringify(tg.healthCheck) === JSON.stringify(healthCheck);
  const duplicate = () => new AwsError("DuplicateTargetGroupName", `A target group with the same name '${input.Name}' exists, but with different settings`);
  if (existing) {
    if (!sameAs(existing)) throw duplicate();
    return { TargetGroups: [await view(ctx, existing)] };
  }
  const tg = await storeTargetGroup(ctx.allAccounts, { ...candidate, arn: targetGroupArn(ctx.scope, input.Name) });
  if (!tg) throw duplicate();
  return { TargetGroups: [await view(ctx, tg)] };
};

export const describeTargetGroups: ElbAction<"DescribeTargetGroups"> = async (input, ctx) => {
  const given = [input.LoadBalancerArn, input.TargetGroupArns?.length, input.Names?.length].filter(Boolean).length;
  if (given > 1) throw validation("Only one of load balancer ARN, target group ARNs or names can be specified");
  let tgs = await listTargetGroups(ctx.allAccounts, ctx.scope.accountId);
  const usage = await targetGroupUsage(ctx);
  if (input.LoadBalancerArn) {
    const lb = await requireLoadBalancer(ctx, input.LoadBalancerArn);
    tgs = tgs.filter((tg) => usage.get(tg.arn)?.has(lb.arn));
  }
  if (input.TargetGroupArns?.length) {
    const wanted = input.TargetGroupArns;
    tgs = tgs.filter((tg) => wanted.includes(tg.arn));
    if (tgs.length !== new Set(wanted).size) throw targetGroupNotFound();
  }
  if (input.Names?.length) {
    const wanted = input.Names;
    tgs = tgs.filter((tg) => wanted.includes(tg.name));
    if (tgs.length !== new Set(wanted).size) throw new AwsError("TargetGroupNotFound", `Target groups '[${wanted.filter((n) => !tgs.some((tg) => tg.name === n)).join(", ")}]' not found`);
  }
  const { page, next } = pageOf(tgs, input.Marker, input.PageSize);
  return { TargetGroups: page.map((tg) => targetGroupView(tg, [...(usage.get(tg.arn) ?? [])])), ...(next ? { NextMarker: next } : {}) };
};

export const modifyTargetGroup: ElbAction<"ModifyTargetGroup"> = async (input, ctx) => {
  const tg = await requireTargetGroup(ctx, input.TargetGroupArn);
  const healthCheck = healthCheckFrom(tg.healthCheck, input);
  await updateTargetGroup(ctx.allAccounts, ctx.scope.accountId, tg.arn, { healthCheck });
  ctx.elb.changed();
  return { TargetGroups: [await view(ctx, { ...tg, healthCheck })] };
};

export const deleteTargetGroup: ElbAction<"DeleteTargetGroup"> = async (input, ctx) => {
  const tg = await findTargetGroup(ctx.allAccounts, ctx.scope.accountId, input.TargetGroupArn);
  if (!tg) return {};
  if ((await targetGroupUsage(ctx)).get(tg.arn)?.size) throw resourceInUse(`Target group '${tg.arn}' is currently in use by a listener or a rule`);
  await dropTargetGroup(ctx.allAccounts, ctx.scope.accountId, tg.arn);
  ctx.elb.changed();
  return {};
};

export const describeTargetGroupAttributes: ElbAction<"DescribeTargetGroupAttributes"> = async (input, ctx) => {
  const tg = await requireTargetGroup(ctx, input.TargetGroupArn);
  return { Attributes: attributeList({ ...defaults(TARGET_GROUP_ATTRIBUTES), ...tg.attributes }) };
};

export const modifyTargetGroupAttributes: ElbAction<"ModifyTargetGroupAttributes"> = async (input, ctx) => {
  const tg = await requireTargetGroup(ctx, input.TargetGroupArn);
  const attributes = applyAttributes(TARGET_GROUP_ATTRIBUTES, { ...defaults(TARGET_GROUP_ATTRIBUTES), ...tg.attributes }, input.Attributes, "Target group");
  if (attributes["load_balancing.algorithm.type"] === "least_outstanding_requests" && attributes["slow_start.duration_seconds"] !== "0") {
    throw validation("Slow start cannot be enabled with the 'least_outstanding_requests' algorithm");
  }
  await updateTargetGroup(ctx.allAccounts, ctx.scope.accountId, tg.arn, { attributes });
  ctx.elb.changed();
  return { Attributes: attributeList(attributes) };
};
