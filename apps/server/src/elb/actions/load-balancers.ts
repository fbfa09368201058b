/**
 * Load balancers (type application): CreateLoadBalancer (idempotent for the same settings, as ELB is),
 * DescribeLoadBalancers, DeleteLoadBalancer (refused under deletion protection), their attributes,
 * security groups and subnets. Each gets a loopback address of its own, where its listeners listen.
 */
import { defaultSecurityGroupId, defaultSubnets, defaultVpcId, SUBNET_ID, subnetAvailabilityZone } from "@stevedore/shared";
import type { ActionContext } from "../../aws/context.ts";
import { AwsError } from "../../aws/errors.ts";
import { nextFreeAddress } from "../../ec2/addresses.ts";
import { createLoadBalancer as storeLoadBalancer, deleteLoadBalancer as dropLoadBalancer, findLoadBalancer, listLoadBalancers, loadBalancerAddresses, updateLoadBalancer, type LoadBalancerRecord, type ZoneMapping } from "../../store/elb.ts";
import { loadBalancerNotFound, operationNotPermitted, validation } from "../errors.ts";
import { dnsName, loadBalancerArn } from "../names.ts";
import type { ElbAction } from "../service.ts";
import { applyAttributes, attributeList, defaults, LOAD_BALANCER_ATTRIBUTES } from "../settings.ts";
import { checkTags, pageOf } from "./common.ts";
import { loadBalancerView } from "../views.ts";

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;

export function checkResourceName(kind: string, name: string): void {
  if (name.length > 32) throw validation(`${kind} name '${name}' cannot be longer than '32' characters`);
  if (!NAME.test(name)) throw validation(`${kind} name '${name}' can only contain characters that are alphanumeric characters or hyphens(-), and must not begin or end with a hyphen`);
  if (name.toLowerCase().startsWith("internal-")) throw validation(`${kind} name '${name}' cannot begin with 'internal-'`);
}

export async function requireLoadBalancer(ctx: ActionContext, arn: string): Promise<LoadBalancerRecord> {
  const lb = await findLoadBalancer(ctx.allAccounts, ctx.scope.accountId, arn);
  if (!lb) throw loadBalancerNotFound();
  return lb;
}

/** The zones of the named subnets: at least two zones, one subnet each, in the default VPC. */
function zonesOf(ctx: ActionContext, subnets: readonly string[]): ZoneMapping[] {
  const { region } = ctx.scope;
  const known = new Set(defaultSubnets(region).map((s) => s.subnetId));
  const zones: ZoneMapping[] = [];
  for (const id of subnets) {
    if (!SUBNET_ID.test(id) || !known.has(id)) throw new AwsError("SubnetNotFound", `The subnet ID '${id}' is not valid`);
    const zone = subnetAvailabilityZone(region, id);
    if (zones.some((z) => z.ZoneName === zone)) throw validation(`You cannot specify multiple subnets in the same Availability Zone '${zone}'`);
    zones.push({ ZoneName: zone, SubnetId: id });
  }
  if (zones.length < 2) throw validation("At least two subnets in two different Availability Zones must be specified");
  return zones.sort((a, b) => a.ZoneName.localeCompare(b.ZoneName));
}

function checkSecurityGroups(ctx: ActionContext, groups: readonly string[]): string[] {
  // The default VPC's default group is the one EC2 has here; the EC2 security group API names others.
  for (const g of groups) if (!/^sg-[0-9a-f]{8,17}$/.test(g)) throw new AwsError("InvalidSecurityGroup", `One or more security groups are invalid: '${g}'`);
  return groups.length ? [...groups] : [defaultSecurityGroupId(ctx.scope.region)];
}

export const createLoadBalancer: ElbAction<"CreateLoadBalancer"> = async (input, ctx) => {
  const { accountId, region } = ctx.scope;
  checkResourceName("Load balancer", input.Name);
  const type = input.Type ?? "application";
  if (type !== "application") throw validation(`Load balancers of type '${type}' are not supported: Stevedore runs application load balancers`);
  if ((input.IpAddressType ?? "ipv4") !== "ipv4") throw validation("Only the 'ipv4' IP address type is supported");
  const subnets = input.SubnetMappings?.length ? input.SubnetMappings.map((m) => m.SubnetId ?? "") : (input.Subnets ?? []);
  if (input.Subnets?.length && input.SubnetMappings?.length) throw validation("You can specify subnets or subnet mappings, not both");
  const zones = zonesOf(ctx, subnets);
  const scheme = input.Scheme ?? "internet-facing";
  const securityGroups = checkSecurityGroups(ctx, input.SecurityGroups ?? []);
  const tags = checkTags(input.Tags ?? []);
  const existing = (await listLoadBalancers(ctx.allAccounts, accountId)).find((lb) => lb.name === input.Name);
  if (existing) {
    const same = existing.scheme === scheme && JSON.stringify(existing.zones) === JSON.stringify(zones);
    if (!same) throw new AwsError("DuplicateLoadBalancerName", `A load balancer with the same name '${input.Name}' exists, but with different settings`);
    return { LoadBalancers: [loadBalancerView(existing)] };
  }
  // Addresses are unique across accounts; a lost race for one retries with the next.
  for (let attempt = 0; attempt < 5; attempt++) {
    const address = nextFreeAddress(ctx.config.loadBalancerNetwork, await loadBalancerAddresses(ctx.allAccounts));
    const lb = await storeLoadBalancer(ctx.allAccounts, {
      arn: loadBalancerArn(ctx.scope, input.Name),
      accountId,
      name: input.Name,
      dnsName: dnsName(input.Name, scheme, region, ctx.config.loadBalancerDomain),
      address,
      scheme,
      ipAddressType: "ipv4",
      vpcId: defaultVpcId(region),
      zones,
      securityGroups,
      attributes: defaults(LOAD_BALANCER_ATTRIBUTES),
      tags,
    });
    if (!lb) {
      const again = (await listLoadBalancers(ctx.allAccounts, accountId)).find((l) => l.name === input.Name);
      if (again) throw new AwsError("DuplicateLoadBalancerName", `A load balancer with the same name '${input.Name}' exists, but with different settings`);
      continue;
    }
    ctx.elb.changed();
    return { LoadBalancers: [loadBalancerView(lb)] };
  }
  throw new AwsError("InsufficientCapacity", "There is not enough capacity to create the load balancer. Try again.", 500);
};

export const describeLoadBalancers: ElbAction<"DescribeLoadBalancers"> = async (input, ctx) => {
  if (input.LoadBalancerArns?.length && input.Names?.length) throw validation("Load balancer names and load balancer ARNs cannot be specified at the same time");
  let lbs = await listLoadBalancers(ctx.allAccounts, ctx.scope.accountId);
  if (input.LoadBalancerArns?.length) {
    const wanted = input.LoadBalancerArns;
    lbs = lbs.filter((lb) => wanted.includes(lb.arn));
    if (lbs.length !== new Set(wanted).size) throw loadBalancerNotFound();
  }
  if (input.Names?.length) {
    const wanted = input.Names;
    lbs = lbs.filter((lb) => wanted.includes(lb.name));
    if (lbs.length !== new Set(wanted).size) throw new AwsError("LoadBalancerNotFound", `Load balancers '[${wanted.filter((n) => !lbs.some((lb) => lb.name === n)).join(", ")}]' not found`);
  }
  const { page, next } = pageOf(lbs, input.Marker, input.PageSize);
  return { LoadBalancers: page.map(loadBalancerView), ...(next ? { NextMarker: next } : {}) };
};

export const deleteLoadBalancer: ElbAction<"DeleteLoadBalancer"> = async (input, ctx) => {
  const lb = await findLoadBalancer(ctx.allAccounts, ctx.scope.accountId, input.LoadBalancerArn);
  // Deleting a load balancer that is already gone succeeds, as in ELB.
  if (!lb) return {};
  if (lb.attributes["deletion_protection.enabled"] === "true") throw operationNotPermitted(`Load balancer '${lb.arn}' cannot be deleted because deletion protection is enabled`);
  await dropLoadBalancer(ctx.allAccounts, ctx.scope.accountId, lb.arn);
  ctx.elb.changed();
  return {};
};

export const describeLoadBalancerAttributes: ElbAction<"DescribeLoadBalancerAttributes"> = async (input, ctx) => {
  const lb = await requireLoadBalancer(ctx, input.LoadBalancerArn);
  return { Attributes: attributeList({ ...defaults(LOAD_BALANCER_ATTRIBUTES), ...lb.attributes }) };
};

export const modifyLoadBalancerAttributes: ElbAction<"ModifyLoadBalancerAttributes"> = async (input, ctx) => {
  const lb = await requireLoadBalancer(ctx, input.LoadBalancerArn);
  const attributes = applyAttributes(LOAD_BALANCER_ATTRIBUTES, { ...defaults(LOAD_BALANCER_ATTRIBUTES), ...lb.attributes }, input.Attributes, "Load balancer");
  await updateLoadBalancer(ctx.allAccounts, ctx.scope.accountId, lb.arn, { attributes });
  ctx.elb.changed();
  return { Attributes: attributeList(attributes) };
};

export const setSecurityGroups: ElbAction<"SetSecurityGroups"> = async (input, ctx) => {
  const lb = await requireLoadBalancer(ctx, input.LoadBalancerArn);
  const securityGroups = checkSecurityGroups(ctx, input.SecurityGroups);
  await updateLoadBalancer(ctx.allAccounts, ctx.scope.accountId, lb.arn, { securityGroups });
  return { SecurityGroupIds: securityGroups };
};

export const setSubnets: ElbAction<"SetSubnets"> = async (input, ctx) => {
  const lb = await requireLoadBalancer(ctx, input.LoadBalancerArn);
  const subnets = input.SubnetMappings?.length ? input.SubnetMappings.map((m) => m.SubnetId ?? "") : (input.Subnets ?? []);
  const zones = zonesOf(ctx, subnets);
  await updateLoadBalancer(ctx.allAccounts, ctx.scope.accountId, lb.arn, { zones });
  return { AvailabilityZones: zones, IpAddressType: "ipv4" };
};
