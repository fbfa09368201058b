/** The EC2 Query API's DescribeInstances, for each container instance's type, zone and address. */
import { callQuery, child, path, text } from "./query-client.ts";

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
