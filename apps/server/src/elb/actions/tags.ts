/** AddTags, RemoveTags and DescribeTags on load balancers, target groups, listeners and rules. */
import type { Tag } from "@stevedore/shared/aws/models/elbv2";
import type { ActionContext } from "../../aws/context.ts";
import { AwsError } from "../../aws/errors.ts";
import { findListener, findLoadBalancer, findRule, findTargetGroup, updateListener, updateLoadBalancer, updateRule, updateTargetGroup } from "../../store/elb.ts";
import { listenerNotFound, loadBalancerNotFound, ruleNotFound, targetGroupNotFound } from "../errors.ts";
import type { ElbAction } from "../service.ts";
import { checkTags } from "./common.ts";

interface Tagged {
  tags: Tag[];
  save(tags: Tag[]): Promise<unknown>;
}

async function resource(ctx: ActionContext, arn: string): Promise<Tagged> {
  const db = ctx.allAccounts;
  const { accountId } = ctx.scope;
  if (arn.includes(":loadbalancer/")) {
    const lb = await findLoadBalancer(db, accountId, arn);
    if (!lb) throw loadBalancerNotFound();
    return { tags: lb.tags, save: (tags) => updateLoadBalancer(db, accountId, arn, { tags }) };
  }
  if (arn.includes(":targetgroup/")) {
    const tg = await findTargetGroup(db, accountId, arn);
    if (!tg) throw targetGroupNotFound();
    return { tags: tg.tags, save: (tags) => updateTargetGroup(db, accountId, arn, { tags }) };
  }
  if (arn.includes(":listener/")) {
    const l = await findListener(db, accountId, arn);
    if (!l) throw listenerNotFound();
    return { tags: l.tags, save: (tags) => updateListener(db, accountId, arn, { tags }) };
  }
  if (arn.includes(":listener-rule/")) {
    const r = await findRule(db, accountId, arn);
    if (!r) throw ruleNotFound();
    return { tags: r.tags, save: (tags) => updateRule(db, accountId, arn, { tags }) };
  }
  throw new AwsError("ValidationError", `'${arn}' is not a valid load balancer, target group, listener or rule ARN`);
}

export const addTags: ElbAction<"AddTags"> = async (input, ctx) => {
  const added = checkTags(input.Tags);
  for (const arn of input.ResourceArns) {
    const r = await resource(ctx, arn);
    const tags = [...r.tags.filter((t) => !added.some((a) => a.Key === t.Key)), ...added];
    if (tags.length > 50) throw new AwsError("TooManyTags", "You've reached the limit on the number of tags for this resource");
    await r.save(tags);
  }
  return {};
};

export const removeTags: ElbAction<"RemoveTags"> = async (input, ctx) => {
  for (const arn of input.ResourceArns) {
    const r = await resource(ctx, arn);
    await r.save(r.tags.filter((t) => !input.TagKeys.includes(t.Key)));
  }
  return {};
};

export const describeTags: ElbAction<"DescribeTags"> = async (input, ctx) => {
  const TagDescriptions = [];
  for (const arn of input.ResourceArns) TagDescriptions.push({ ResourceArn: arn, Tags: (await resource(ctx, arn)).tags });
  return { TagDescriptions };
};
