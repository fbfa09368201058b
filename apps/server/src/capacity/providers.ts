/** What a capacity provider says: its Auto Scaling group and that group's instances, and its managed scaling settings as CreateCapacityProvider stored them. */
import { autoScalingGroupNameFromArn } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import type { CapacityProvider } from "../db/client.ts";
import { fromJson } from "../db/json.ts";

export interface ManagedScaling {
  status: "ENABLED" | "DISABLED";
  targetCapacity: number;
  minimumScalingStepSize: number;
  maximumScalingStepSize: number;
}

export function managedScaling(provider: Pick<CapacityProvider, "managedScaling">): ManagedScaling {
  const s = fromJson<Partial<ManagedScaling>>(provider.managedScaling, {});
  return {
    status: s.status === "ENABLED" ? "ENABLED" : "DISABLED",
    targetCapacity: s.targetCapacity ?? 100,
    minimumScalingStepSize: s.minimumScalingStepSize ?? 1,
    maximumScalingStepSize: s.maximumScalingStepSize ?? 10000,
  };
}

export const managedScalingEnabled = (provider: Pick<CapacityProvider, "managedScaling" | "status"> | undefined) =>
  !!provider && provider.status === "ACTIVE" && managedScaling(provider).status === "ENABLED";

/** The name of the provider's group, from its ARN. */
export const asgNameOf = (provider: Pick<CapacityProvider, "autoScalingGroupArn">) => autoScalingGroupNameFromArn(provider.autoScalingGroupArn);

/** The EC2 instances (pending or running) of each provider's group, by provider name. */
export async function providerInstanceIds(ctx: ActionContext, providers: readonly Pick<CapacityProvider, "name" | "autoScalingGroupArn">[]): Promise<Map<string, Set<string>>> {
  const machines = await ctx.db.ec2Instance.findMany({
    where: { asgName: { in: providers.map(asgNameOf) }, state: { in: ["pending", "running"] } },
    select: { id: true, asgName: true },
  });
  return new Map(providers.map((p) => [p.name, new Set(machines.filter((m) => m.asgName === asgNameOf(p)).map((m) => m.id))]));
}
