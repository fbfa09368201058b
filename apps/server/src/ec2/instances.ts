/** The EC2 layer: launching the virtual machines that RunInstances and Auto Scaling groups make. */
import { idBytes } from "../reproducible.ts";
import type { ActionContext } from "../aws/context.ts";
import type { Ec2Instance } from "../db/client.ts";
import { nextFreeAddress } from "./addresses.ts";
import { newToken } from "../identity/agent-callers.ts";

export interface LaunchSpec {
  asgName: string | null;
  instanceType: string;
  imageId: string;
  availabilityZone: string;
  userData: string | null;
  keyName?: string | null;
  subnetId?: string | null;
  securityGroupIds?: string[];
  iamInstanceProfileArn?: string | null;
  tags?: { Key: string; Value: string }[];
  launchTemplate?: { id: string; name: string; version: string } | null;
}

export const newInstanceId = () => `i-${idBytes("ec2-instance", 9).toString("hex").slice(0, 17)}`;

export async function launchInstance(ctx: ActionContext, spec: LaunchSpec): Promise<Ec2Instance> {
  // Addresses are the machine's, across accounts; standalone agents bring their own: those are taken too.
  const [virtual, registered] = await Promise.all([
    ctx.allAccounts.ec2Instance.findMany({ where: { state: { not: "terminated" } }, select: { address: true } }),
    ctx.allAccounts.containerInstance.findMany({ where: { status: { not: "INACTIVE" } }, select: { address: true } }),
  ]);
  const address = nextFreeAddress(ctx.config.instanceNetwork, new Set([...virtual, ...registered].map((u) => u.address)));
  // A terminated instance's row keeps its address for the record; free it for reuse.
  await ctx.allAccounts.ec2Instance.updateMany({ where: { address, state: "terminated" }, data: { address: `${address}#${Date.now()}` } });
  const { securityGroupIds = [], tags = [], launchTemplate, ...rest } = spec;
  return ctx.db.ec2Instance.create({
    data: {
      id: newInstanceId(),
      address,
      state: "running",
      lifecycleState: "InService",
      launchToken: newToken(),
      ...rest,
      securityGroupIds: JSON.stringify(securityGroupIds),
      tags: JSON.stringify(tags),
      launchTemplate: launchTemplate ? JSON.stringify(launchTemplate) : null,
    },
  });
}
