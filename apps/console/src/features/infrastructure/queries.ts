/**
 * The Infrastructure tab's reads: the cluster's capacity providers with their Auto Scaling groups,
 * and its container instances with their EC2 instances (type, zone, loopback address).
 */
import type { Cluster, ContainerInstance } from "@stevedore/shared";
import { useQuery } from "@tanstack/react-query";
import { describeAutoScalingGroups, type AutoScalingGroup } from "../../api/autoscaling.ts";
import { describeInstances, type Ec2Instance } from "../../api/ec2.ts";
import { describeCapacityProviders, describeContainerInstances, listContainerInstances, type CapacityProvider } from "../../api/ecs.ts";
import { LIVE_INTERVAL_MS, queryKeys } from "../../api/query-keys.ts";
import { autoScalingGroupNameFromArn } from "../../lib/format.ts";

const FARGATE_PROVIDERS = new Set(["FARGATE", "FARGATE_SPOT"]);

export interface CapacityProviderRow {
  name: string;
  type: "ASG" | "FARGATE";
  provider?: CapacityProvider;
  asgName?: string;
  asg?: AutoScalingGroup;
  isDefault: boolean;
}

export function useCapacityProviders(cluster: Cluster) {
  const names = cluster.capacityProviders ?? [];
  const defaults = new Set((cluster.defaultCapacityProviderStrategy ?? []).map((s) => s.capacityProvider));
  return useQuery({
    queryKey: [...queryKeys.infrastructure.capacityProviders(cluster.clusterName), names.join(",")],
    queryFn: async ({ signal }): Promise<CapacityProviderRow[]> => {
      const asgProviders = await describeCapacityProviders(
        names.filter((n) => !FARGATE_PROVIDERS.has(n)),
        signal,
      );
      const asgNames = asgProviders
        .map((p) => p.autoScalingGroupProvider?.autoScalingGroupArn)
        .filter((a): a is string => !!a)
        .map(autoScalingGroupNameFromArn);
      const groups = asgNames.length ? await describeAutoScalingGroups(asgNames, signal) : [];
      return names.map((name): CapacityProviderRow => {
        if (FARGATE_PROVIDERS.has(name)) return { name, type: "FARGATE", isDefault: defaults.has(name) };
        const provider = asgProviders.find((p) => p.name === name);
        const arn = provider?.autoScalingGroupProvider?.autoScalingGroupArn;
        const asgName = arn ? autoScalingGroupNameFromArn(arn) : undefined;
        return {
          name,
          type: "ASG",
          provider,
          asgName,
          asg: groups.find((g) => g.name === asgName || g.arn === arn),
          isDefault: defaults.has(name),
        };
      });
    },
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

export interface ContainerInstanceRow {
  instance: ContainerInstance;
  ec2?: Ec2Instance;
}

const attribute = (ci: ContainerInstance, name: string) => ci.attributes?.find((a) => a.name === name)?.value;

export function useContainerInstances(cluster: string) {
  return useQuery({
    queryKey: queryKeys.infrastructure.containerInstances(cluster),
    queryFn: async ({ signal }): Promise<ContainerInstanceRow[]> => {
      const arns = await listContainerInstances({ cluster }, signal);
      if (arns.length === 0) return [];
      const instances = await describeContainerInstances(cluster, arns, signal);
      const ids = instances.map((i) => i.ec2InstanceId).filter((id): id is string => !!id);
      // The EC2 details only add to the table: a failure there must not hide the instances.
      const ec2 = await describeInstances(ids, signal).catch(() => [] as Ec2Instance[]);
      return instances
        .map((instance) => ({ instance, ec2: ec2.find((e) => e.instanceId === instance.ec2InstanceId) }))
        .sort((a, b) => (a.instance.registeredAt ?? 0) - (b.instance.registeredAt ?? 0));
    },
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** The instance type and zone: EC2's answer, else the ecs.* attributes the agent registered. */
export const instanceType = (r: ContainerInstanceRow) => r.ec2?.instanceType ?? attribute(r.instance, "ecs.instance-type");
export const availabilityZone = (r: ContainerInstanceRow) =>
  r.ec2?.availabilityZone ?? attribute(r.instance, "ecs.availability-zone");
