/**
 * The EC2 Query API: DescribeInstances (each container instance's type, zone and address), the default
 * VPC (DescribeVpcs, DescribeSubnets, DescribeSecurityGroups) and tasks' network interfaces
 * (DescribeNetworkInterfaces: the public IP ECS does not show).
 */
import { callQuery, child, path, text } from "./query-client.ts";
import { ec2Filters } from "./query-encoding.ts";

const VERSION = "2016-11-15";

export interface Ec2Instance {
  instanceId: string;
  instanceType?: string;
  /** The instance's own loopback address (127.x.y.z): host ports are published on it. */
  privateIpAddress?: string;
  availabilityZone?: string;
  state?: string;
}

export async function describeInstances(instanceIds: readonly string[], signal?: AbortSignal): Promise<Ec2Instance[]> {
  if (instanceIds.length === 0) return [];
  const root = await callQuery("DescribeInstances", VERSION, { InstanceId: instanceIds }, "flat", signal);
  return path(root, "reservationSet", "item", "instancesSet", "item").map((item) => ({
    instanceId: text(item, "instanceId") ?? "",
    instanceType: text(item, "instanceType"),
    privateIpAddress: text(item, "privateIpAddress"),
    availabilityZone: text(child(item, "placement"), "availabilityZone"),
    state: text(child(item, "instanceState"), "name"),
  }));
}

/** A Describe* action over filters: the items of its `<setName>`, each read by `read`. */
async function describeSet<T>(
  action: string,
  setName: string,
  filters: Record<string, readonly string[]>,
  read: (item: Element) => T,
  signal?: AbortSignal,
): Promise<T[]> {
  const root = await callQuery(action, VERSION, ec2Filters(filters), "flat", signal);
  return path(root, setName, "item").map(read);
}

export interface Vpc {
  vpcId: string;
  cidrBlock?: string;
  isDefault: boolean;
}

export const describeVpcs = (filters: Record<string, readonly string[]> = {}, signal?: AbortSignal): Promise<Vpc[]> =>
  describeSet("DescribeVpcs", "vpcSet", filters, (item) => ({ vpcId: text(item, "vpcId") ?? "", cidrBlock: text(item, "cidrBlock"), isDefault: text(item, "isDefault") === "true" }), signal);

export interface Subnet {
  subnetId: string;
  vpcId?: string;
  availabilityZone?: string;
  cidrBlock?: string;
  defaultForAz: boolean;
}

export const describeSubnets = (filters: Record<string, readonly string[]> = {}, signal?: AbortSignal): Promise<Subnet[]> =>
  describeSet(
    "DescribeSubnets",
    "subnetSet",
    filters,
    (item) => ({
      subnetId: text(item, "subnetId") ?? "",
      vpcId: text(item, "vpcId"),
      availabilityZone: text(item, "availabilityZone"),
      cidrBlock: text(item, "cidrBlock"),
      defaultForAz: text(item, "defaultForAz") === "true",
    }),
    signal,
  );

export interface SecurityGroup {
  groupId: string;
  groupName?: string;
  description?: string;
  vpcId?: string;
}

export const describeSecurityGroups = (filters: Record<string, readonly string[]> = {}, signal?: AbortSignal): Promise<SecurityGroup[]> =>
  describeSet(
    "DescribeSecurityGroups",
    "securityGroupInfo",
    filters,
    (item) => ({ groupId: text(item, "groupId") ?? "", groupName: text(item, "groupName"), description: text(item, "groupDescription"), vpcId: text(item, "vpcId") }),
    signal,
  );

export interface NetworkInterface {
  networkInterfaceId: string;
  /** Set when the interface has a public IP (a Fargate task with assignPublicIp ENABLED). */
  publicIp?: string;
}

export const describeNetworkInterfaces = (ids: readonly string[], signal?: AbortSignal): Promise<NetworkInterface[]> =>
  describeSet(
    "DescribeNetworkInterfaces",
    "networkInterfaceSet",
    { "network-interface-id": ids },
    (item) => ({ networkInterfaceId: text(item, "networkInterfaceId") ?? "", publicIp: text(child(item, "association"), "publicIp") }),
    signal,
  );
