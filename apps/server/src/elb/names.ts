/**
 * ELB's names and identifiers: ARNs of load balancers, target groups, listeners and rules in AWS's
 * form, and each load balancer's DNS name, AWS's `<name>-<id>.<region>.elb.amazonaws.com` with the
 * machine's own suffix (config.loadBalancerDomain), which the hosts file maps to its loopback address.
 */
import { idBytes } from "../reproducible.ts";
import type { AwsScope } from "@stevedore/shared";

const hex16 = () => idBytes("load-balancing", 8).toString("hex");
const prefix = (scope: AwsScope) => `arn:aws:elasticloadbalancing:${scope.region}:${scope.accountId}`;

export const loadBalancerArn = (scope: AwsScope, name: string) => `${prefix(scope)}:loadbalancer/app/${name}/${hex16()}`;
export const targetGroupArn = (scope: AwsScope, name: string) => `${prefix(scope)}:targetgroup/${name}/${hex16()}`;

/** `loadbalancer/app/<name>/<id>` of a load balancer's ARN, which its listeners' and rules' ARNs carry. */
const loadBalancerPath = (lbArn: string) => lbArn.slice(lbArn.indexOf(":loadbalancer/") + ":loadbalancer/".length);
export const listenerArn = (lbArn: string) => `${lbArn.slice(0, lbArn.indexOf(":loadbalancer/"))}:listener/${loadBalancerPath(lbArn)}/${hex16()}`;
export const ruleArn = (listener: string) => listener.replace(":listener/", ":listener-rule/") + `/${hex16()}`;
/** The default rule's ARN: fixed per listener, so DescribeRules and ModifyRule agree on it. */
export const defaultRuleArn = (listener: string) => listener.replace(":listener/", ":listener-rule/") + "/default";

export const loadBalancerNameOf = (arn: string) => /:loadbalancer\/app\/([^/]+)\//.exec(arn)?.[1] ?? "";
export const targetGroupNameOf = (arn: string) => /:targetgroup\/([^/]+)\//.exec(arn)?.[1] ?? "";

export function dnsName(name: string, scheme: string, region: string, domain: string): string {
  const id = String(1_000_000_000 + (idBytes("load-balancer-dns", 4).readUInt32LE() % 1_000_000_000));
  return `${scheme === "internal" ? "internal-" : ""}${name}-${id}.${region}.${domain}`.toLowerCase();
}

/** Route 53's hosted zone of ALBs in each region (us-east-1's by default: other regions' are not Stevedore's concern). */
export const CANONICAL_HOSTED_ZONE_ID = "Z35SXDOTRQ7X7K";
