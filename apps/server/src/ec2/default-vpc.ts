/**
 * EC2's DescribeVpcs, DescribeSubnets and DescribeSecurityGroups for the region's default VPC: what
 * Fargate labs look up before running a task (`aws ec2 describe-subnets --filters
 * Name=default-for-az,Values=true`). There is one VPC, one subnet per zone and one security group.
 */
import { DEFAULT_VPC_CIDR, defaultSecurityGroupId, defaultSubnets, defaultVpcId } from "@stevedore/shared";
import type { Action, ActionContext } from "../aws/context.ts";
import type { QueryParams, XmlNode } from "../aws/query-protocol.ts";
import { filterRows } from "./query-filters.ts";

type Row = Record<string, string>;

const owner = (ctx: ActionContext) => ctx.scope.accountId;

export const describeVpcs: Action<QueryParams, XmlNode> = async (p, ctx) => {
  const vpc = { "vpc-id": defaultVpcId(ctx.scope.region), isDefault: "true", "is-default": "true", "cidr-block": DEFAULT_VPC_CIDR, state: "available" };
  const rows = filterRows(p, [vpc], (v) => v, { param: "VpcId", field: "vpc-id", notFound: "InvalidVpcID.NotFound", what: "vpc ID" });
  return {
    vpcSet: rows.map((v) => ({ vpcId: v["vpc-id"], ownerId: owner(ctx), state: "available", cidrBlock: DEFAULT_VPC_CIDR, instanceTenancy: "default", isDefault: true })),
  };
};

export const describeSubnets: Action<QueryParams, XmlNode> = async (p, ctx) => {
  const subnets = defaultSubnets(ctx.scope.region);
  const fields = (s: (typeof subnets)[number]): Row => ({
    "subnet-id": s.subnetId,
    "vpc-id": s.vpcId,
    "availability-zone": s.availabilityZone,
    "default-for-az": String(s.defaultForAz),
    "cidr-block": s.cidrBlock,
    state: "available",
  });
  const rows = filterRows(p, subnets, fields, { param: "SubnetId", field: "subnet-id", notFound: "InvalidSubnetID.NotFound", what: "subnet ID" });
  return {
    subnetSet: rows.map((s) => ({
      subnetId: s.subnetId,
      subnetArn: `arn:aws:ec2:${ctx.scope.region}:${owner(ctx)}:subnet/${s.subnetId}`,
      state: "available",
      vpcId: s.vpcId,
      cidrBlock: s.cidrBlock,
      availableIpAddressCount: 4091,
      availabilityZone: s.availabilityZone,
      defaultForAz: s.defaultForAz,
      mapPublicIpOnLaunch: true,
      ownerId: owner(ctx),
    })),
  };
};

export const describeSecurityGroups: Action<QueryParams, XmlNode> = async (p, ctx) => {
  const group = { "group-id": defaultSecurityGroupId(ctx.scope.region), "group-name": "default", "vpc-id": defaultVpcId(ctx.scope.region) };
  const rows = filterRows(p, [group], (g) => g, { param: "GroupId", field: "group-id", notFound: "InvalidGroup.NotFound", what: "security group" });
  return {
    securityGroupInfo: rows.map((g) => ({
      groupId: g["group-id"],
      groupName: g["group-name"],
      groupDescription: "default VPC security group",
      vpcId: g["vpc-id"],
      ownerId: owner(ctx),
      ipPermissions: [],
      ipPermissionsEgress: [{ ipProtocol: "-1", ipRanges: [{ cidrIp: "0.0.0.0/0" }] }],
    })),
  };
};
