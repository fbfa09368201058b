/**
 * EC2's view of the virtual machines (Query, Version 2016-11-15): DescribeInstances with EC2's filters
 * and DescribeInstanceStatus. An instance's private and public IP are both its loopback address: on
 * Stevedore that address is what this machine reaches, as the public IP is what the internet reaches.
 */
import { defaultSecurityGroupId, defaultSubnets, defaultVpcId } from "@stevedore/shared";
import type { Instance, InstanceStateName } from "@stevedore/shared/aws/models/ec2";
import type { ActionContext } from "../aws/context.ts";
import { filterRows, tagFields, type FilterFields } from "./query-filters.ts";
import { accountGroups } from "./security-groups.ts";
import type { Ec2Action } from "./service.ts";

export const STATE_CODES: Record<string, number> = { pending: 0, running: 16, "shutting-down": 32, terminated: 48, stopping: 64, stopped: 80 };

type InstanceRow = Awaited<ReturnType<ActionContext["db"]["ec2Instance"]["findMany"]>>[number];

const list = <T>(text: string | null, fallback: T): T => {
  try {
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
};

export const instanceAddress = (i: InstanceRow) => i.address.split("#")[0]!;
const dnsLabel = (address: string) => address.replace(/\./g, "-");
const live = (i: InstanceRow) => i.state !== "terminated";

/** The instance in DescribeInstances' and RunInstances' shape. */
export function instanceXml(ctx: ActionContext, i: InstanceRow, groupNames: ReadonlyMap<string, string>): Instance {
  const address = instanceAddress(i);
  const subnet = i.subnetId ?? defaultSubnets(ctx.scope.region).find((s) => s.availabilityZone === i.availabilityZone)?.subnetId;
  const groups = list<string[]>(i.securityGroupIds, []);
  const tags = list<{ Key: string; Value: string }[]>(i.tags, []);
  const profile = i.iamInstanceProfileArn;
  const reachable = live(i) && i.state !== "stopped" && i.state !== "stopping";
  return {
    InstanceId: i.id,
    ImageId: i.imageId,
    State: { Code: STATE_CODES[i.state] ?? 0, Name: i.state as InstanceStateName },
    PrivateDnsName: live(i) ? `ip-${dnsLabel(address)}.ec2.internal` : "",
    PublicDnsName: reachable ? `ec2-${dnsLabel(address)}.compute-1.amazonaws.com` : "",
    StateTransitionReason: i.stateReason || i.state === "terminated" ? "User initiated" : "",
    ...(i.keyName ? { KeyName: i.keyName } : {}),
    AmiLaunchIndex: 0,
    InstanceType: i.instanceType as never,
    LaunchTime: i.launchedAt,
    Placement: { AvailabilityZone: i.availabilityZone, GroupName: "", Tenancy: "default" as const },
    Monitoring: { State: "disabled" as const },
    ...(live(i) ? { SubnetId: subnet, VpcId: defaultVpcId(ctx.scope.region), PrivateIpAddress: address } : {}),
    ...(reachable ? { PublicIpAddress: address } : {}),
    Architecture: "x86_64" as const,
    RootDeviceType: "ebs" as const,
    RootDeviceName: "/dev/xvda",
    Hypervisor: "xen" as const,
    VirtualizationType: "hvm" as const,
    EbsOptimized: false,
    EnaSupport: true,
    SourceDestCheck: true,
    PlatformDetails: "Linux/UNIX",
    ...(profile ? { IamInstanceProfile: { Arn: profile, Id: `AIPA${i.id.slice(2, 19).toUpperCase()}` } } : {}),
    SecurityGroups: (groups.length ? groups : [defaultSecurityGroupId(ctx.scope.region)]).map((id) => ({ GroupId: id, GroupName: groupNames.get(id) ?? "" })),
    ...(i.stateReason || i.state === "terminated" ? { StateReason: { Code: "Client.UserInitiatedShutdown", Message: "Client.UserInitiatedShutdown: User initiated shutdown" } } : {}),
    Tags: [...tags, ...(i.asgName ? [{ Key: "aws:autoscaling:groupName", Value: i.asgName }] : [])],
    MetadataOptions: { State: "applied" as const, HttpTokens: "required" as const, HttpPutResponseHopLimit: 2, HttpEndpoint: "enabled" as const },
  };
}

function fields(ctx: ActionContext, i: InstanceRow): FilterFields {
  const x = instanceXml(ctx, i, new Map());
  const groups = x.SecurityGroups!.map((g) => g.GroupId!);
  return {
    "instance-id": i.id,
    "instance-state-name": i.state,
    "instance-state-code": String(STATE_CODES[i.state] ?? 0),
    "instance-type": i.instanceType,
    "image-id": i.imageId,
    "availability-zone": i.availabilityZone,
    "subnet-id": x.SubnetId ?? "",
    "vpc-id": x.VpcId ?? "",
    "key-name": i.keyName ?? "",
    "private-ip-address": x.PrivateIpAddress ?? "",
    "ip-address": x.PublicIpAddress ?? "",
    "network-interface.addresses.association.public-ip": x.PublicIpAddress ?? "",
    "iam-instance-profile.arn": i.iamInstanceProfileArn ?? "",
    "instance.group-id": groups,
    "group-id": groups,
    ...tagFields(x.Tags as { Key: string; Value: string }[]),
  };
}

export async function groupNamesOf(ctx: ActionContext): Promise<Map<string, string>> {
  return new Map((await accountGroups(ctx)).map((g) => [g.id, g.name]));
}

export const describeInstances: Ec2Action<"DescribeInstances"> = async (p, ctx) => {
  const ids = p.InstanceIds ?? [];
  // Terminated instances stay visible when named or asked for by state, as EC2 keeps them for a while.
  const byState = (p.Filters ?? []).some((f) => f.Name === "instance-state-name");
  const rows = await ctx.db.ec2Instance.findMany({ where: ids.length || byState ? {} : { state: { not: "terminated" } }, orderBy: { launchedAt: "asc" } });
  const selected = filterRows({ ids, filters: p.Filters }, rows, (i) => fields(ctx, i), { field: "instance-id", notFound: "InvalidInstanceID.NotFound", what: "instance ID" });
  const names = await groupNamesOf(ctx);
  return {
    Reservations: selected.map((i) => ({
      ReservationId: `r-${i.id.slice(2)}`,
      OwnerId: ctx.scope.accountId,
      Groups: [],
      Instances: [instanceXml(ctx, i, names)],
    })),
  };
};

/** The status checks `ec2 wait instance-status-ok` polls: a running instance passes both. */
export const describeInstanceStatus: Ec2Action<"DescribeInstanceStatus"> = async (p, ctx) => {
  const ids = p.InstanceIds ?? [];
  const rows = await ctx.db.ec2Instance.findMany({ where: { state: { not: "terminated" } }, orderBy: { launchedAt: "asc" } });
  const selected = filterRows({ ids, filters: p.Filters }, rows, (i) => fields(ctx, i), { field: "instance-id", notFound: "InvalidInstanceID.NotFound", what: "instance ID" }).filter(
    (i) => p.IncludeAllInstances || i.state === "running",
  );
  const ok = (running: boolean) => ({ Status: running ? ("ok" as const) : ("not-applicable" as const), Details: [{ Name: "reachability" as const, Status: running ? ("passed" as const) : ("initializing" as const) }] });
  return {
    InstanceStatuses: selected.map((i) => ({
      InstanceId: i.id,
      AvailabilityZone: i.availabilityZone,
      InstanceState: { Code: STATE_CODES[i.state] ?? 0, Name: i.state as InstanceStateName },
      InstanceStatus: ok(i.state === "running"),
      SystemStatus: ok(i.state === "running"),
      AttachedEbsStatus: ok(i.state === "running"),
    })),
  };
};
