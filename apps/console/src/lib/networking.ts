/**
 * **Networking** of Run task and the service forms (awsvpc task definitions only), pure: the values, the
 * default (the default VPC, all its default subnets, its default security group, public IP on), the
 * checks, the networkConfiguration sent, and a task's network interface as DescribeTasks gives it.
 * Unit-tested under apps/console/test.
 */
import type { LaunchType } from "./compute.ts";

export interface SubnetInfo {
  subnetId: string;
  availabilityZone?: string;
  cidrBlock?: string;
  defaultForAz?: boolean;
}

export interface SecurityGroupInfo {
  groupId: string;
  groupName?: string;
}

/** The default VPC as EC2 describes it. */
export interface VpcInfo {
  vpcId: string;
  cidrBlock?: string;
  subnets: SubnetInfo[];
  securityGroups: SecurityGroupInfo[];
}

export interface NetworkValues {
  vpcId: string;
  subnets: string[];
  securityGroups: string[];
  /** **Public IP**: Turned on (Fargate only). */
  publicIp: boolean;
}

export interface AwsVpcConfiguration {
  subnets: string[];
  securityGroups?: string[];
  assignPublicIp?: "ENABLED" | "DISABLED";
}

export interface NetworkConfiguration {
  awsvpcConfiguration?: AwsVpcConfiguration;
}

/** The console's default: the default VPC's default subnets, its "default" group, public IP turned on. */
export function defaultNetwork(vpc: VpcInfo | undefined): NetworkValues {
  const group = vpc?.securityGroups.find((g) => g.groupName === "default") ?? vpc?.securityGroups[0];
  return {
    vpcId: vpc?.vpcId ?? "",
    subnets: (vpc?.subnets ?? []).filter((s) => s.defaultForAz !== false).map((s) => s.subnetId),
    securityGroups: group ? [group.groupId] : [],
    publicIp: true,
  };
}

/** A service's awsvpc configuration as the form edits it. */
export function networkValuesOf(config: NetworkConfiguration | undefined, vpcId = ""): NetworkValues | null {
  const c = config?.awsvpcConfiguration;
  if (!c) return null;
  return { vpcId, subnets: [...c.subnets], securityGroups: [...(c.securityGroups ?? [])], publicIp: c.assignPublicIp === "ENABLED" };
}

export const MAX_SUBNETS = 16;
export const MAX_SECURITY_GROUPS = 5;

/** The networking issues by path ("network.subnets", "network.securityGroups"); none unless awsvpc. */
export function checkNetwork(v: NetworkValues, networkMode: string | undefined): Partial<Record<string, string>> {
  if (networkMode !== "awsvpc") return {};
  const errors: Partial<Record<string, string>> = {};
  if (v.subnets.length === 0) errors["network.subnets"] = "Choose at least one subnet: tasks with the awsvpc network mode need one.";
  else if (v.subnets.length > MAX_SUBNETS) errors["network.subnets"] = `Choose at most ${MAX_SUBNETS} subnets.`;
  if (v.securityGroups.length > MAX_SECURITY_GROUPS) errors["network.securityGroups"] = `Choose at most ${MAX_SECURITY_GROUPS} security groups.`;
  return errors;
}

/** The networkConfiguration for an awsvpc task definition (public IP only on Fargate), else nothing. */
export function networkRequest(
  v: NetworkValues,
  networkMode: string | undefined,
  launchType: LaunchType | undefined,
): { networkConfiguration?: { awsvpcConfiguration: AwsVpcConfiguration } } {
  if (networkMode !== "awsvpc") return {};
  return {
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: [...v.subnets],
        securityGroups: [...v.securityGroups],
        assignPublicIp: launchType === "FARGATE" && v.publicIp ? "ENABLED" : "DISABLED",
      },
    },
  };
}

export const publicIpText = (config: NetworkConfiguration | undefined): string =>
  config?.awsvpcConfiguration ? (config.awsvpcConfiguration.assignPublicIp === "ENABLED" ? "Turned on" : "Turned off") : "-";

/** A task's elastic network interface: what the attachment's details say. */
export interface TaskEni {
  attachmentId: string;
  status?: string;
  networkInterfaceId?: string;
  subnetId?: string;
  privateIPv4Address?: string;
  privateDnsName?: string;
  macAddress?: string;
}

interface Attachment {
  id?: string;
  type?: string;
  status?: string;
  details?: { name?: string; value?: string }[];
}

/** The task's ElasticNetworkInterface attachment (awsvpc tasks), or undefined. */
export function taskEni(task: { attachments?: readonly unknown[] }): TaskEni | undefined {
  const eni = (task.attachments as Attachment[] | undefined)?.find((a) => a?.type === "ElasticNetworkInterface");
  if (!eni) return undefined;
  const detail = (name: string) => eni.details?.find((d) => d.name === name)?.value;
  return {
    attachmentId: eni.id ?? "",
    status: eni.status,
    networkInterfaceId: detail("networkInterfaceId"),
    subnetId: detail("subnetId"),
    privateIPv4Address: detail("privateIPv4Address"),
    privateDnsName: detail("privateDnsName"),
    macAddress: detail("macAddress"),
  };
}

/**
 * The address to open for a task's first published port: http://<address>:<port>/. On Stevedore an
 * awsvpc task's private address is a loopback address of this machine, so it is reachable as a public
 * one would be.
 */
export function taskAddressUrl(address: string | undefined, containers: readonly { networkBindings?: readonly { containerPort?: number; hostPort?: number }[] }[]): string | undefined {
  if (!address) return undefined;
  const binding = containers.flatMap((c) => c.networkBindings ?? [])[0];
  const port = binding?.hostPort ?? binding?.containerPort;
  return port ? `http://${address}:${port}/` : `http://${address}/`;
}
