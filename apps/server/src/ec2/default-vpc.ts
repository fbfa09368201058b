/**
 * EC2's DescribeVpcs, DescribeSubnets and DescribeSecurityGroups for the region's default VPC: what
 * Fargate labs look up before running a task (`aws ec2 describe-subnets --filters
 * Name=default-for-az,Values=true`). There is one VPC, one subnet per zone and one security group.
 */
import { DEFAULT_VPC_CIDR, defaultSecurityGroupId, defaultSubnets, defaultVpcId } from "@stevedore/shared";
import type { Action, ActionContext } from "../aws/context.ts";
import { AwsError } from "../aws/errors.ts";
import type { QueryParams, XmlNode } from "../aws/query-protocol.ts";

type Row = Record<string, string>;

/** Rows that pass every `Filter.N` (Name, Value.M: any of the values) and are among the ids named. */
function select<T>(p: QueryParams, rows: T[], fields: (r: T) => Row, idParam: string, idField: string, notFound: (id: string) => AwsError): T[] {
  const ids = p.list(idParam);
  for (const id of ids) if (!rows.some((r) => fields(r)[idField] === id)) throw notFound(id);
  const filters = p.structs("Filter").map((f) => ({ name: f.Name ?? "", values: Object.entries(f).filter(([k]) => k.startsWith("Value.")).map(([, v]) => v) }));
  return rows.filter((r) => {
    const f = fields(r);
    return (ids.length === 0 || ids.includes(f[idField]!)) && filters.every(({ name, values }) => values.includes(f[name] ?? ""));
  });
}

const owner = (ctx: ActionContext) => ctx.scope.accountId;

export const describeVpcs: Action<QueryParams, XmlNode> = async (p, ctx) => {
  const vpc = { "vpc-id": defaultVpcId(ctx.scope.region), isDefault: "true", "is-default": "true", "cidr-block": DEFAULT_VPC_CIDR, state: "available" };
  const rows = select(p, [vpc], (v) => v, "VpcId", "vpc-id", (id) => new AwsError("InvalidVpcID.NotFound", `The vpc ID '${id}' does not exist`));
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
  const rows = select(p, subnets, fields, "SubnetId", "subnet-id", (id) => new AwsError("InvalidSubnetID.NotFound", `The subnet ID '${id}' does not exist`));
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
  const rows = select(p, [group], (g) => g, "GroupId", "group-id", (id) => new AwsError("InvalidGroup.NotFound", `The security group '${id}' does not exist`));
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
