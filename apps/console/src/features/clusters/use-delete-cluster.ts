/**
 * Delete cluster, as deleting the console's CloudFormation stack does: the cluster's Auto Scaling
 * groups first (ForceDelete terminates their instances), then the cluster once its instances are gone.
 */
import { AwsApiError } from "@stevedore/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { deleteAutoScalingGroup, deleteLaunchConfiguration, describeAutoScalingGroups } from "../../api/autoscaling.ts";
import { deleteCapacityProvider, deleteCluster, describeCapacityProviders, describeClusters, listContainerInstances } from "../../api/ecs.ts";
import { queryKeys } from "../../api/query-keys.ts";
import { forceDeleteClusterServices } from "../../api/services.ts";
import { autoScalingGroupNameFromArn } from "@stevedore/shared";

const FARGATE_PROVIDERS = new Set(["FARGATE", "FARGATE_SPOT"]);
const WAIT_MS = 60_000;
const POLL_MS = 2_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A cluster's Auto Scaling group capacity providers and the groups behind them. */
export async function clusterAutoScalingGroups(cluster: string): Promise<{ providers: string[]; groups: string[] }> {
  const { clusters } = await describeClusters([cluster]);
  const names = (clusters[0]?.capacityProviders ?? []).filter((n) => !FARGATE_PROVIDERS.has(n));
  const providers = await describeCapacityProviders(names);
  return {
    providers: providers.map((p) => p.name),
    groups: providers
      .map((p) => p.autoScalingGroupProvider?.autoScalingGroupArn)
      .filter((arn): arn is string => !!arn)
      .map(autoScalingGroupNameFromArn),
  };
}

const RETRYABLE = new Set([
  "ClusterContainsContainerInstancesException",
  "ClusterContainsTasksException",
  "ClusterContainsServicesException",
  "UpdateInProgressException",
]);

export async function deleteClusterWithInfrastructure(cluster: string, onStep: (text: string) => void): Promise<void> {
  // Services first, with force: their tasks drain while the instances are still there.
  await forceDeleteClusterServices(cluster, onStep);
  onStep("Finding the cluster's Auto Scaling groups");
  const { providers, groups } = await clusterAutoScalingGroups(cluster);
  const described = groups.length ? await describeAutoScalingGroups(groups) : [];
  const launchConfigurations = [
    ...new Set(described.map((g) => g.launchConfigurationName).filter((n): n is string => !!n)),
  ];
  for (const group of groups) {
    onStep(`Deleting Auto Scaling group ${group}`);
    try {
      await deleteAutoScalingGroup(group);
    } catch (e) {
      // Already gone: nothing left to delete.
      if (!(e instanceof AwsApiError && /not found|does not exist/i.test(e.message))) throw e;
    }
  }
  const deadline = Date.now() + WAIT_MS;
  if (groups.length) {
    onStep("Waiting for the Auto Scaling groups' instances to terminate");
    while (Date.now() < deadline && (await describeAutoScalingGroups(groups)).length > 0) await sleep(POLL_MS);
    // The launch configurations go with their groups, as the console's stack deletes them (best effort).
    for (const lc of launchConfigurations) {
      onStep(`Deleting launch configuration ${lc}`);
      await deleteLaunchConfiguration(lc).catch(() => undefined);
    }
    onStep("Waiting for the container instances to deregister");
    while (Date.now() < deadline) {
      const instances = await listContainerInstances({ cluster });
      if (instances.length === 0) break;
      await sleep(POLL_MS);
    }
  }
  onStep("Deleting the cluster");
  for (;;) {
    try {
      await deleteCluster(cluster);
      break;
    } catch (e) {
      if (!(e instanceof AwsApiError && RETRYABLE.has(e.code)) || Date.now() >= deadline) throw e;
      await sleep(POLL_MS);
    }
  }
  // The capacity providers go last: a cluster's providers cannot be deleted while it is ACTIVE.
  for (const provider of providers) {
    onStep(`Deleting capacity provider ${provider}`);
    await deleteCapacityProvider(provider).catch(() => undefined);
  }
}

export function useDeleteCluster(onStep: (text: string) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (cluster: string) => deleteClusterWithInfrastructure(cluster, onStep),
    onSuccess: (_data, cluster) => {
      queryClient.removeQueries({ queryKey: queryKeys.clusters.detail(cluster) });
      queryClient.removeQueries({ queryKey: queryKeys.tasks.cluster(cluster) });
      queryClient.removeQueries({ queryKey: queryKeys.infrastructure.cluster(cluster) });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.clusters.list() }),
  });
}
