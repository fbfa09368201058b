/** The Elastic Load Balancing v2 API (Query protocol, Version 2015-12-01): one function per action. */
import { model } from "@stevedore/shared/aws/models/elbv2.model";
import type { Operations } from "@stevedore/shared/aws/models/elbv2";
import { defineService, type HandlerOf } from "../aws/service.ts";
import * as loadBalancers from "./actions/load-balancers.ts";
import * as targetGroups from "./actions/target-groups.ts";
import * as listeners from "./actions/listeners.ts";
import * as targets from "./actions/targets.ts";
import * as tags from "./actions/tags.ts";

export type ElbAction<K extends keyof Operations> = HandlerOf<Operations, K>;

export const elbService = defineService<Operations>({
  name: "elasticloadbalancing",
  model,
  protocol: "query",
  invalidInput: "ValidationError",
  handlers: {
    CreateLoadBalancer: loadBalancers.createLoadBalancer,
    DescribeLoadBalancers: loadBalancers.describeLoadBalancers,
    DeleteLoadBalancer: loadBalancers.deleteLoadBalancer,
    DescribeLoadBalancerAttributes: loadBalancers.describeLoadBalancerAttributes,
    ModifyLoadBalancerAttributes: loadBalancers.modifyLoadBalancerAttributes,
    SetSecurityGroups: loadBalancers.setSecurityGroups,
    SetSubnets: loadBalancers.setSubnets,
    CreateTargetGroup: targetGroups.createTargetGroup,
    DescribeTargetGroups: targetGroups.describeTargetGroups,
    ModifyTargetGroup: targetGroups.modifyTargetGroup,
    DeleteTargetGroup: targetGroups.deleteTargetGroup,
    DescribeTargetGroupAttributes: targetGroups.describeTargetGroupAttributes,
    ModifyTargetGroupAttributes: targetGroups.modifyTargetGroupAttributes,
    CreateListener: listeners.createListener,
    DescribeListeners: listeners.describeListeners,
    ModifyListener: listeners.modifyListener,
    DeleteListener: listeners.deleteListener,
    CreateRule: listeners.createRule,
    DescribeRules: listeners.describeRules,
    ModifyRule: listeners.modifyRule,
    DeleteRule: listeners.deleteRule,
    SetRulePriorities: listeners.setRulePriorities,
    RegisterTargets: targets.registerTargets,
    DeregisterTargets: targets.deregisterTargets,
    DescribeTargetHealth: targets.describeTargetHealth,
    AddTags: tags.addTags,
    RemoveTags: tags.removeTags,
    DescribeTags: tags.describeTags,
  },
});
