/**
 * An awsvpc task's elastic network interface, derived from the task: its ID, MAC and DNS name come
 * from the task ID and its address, so ECS's attachment and EC2's DescribeNetworkInterfaces agree.
 * Its public IP (Fargate with assignPublicIp) is its address too: on Stevedore that address is what
 * the machine reaches, as the public IP is what the internet reaches on AWS.
 */
import { defaultSecurityGroupId, defaultVpcId, subnetAvailabilityZone } from "@stevedore/shared";
import type { Task as TaskRow } from "../db/client.ts";
import { filterRows } from "./query-filters.ts";
import type { Ec2Action } from "./service.ts";
import { isEniAddress } from "./addresses.ts";
import { accountGroups } from "./security-groups.ts";

const parseList = (text: string): string[] => {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
};

export interface TaskEni {
  attachmentId: string;
  networkInterfaceId: string;
  macAddress: string;
  privateDnsName: string;
  privateIpAddress: string;
  subnetId: string;
  publicIp?: string;
}

type EniTask = Pick<TaskRow, "id" | "bindIP" | "subnetId" | "assignPublicIp">;

export function taskEni(task: EniTask): TaskEni | undefined {
  if (!task.bindIP || !isEniAddress(task.bindIP)) return undefined;
  const id = task.id;
  return {
    attachmentId: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`,
    networkInterfaceId: `eni-${id.slice(0, 17)}`,
    macAddress: `02:${id.slice(0, 10).match(/../g)!.join(":")}`,
    privateDnsName: `ip-${task.bindIP.replace(/\./g, "-")}.ec2.internal`,
    privateIpAddress: task.bindIP,
    subnetId: task.subnetId ?? "subnet-stevedore",
    ...(task.assignPublicIp ? { publicIp: task.bindIP } : {}),
  };
}

/** The interfaces of the tasks that still run (a stopped task's interface is deleted). */
export const describeNetworkInterfaces: Ec2Action<"DescribeNetworkInterfaces"> = async (p, ctx) => {
  const tasks = await ctx.db.task.findMany({ where: { lastStatus: { not: "STOPPED" }, bindIP: { not: null } }, orderBy: { createdAt: "asc" } });
  const groups = await accountGroups(ctx);
  // A task that named no security group has the default VPC's default group, as on ECS.
  const groupsOf = (task: TaskRow) => {
    const named = parseList(task.securityGroups);
    return (named.length ? named : [defaultSecurityGroupId(ctx.scope.region)]).map((id) => ({ GroupId: id, GroupName: groups.find((g) => g.id === id)?.name ?? "" }));
  };
  const enis = tasks.flatMap((t) => {
    const eni = taskEni(t);
    return eni ? [{ task: t, eni }] : [];
  });
  const vpcId = defaultVpcId(ctx.scope.region);
  const rows = filterRows(
    { ids: p.NetworkInterfaceIds, filters: p.Filters },
    enis,
    ({ task, eni }) => ({
      "network-interface-id": eni.networkInterfaceId,
      "subnet-id": eni.subnetId,
      "vpc-id": vpcId,
      "private-ip-address": eni.privateIpAddress,
      "addresses.private-ip-address": eni.privateIpAddress,
      "association.public-ip": eni.publicIp ?? "",
      "availability-zone": subnetAvailabilityZone(ctx.scope.region, eni.subnetId),
      status: "in-use",
      "group-id": groupsOf(task).map((g) => g.GroupId),
      "group-name": groupsOf(task).map((g) => g.GroupName),
    }),
    { field: "network-interface-id", notFound: "InvalidNetworkInterfaceID.NotFound", what: "networkInterface ID" },
  );
  return {
    NetworkInterfaces: rows.map(({ task, eni }) => ({
      NetworkInterfaceId: eni.networkInterfaceId,
      SubnetId: eni.subnetId,
      VpcId: vpcId,
      AvailabilityZone: subnetAvailabilityZone(ctx.scope.region, eni.subnetId),
      Description: `arn:aws:ecs:${ctx.scope.region}:${ctx.scope.accountId}:attachment/${eni.attachmentId}`,
      OwnerId: ctx.scope.accountId,
      RequesterId: "578734482556",
      RequesterManaged: true,
      Status: "in-use" as const,
      MacAddress: eni.macAddress,
      PrivateIpAddress: eni.privateIpAddress,
      PrivateDnsName: eni.privateDnsName,
      SourceDestCheck: true,
      InterfaceType: "interface" as const,
      Groups: groupsOf(task),
      Attachment: { AttachmentId: `ela-attach-${task.id.slice(0, 17)}`, DeviceIndex: 1, Status: "attached" as const, AttachTime: task.createdAt },
      ...(eni.publicIp ? { Association: { PublicIp: eni.publicIp, PublicDnsName: "", IpOwnerId: "amazon" } } : {}),
      PrivateIpAddresses: [
        { PrivateIpAddress: eni.privateIpAddress, PrivateDnsName: eni.privateDnsName, Primary: true, ...(eni.publicIp ? { Association: { PublicIp: eni.publicIp, IpOwnerId: "amazon" } } : {}) },
      ],
      TagSet: [],
    })),
  };
};
