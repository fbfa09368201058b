/** What a capacity provider says: its Auto Scaling group, and its managed scaling settings as CreateCapacityProvider stored them. */
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

/** The name of the provider's group, from its ARN (...:autoScalingGroupName/<name>). */
export const asgNameOf = (provider: Pick<CapacityProvider, "autoScalingGroupArn">) => provider.autoScalingGroupArn.split("autoScalingGroupName/")[1] ?? "";
