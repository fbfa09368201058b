/**
 * Create cluster, as the console's CloudFormation stack does it: the cluster, then for EC2 a launch
 * configuration, an Auto Scaling group, a capacity provider on it, and the cluster's default strategy.
 */
import { AwsApiError, type Tag } from "@stevedore/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  createAutoScalingGroup,
  createLaunchConfiguration,
  deleteLaunchConfiguration,
  describeAutoScalingGroups,
} from "../../api/autoscaling.ts";
import { createCapacityProvider, createCluster, putClusterCapacityProviders } from "../../api/ecs.ts";
import { queryKeys } from "../../api/query-keys.ts";
import {
  autoScalingGroupName,
  base64,
  capacityProviderName,
  launchConfigurationName,
  randomHex,
  userDataScript,
} from "../../lib/cluster-resources.ts";

export interface Ec2Capacity {
  imageId: string;
  instanceType: string;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  availabilityZones: string[];
}

export interface CreateClusterInput {
  clusterName: string;
  /** **AWS Fargate (serverless)**: the cluster gets the FARGATE and FARGATE_SPOT capacity providers. */
  fargate: boolean;
  ec2?: Ec2Capacity;
  containerInsights: boolean;
  tags: Tag[];
}

const FARGATE_PROVIDERS = ["FARGATE", "FARGATE_SPOT"];

export const CREATE_STEPS = {
  cluster: "Creating the cluster",
  launchConfiguration: "Creating the launch configuration",
  autoScalingGroup: "Creating the Auto Scaling group",
  capacityProvider: "Creating the capacity provider",
  association: "Associating the capacity provider with the cluster",
} as const;
export type CreateStep = keyof typeof CREATE_STEPS;

/** A retry after a partial failure finds the launch configuration or group already there: keep going. */
async function unlessExists(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (e) {
    if (e instanceof AwsApiError && /AlreadyExists/.test(e.code)) return;
    throw e;
  }
}

/** A failure of one step of Create cluster, with the API's own code and message. */
export class CreateClusterError extends Error {
  constructor(
    readonly step: CreateStep,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "CreateClusterError";
  }
}

/** "Creating the Auto Scaling group failed: ValidationError: …" */
export function createErrorText(e: Error): string {
  if (!(e instanceof CreateClusterError)) return e.message;
  return `${CREATE_STEPS[e.step]} failed: ${e.code ? `${e.code}: ` : ""}${e.message}`;
}

export async function createClusterWithInfrastructure(
  input: CreateClusterInput,
  onStep: (step: CreateStep) => void,
): Promise<{ capacityProvider?: string }> {
  let current: CreateStep = "cluster";
  try {
    return await createSteps(input, (step) => {
      current = step;
      onStep(step);
    });
  } catch (e) {
    if (e instanceof CreateClusterError) throw e;
    if (e instanceof AwsApiError) throw new CreateClusterError(current, e.code, e.message);
    throw new CreateClusterError(current, undefined, e instanceof Error ? e.message : String(e));
  }
}

async function createSteps(input: CreateClusterInput, onStep: (step: CreateStep) => void): Promise<{ capacityProvider?: string }> {
  const name = input.clusterName;
  const fargateProviders = input.fargate ? FARGATE_PROVIDERS : [];
  onStep("cluster");
  await createCluster({
    clusterName: name,
    tags: input.tags.length ? input.tags : undefined,
    settings: [{ name: "containerInsights", value: input.containerInsights ? "enabled" : "disabled" }],
    capacityProviders: fargateProviders.length ? fargateProviders : undefined,
  });
  if (!input.ec2) return {};

  const ec2 = input.ec2;
  const lcName = launchConfigurationName(name);
  const asgName = autoScalingGroupName(name);

  onStep("launchConfiguration");
  const createLc = () =>
    createLaunchConfiguration({
      name: lcName,
      imageId: ec2.imageId,
      instanceType: ec2.instanceType,
      userDataBase64: base64(userDataScript(name)),
    });
  try {
    await createLc();
  } catch (e) {
    if (!(e instanceof AwsApiError && /AlreadyExists/.test(e.code))) throw e;
    // Left over from an earlier cluster of this name: replace it so the new instance type applies.
    // When a group from an interrupted attempt still uses it (ResourceInUse), keep it.
    try {
      await deleteLaunchConfiguration(lcName);
      await createLc();
    } catch (e2) {
      if (!(e2 instanceof AwsApiError && e2.code === "ResourceInUse")) throw e2;
    }
  }

  onStep("autoScalingGroup");
  await unlessExists(() =>
    createAutoScalingGroup({
      name: asgName,
      launchConfigurationName: lcName,
      minSize: ec2.minSize,
      maxSize: ec2.maxSize,
      desiredCapacity: ec2.desiredCapacity,
      availabilityZones: ec2.availabilityZones,
    }),
  );
  const [group] = await describeAutoScalingGroups([asgName]);
  if (!group) throw new AwsApiError("ValidationError", `Auto Scaling group ${asgName} was not found after creating it.`, 400);

  onStep("capacityProvider");
  const cpName = capacityProviderName(name, randomHex(6));
  await createCapacityProvider({
    name: cpName,
    autoScalingGroupProvider: {
      autoScalingGroupArn: group.arn,
      managedScaling: { status: "ENABLED", targetCapacity: 100 },
      managedTerminationProtection: "DISABLED",
    },
  });

  onStep("association");
  await putClusterCapacityProviders({
    cluster: name,
    capacityProviders: [...fargateProviders, cpName],
    defaultCapacityProviderStrategy: [{ capacityProvider: cpName, weight: 1, base: 0 }],
  });
  return { capacityProvider: cpName };
}

export function useCreateCluster(onStep: (step: CreateStep) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateClusterInput) => createClusterWithInfrastructure(input, onStep),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.clusters.all }),
  });
}
