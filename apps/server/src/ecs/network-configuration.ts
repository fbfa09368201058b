/**
 * networkConfiguration as RunTask and CreateService take it: required for awsvpc task definitions
 * (Fargate's always are), refused for the others, with ECS's messages.
 */
import { SUBNET_ID } from "@stevedore/shared";
import { invalidParameter } from "../aws/errors.ts";
import type { ActionContext } from "../aws/context.ts";
import { accountGroups } from "../ec2/security-groups.ts";

export interface AwsVpcConfiguration {
  subnets: string[];
  securityGroups: string[];
  assignPublicIp: "ENABLED" | "DISABLED";
}

const SECURITY_GROUP = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;

export function parseNetworkConfiguration(value: unknown, networkMode: string | undefined, launchType: "EC2" | "FARGATE"): AwsVpcConfiguration | undefined {
  const given = (value as { awsvpcConfiguration?: Record<string, unknown> } | undefined)?.awsvpcConfiguration;
  if (networkMode !== "awsvpc") {
    if (given) throw invalidParameter("Network Configuration is not valid for the given networkMode of this task definition.");
    return undefined;
  }
  if (!given) throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  const subnets = list(given.subnets, "subnets");
  if (subnets.length === 0) throw invalidParameter("subnets can not be empty.");
  if (subnets.length > 16) throw invalidParameter("subnets can have at most 16 items.");
  for (const s of subnets) if (!SUBNET_ID.test(s)) throw invalidParameter(`Error retrieving subnet information for [${s}]: The subnet ID '${s}' is malformed`);
  const securityGroups = list(given.securityGroups, "securityGroups");
  if (securityGroups.length > 5) throw invalidParameter("securityGroups can have at most 5 items.");
  for (const g of securityGroups) if (!SECURITY_GROUP.test(g)) throw invalidParameter(`Error retrieving security group information for [${g}]: The security group '${g}' is malformed`);
  const assignPublicIp = given.assignPublicIp === undefined ? "DISABLED" : String(given.assignPublicIp);
  if (assignPublicIp !== "ENABLED" && assignPublicIp !== "DISABLED") throw invalidParameter("assignPublicIp must be ENABLED or DISABLED.");
  if (assignPublicIp === "ENABLED" && launchType !== "FARGATE") throw invalidParameter("Assign public IP is not supported for this launch type.");
  return { subnets: [...new Set(subnets)], securityGroups, assignPublicIp };
}

function list(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw invalidParameter(`${name} must be a list of strings.`);
  return value as string[];
}

/** Every security group the configuration names must exist in the account, as ECS asks EC2. */
export async function requireNetworkGroups(ctx: ActionContext, network: AwsVpcConfiguration | undefined): Promise<void> {
  if (!network?.securityGroups.length) return;
  const known = new Set((await accountGroups(ctx)).map((g) => g.id));
  const missing = network.securityGroups.find((g) => !known.has(g));
  if (missing) throw invalidParameter(`Error retrieving security group information for [${missing}]: The security group '${missing}' does not exist`);
}
