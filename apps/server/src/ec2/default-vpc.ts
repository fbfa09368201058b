/**
 * EC2's DescribeVpcs, DescribeSubnets and DescribeAvailabilityZones for the region's default VPC: what
 * Fargate labs look up before running a task (`aws ec2 describe-subnets --filters
 * Name=default-for-az,Values=true`). There is one VPC and one subnet per zone (security groups:
 * security-groups.ts).
 */
import { availabilityZones, DEFAULT_VPC_CIDR, defaultSubnets, defaultVpcId } from "@stevedore/shared";
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

const DIRECTIONS: Record<string, string> = { east: "e", west: "w", north: "n", south: "s", central: "c", northeast: "ne", southeast: "se", northwest: "nw", southwest: "sw" };

/** The region's zones, with the zone IDs AWS gives them (use1-az1, apse2-az1...). */
export const describeAvailabilityZones: Ec2Action<"DescribeAvailabilityZones"> = async (p, ctx) => {
  const region = ctx.scope.region;
  const [area = "", direction = "", n = ""] = region.split("-");
  const prefix = `${area}${DIRECTIONS[direction] ?? direction.slice(0, 1)}${n}`;
  const zones = availabilityZones(region).map((name, i) => ({ "zone-name": name, "zone-id": `${prefix}-az${i + 1}`, "region-name": region, state: "available", "zone-type": "availability-zone", "group-name": region }));
  const rows = filterRows({ ids: p.ZoneNames, filters: p.Filters }, zones, (z) => z, { field: "zone-name", notFound: "InvalidParameterValue", what: "zone" });
  const byId = p.ZoneIds?.length ? rows.filter((z) => p.ZoneIds!.includes(z["zone-id"])) : rows;
  return {
    AvailabilityZones: byId.map((z) => ({
      ZoneName: z["zone-name"],
      ZoneId: z["zone-id"],
      RegionName: region,
      State: "available" as const,
      OptInStatus: "opt-in-not-required" as const,
      Messages: [],
      GroupName: region,
      GroupLongName: region,
      NetworkBorderGroup: region,
      ZoneType: "availability-zone",
    })),
  };
};
