/**
 * Listeners (HTTP) and their rules: a listener's default actions are its default rule, evaluated
 * last; other rules have priorities 1-50000, evaluated from the lowest. Actions and conditions are
 * checked as ELB checks them (packages/shared/src/elb/rules.ts), and every target group they forward
 * to must exist, be the caller's, and belong to no other load balancer.
 */
import type { Action, RuleCondition } from "@stevedore/shared/aws/models/elbv2";
import { checkActions, checkConditions, forwardTargets, normalizeConditions, sortActions } from "@stevedore/shared/elb/rules";
import type { ActionContext } from "../../aws/context.ts";
import { AwsError } from "../../aws/errors.ts";
import {
  createListener as storeListener,
  createRule as storeRule,
  deleteListener as dropListener,
  deleteRule as dropRule,
  findListener,
  findRule,
  listListeners,
  listRules,
  setRulePriorities as storePriorities,
  updateListener,
  updateRule,
  type ListenerRecord,
} from "../../store/elb.ts";
import { invalidAction, listenerNotFound, operationNotPermitted, ruleNotFound, validation } from "../errors.ts";
import { defaultRuleArn, listenerArn, ruleArn } from "../names.ts";
import type { ElbAction } from "../service.ts";
import { defaultRuleView, listenerView, ruleView } from "../views.ts";
import { checkTags, pageOf } from "./common.ts";
import { requireLoadBalancer } from "./load-balancers.ts";
import { requireTargetGroup } from "./target-groups.ts";
import { targetGroupUsage } from "./usage.ts";

const MAX_LISTENERS = 50;
const MAX_RULES = 100;

async function requireListener(ctx: ActionContext, arn: string): Promise<ListenerRecord> {
  const l = await findListener(ctx.allAccounts, ctx.scope.accountId, arn);
  if (!l) throw listenerNotFound();
  return l;
}

/** The actions, checked and in order, after their target groups are checked for this load balancer. */
async function checkedActions(ctx: ActionContext, actions: readonly Action[], loadBalancerArn: string): Promise<Action[]> {
  const problem = checkActions(actions);
  if (problem) throw invalidAction(problem);
  const usage = await targetGroupUsage(ctx);
  for (const a of actions) {
    for (const t of forwardTargets(a)) {
      await requireTargetGroup(ctx, t.arn);
      const others = [...(usage.get(t.arn) ?? [])].filter((lb) => lb !== loadBalancerArn);
      if (others.length) throw new AwsError("TargetGroupAssociationLimit", `The following target groups cannot be associated with more than one load balancer: ${t.arn}`);
    }
  }
  return sortActions(actions).map((a, i) => {
    const ordered = { ...a, Order: a.Order ?? i + 1 };
    // ELB shows a single-group forward both ways.
    if (a.Type === "forward") {
      const targets = forwardTargets(a);
      return {
        ...ordered,
        ...(targets.length === 1 ? { TargetGroupArn: targets[0]!.arn } : {}),
        ForwardConfig: { TargetGroups: targets.map((t) => ({ TargetGroupArn: t.arn, Weight: t.weight })), TargetGroupStickinessConfig: a.ForwardConfig?.TargetGroupStickinessConfig ?? { Enabled: false } },
      };
    }
    if (a.Type === "redirect" && a.RedirectConfig) {
      const r = a.RedirectConfig;
      return { ...ordered, RedirectConfig: { Protocol: r.Protocol ?? "#{protocol}", Port: r.Port ?? "#{port}", Host: r.Host ?? "#{host}", Path: r.Path ?? "/#{path}", Query: r.Query ?? "#{query}", StatusCode: r.StatusCode } };
    }
    return ordered;
  });
}

function checkedConditions(conditions: readonly RuleCondition[]): RuleCondition[] {
  if (conditions.length === 0) throw validation("A rule must have at least one condition");
  const problem = checkConditions(conditions);
  if (problem) throw validation(problem);
  return normalizeConditions(conditions);
}

function checkListenerProtocol(protocol: string | undefined, port: number | undefined) {
  if (protocol === "HTTPS") throw new AwsError("UnsupportedProtocol", "HTTPS listeners need certificates, which Stevedore does not have: use HTTP");
  if (protocol !== undefined && protocol !== "HTTP") throw new AwsError("UnsupportedProtocol", `Protocol '${protocol}' is not supported by application load balancers`);
  if (port !== undefined && (port < 1 || port > 65535)) throw validation("Port must be between 1 and 65535");
}

export const createListener: ElbAction<"CreateListener"> = async (input, ctx) => {
  const lb = await requireLoadBalancer(ctx, input.LoadBalancerArn);
  if (input.Port === undefined) throw validation("A listener port must be specified");
  checkListenerProtocol(input.Protocol ?? "HTTP", input.Port);
  const existing = await listListeners(ctx.allAccounts, ctx.scope.accountId, lb.arn);
  if (existing.length >= MAX_LISTENERS) throw new AwsError("TooManyListeners", `You've reached the limit on the number of listeners per load balancer`);
  const defaultActions = await checkedActions(ctx, input.DefaultActions, lb.arn);
  const same = existing.find((l) => l.port === input.Port);
  if (same) {
    if (JSON.stringify(same.defaultActions) === JSON.stringify(defaultActions)) return { Listeners: [listenerView(same)] };
    throw new AwsError("DuplicateListener", `A listener already exists on this port for this load balancer '${lb.arn}'`);
  }
  const listener = await storeListener(ctx.allAccounts, {
    arn: listenerArn(lb.arn),
    accountId: ctx.scope.accountId,
    loadBalancerArn: lb.arn,
    port: input.Port,
    protocol: "HTTP",
    defaultActions,
    tags: checkTags(input.Tags ?? []),
  });
  if (!listener) throw new AwsError("DuplicateListener", `A listener already exists on this port for this load balancer '${lb.arn}'`);
  ctx.elb.changed();
  return { Listeners: [listenerView(listener)] };
};

export const describeListeners: ElbAction<"DescribeListeners"> = async (input, ctx) => {
  if (!input.LoadBalancerArn && !input.ListenerArns?.length) throw validation("You must specify either listener ARNs or a load balancer ARN");
  if (input.LoadBalancerArn && input.ListenerArns?.length) throw validation("Listener ARNs and a load balancer ARN cannot be specified at the same time");
  let listeners: ListenerRecord[];
  if (input.LoadBalancerArn) {
    const lb = await requireLoadBalancer(ctx, input.LoadBalancerArn);
    listeners = await listListeners(ctx.allAccounts, ctx.scope.accountId, lb.arn);
  } else {
    const wanted = input.ListenerArns!;
    listeners = (await listListeners(ctx.allAccounts, ctx.scope.accountId)).filter((l) => wanted.includes(l.arn));
    if (listeners.length !== new Set(wanted).size) throw listenerNotFound();
  }
  const { page, next } = pageOf(listeners, input.Marker, input.PageSize);
  return { Listeners: page.map(listenerView), ...(next ? { NextMarker: next } : {}) };
};

export const modifyListener: ElbAction<"ModifyListener"> = async (input, ctx) => {
  const listener = await requireListener(ctx, input.ListenerArn);
  checkListenerProtocol(input.Protocol, input.Port);
  const defaultActions = input.DefaultActions ? await checkedActions(ctx, input.DefaultActions, listener.loadBalancerArn) : undefined;
  const ok = await updateListener(ctx.allAccounts, ctx.scope.accountId, listener.arn, { ...(input.Port !== undefined ? { port: input.Port } : {}), ...(defaultActions ? { defaultActions } : {}) });
  if (!ok) throw new AwsError("DuplicateListener", `A listener already exists on this port for this load balancer '${listener.loadBalancerArn}'`);
  ctx.elb.changed();
  return { Listeners: [listenerView(await requireListener(ctx, listener.arn))] };
};

export const deleteListener: ElbAction<"DeleteListener"> = async (input, ctx) => {
  const listener = await requireListener(ctx, input.ListenerArn);
  await dropListener(ctx.allAccounts, ctx.scope.accountId, listener.arn);
  ctx.elb.changed();
  return {};
};

export const createRule: ElbAction<"CreateRule"> = async (input, ctx) => {
  const listener = await requireListener(ctx, input.ListenerArn);
  if (input.Transforms?.length) throw validation("Rule transforms are not supported by Stevedore");
  const conditions = checkedConditions(input.Conditions);
  const actions = await checkedActions(ctx, input.Actions, listener.loadBalancerArn);
  const listeners = await listListeners(ctx.allAccounts, ctx.scope.accountId, listener.loadBalancerArn);
  const rules = (await Promise.all(listeners.map((l) => listRules(ctx.allAccounts, ctx.scope.accountId, l.arn)))).flat();
  if (rules.length + listeners.length >= MAX_RULES) throw new AwsError("TooManyRules", "You've reached the limit on the number of rules per load balancer");
  if (rules.some((r) => r.listenerArn === listener.arn && r.priority === input.Priority)) throw new AwsError("PriorityInUse", `Priority '${input.Priority}' is currently in use`);
  const rule = await storeRule(ctx.allAccounts, {
    arn: ruleArn(listener.arn),
    accountId: ctx.scope.accountId,
    listenerArn: listener.arn,
    priority: input.Priority,
    conditions,
    actions,
    tags: checkTags(input.Tags ?? []),
  });
  if (!rule) throw new AwsError("PriorityInUse", `Priority '${input.Priority}' is currently in use`);
  ctx.elb.changed();
  return { Rules: [ruleView(rule)] };
};

/** The listener whose default rule `arn` is, if it is one. */
async function defaultRuleListener(ctx: ActionContext, arn: string): Promise<ListenerRecord | undefined> {
  if (!arn.endsWith("/default")) return undefined;
  return (await listListeners(ctx.allAccounts, ctx.scope.accountId)).find((l) => defaultRuleArn(l.arn) === arn);
}

export const describeRules: ElbAction<"DescribeRules"> = async (input, ctx) => {
  if (!input.ListenerArn && !input.RuleArns?.length) throw validation("You must specify either listener ARN or rule ARNs");
  if (input.ListenerArn && input.RuleArns?.length) throw validation("Listener ARN and rule ARNs cannot be specified at the same time");
  let views;
  if (input.ListenerArn) {
    const listener = await requireListener(ctx, input.ListenerArn);
    views = [...(await listRules(ctx.allAccounts, ctx.scope.accountId, listener.arn)).map(ruleView), defaultRuleView(listener)];
  } else {
    views = [];
    for (const arn of new Set(input.RuleArns)) {
      const listener = await defaultRuleListener(ctx, arn);
      const rule = listener ? undefined : await findRule(ctx.allAccounts, ctx.scope.accountId, arn);
      if (!listener && !rule) throw ruleNotFound();
      views.push(listener ? defaultRuleView(listener) : ruleView(rule!));
    }
  }
  const { page, next } = pageOf(views, input.Marker, input.PageSize);
  return { Rules: page, ...(next ? { NextMarker: next } : {}) };
};

export const modifyRule: ElbAction<"ModifyRule"> = async (input, ctx) => {
  const listener = await defaultRuleListener(ctx, input.RuleArn);
  if (listener) {
    if (input.Conditions?.length) throw operationNotPermitted("You cannot modify the conditions of a default rule");
    if (input.Actions) await updateListener(ctx.allAccounts, ctx.scope.accountId, listener.arn, { defaultActions: await checkedActions(ctx, input.Actions, listener.loadBalancerArn) });
    ctx.elb.changed();
    return { Rules: [defaultRuleView(await requireListener(ctx, listener.arn))] };
  }
  const rule = await findRule(ctx.allAccounts, ctx.scope.accountId, input.RuleArn);
  if (!rule) throw ruleNotFound();
  const owner = await requireListener(ctx, rule.listenerArn);
  const conditions = input.Conditions?.length ? checkedConditions(input.Conditions) : undefined;
  const actions = input.Actions?.length ? await checkedActions(ctx, input.Actions, owner.loadBalancerArn) : undefined;
  await updateRule(ctx.allAccounts, ctx.scope.accountId, rule.arn, { ...(conditions ? { conditions } : {}), ...(actions ? { actions } : {}) });
  ctx.elb.changed();
  return { Rules: [ruleView({ ...rule, ...(conditions ? { conditions } : {}), ...(actions ? { actions } : {}) })] };
};

export const deleteRule: ElbAction<"DeleteRule"> = async (input, ctx) => {
  if (await defaultRuleListener(ctx, input.RuleArn)) throw operationNotPermitted(`Default rule '${input.RuleArn}' cannot be deleted`);
  const rule = await findRule(ctx.allAccounts, ctx.scope.accountId, input.RuleArn);
  if (!rule) throw ruleNotFound();
  await dropRule(ctx.allAccounts, ctx.scope.accountId, rule.arn);
  ctx.elb.changed();
  return {};
};

export const setRulePriorities: ElbAction<"SetRulePriorities"> = async (input, ctx) => {
  const pairs = input.RulePriorities.map((p) => ({ arn: p.RuleArn ?? "", priority: p.Priority ?? 0 }));
  const rules = [];
  for (const p of pairs) {
    if (await defaultRuleListener(ctx, p.arn)) throw operationNotPermitted(`Default rule '${p.arn}' priority cannot be modified`);
    const rule = await findRule(ctx.allAccounts, ctx.scope.accountId, p.arn);
    if (!rule) throw ruleNotFound();
    rules.push({ ...rule, priority: p.priority });
  }
  const listenersOf = new Set(rules.map((r) => r.listenerArn));
  for (const listenerArn of listenersOf) {
    const moved = new Map(rules.filter((r) => r.listenerArn === listenerArn).map((r) => [r.arn, r.priority]));
    const all = (await listRules(ctx.allAccounts, ctx.scope.accountId, listenerArn)).map((r) => moved.get(r.arn) ?? r.priority);
    const dup = all.find((p, i) => all.indexOf(p) !== i);
    if (dup !== undefined) throw new AwsError("PriorityInUse", `Priority '${dup}' is currently in use`);
  }
  if (!(await storePriorities(ctx.allAccounts, ctx.scope.accountId, pairs))) throw new AwsError("PriorityInUse", "One or more priorities are currently in use");
  ctx.elb.changed();
  return { Rules: rules.map(ruleView) };
};
