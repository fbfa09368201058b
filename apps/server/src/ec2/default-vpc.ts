/**
 * EC2's DescribeVpcs, DescribeSubnets and DescribeSecurityGroups for the region's default VPC: what
 * Fargate labs look up before running a task (`aws ec2 describe-subnets --filters
 * Name=default-for-az,Values=true`). There is one VPC, one subnet per zone and one security group.
 */
import { DEFAULT_VPC_CIDR, defaultSecurityGroupId, defaultSubnets, defaultVpcId } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import { filterRows } from "./query-filters.ts";
import type { Ec2Action } from "./service.ts";

type Row = Record<string, string>;

const owner = (ctx: ActionContext) => ctx.scope.accountId;

export const describeVpcs: Ec2Action<"DescribeVpcs"> = async (p, ctx) => {
  const vpc = { "vpc-id": defaultVpcId(ctx.scope.region), isDefault: "true", "is-default": "true", "cidr-block": DEFAULT_VPC_CIDR, state: "available" };
  const rows = filterRows({ ids: p.VpcIds, filters: p.Filters }, [vpc], (v) => v, { field: "vpc-id", notFound: "InvalidVpcID.NotFound", what: "vpc ID" });
  return {
    Vpcs: rows.map((v) => ({ VpcId: v["vpc-id"], OwnerId: owner(ctx), State: "available" as const, CidrBlock: DEFAULT_VPC_CIDR, InstanceTenancy: "default" as const, IsDefault: true })),
  };
};

export const describeSubnets: Ec2Action<"DescribeSubnets"> = async (p, ctx) => {
  const subnets = defaultSubnets(ctx.scope.region);
  const fields = (s: (typeof subnets)[number]): Row => ({
    "subnet-id": s.subnetId,
    "vpc-id": s.vpcId,
    "availability-zone": s.availabilityZone,
    "default-for-az": String(s.defaultForAz),
    "cidr-block": s.cidrBlock,
    state: "available",
  });
  const rows = filterRows({ ids: p.SubnetIds, filters: p.Filters }, subnets, fields, { field: "subnet-id", notFound: "InvalidSubnetID.NotFound", what: "subnet ID" });
  return {
    Subnets: rows.map((s) => ({
      SubnetId: s.subnetId,
      SubnetArn: `arn:aws:ec2:${ctx.scope.region}:${owner(ctx)}:subnet/${s.subnetId}`,
      State: "available" as const,
      VpcId: s.vpcId,
      CidrBlock: s.cidrBlock,
      AvailableIpAddressCount: 4091,
      AvailabilityZone: s.availabilityZone,
      DefaultForAz: s.defaultForAz,
      MapPublicIpOnLaunch: true,
      OwnerId: owner(ctx),
    })),
  };
};

export const describeSecurityGroups: Ec2Action<"DescribeSecurityGroups"> = async (p, ctx) => {
  const group = { "group-id": defaultSecurityGroupId(ctx.scope.region), "group-name": "default", "vpc-id": defaultVpcId(ctx.scope.region) };
  const rows = filterRows({ ids: p.GroupIds, filters: p.Filters }, [group], (g) => g, { field: "group-id", notFound: "InvalidGroup.NotFound", what: "security group" });
  return {
    SecurityGroups: rows.map((g) => ({
      GroupId: g["group-id"],
      GroupName: g["group-name"],
      Description: "default VPC security group",
      VpcId: g["vpc-id"],
      OwnerId: owner(ctx),
      IpPermissions: [],
      IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
    })),
  };
};
