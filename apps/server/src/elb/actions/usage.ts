/** Which load balancers forward to each target group (through a listener's default actions or a rule). */
import { forwardTargets } from "@stevedore/shared/elb/rules";
import type { Action } from "@stevedore/shared/aws/models/elbv2";
import type { ActionContext } from "../../aws/context.ts";
import { listListeners, listRules } from "../../store/elb.ts";

export async function targetGroupUsage(ctx: ActionContext): Promise<Map<string, Set<string>>> {
  const { accountId } = ctx.scope;
  const listeners = await listListeners(ctx.allAccounts, accountId);
  const lbOf = new Map(listeners.map((l) => [l.arn, l.loadBalancerArn]));
  const usage = new Map<string, Set<string>>();
  const add = (actions: Action[], lbArn: string) => {
    for (const a of actions) for (const t of forwardTargets(a)) usage.set(t.arn, (usage.get(t.arn) ?? new Set()).add(lbArn));
  };
  for (const l of listeners) add(l.defaultActions, l.loadBalancerArn);
  for (const r of await listRules(ctx.allAccounts, accountId)) {
    const lb = lbOf.get(r.listenerArn);
    if (lb) add(r.actions, lb);
  }
  return usage;
}
