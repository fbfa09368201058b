/**
 * Infrastructure writes: the Auto Scaling group's sizes, container instance state (Drain / Activate),
 * deregistration, terminating an instance of the group, and custom attributes. Each refreshes the
 * cluster's infrastructure queries (and the cluster's counts).
 */
import type { Failure } from "@stevedore/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { setDesiredCapacity, terminateInstanceInAutoScalingGroup, updateAutoScalingGroup } from "../../api/autoscaling.ts";
import {
  deleteAttributes,
  deregisterContainerInstance,
  putAttributes,
  updateContainerInstancesState,
} from "../../api/ecs.ts";
import { queryKeys } from "../../api/query-keys.ts";

function useRefresh(cluster: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.infrastructure.cluster(cluster) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.clusters.detail(cluster) }),
    ]);
}

export function useSetDesiredCapacity(cluster: string) {
  const refresh = useRefresh(cluster);
  return useMutation({
    mutationFn: (input: { autoScalingGroupName: string; desiredCapacity: number }) =>
      setDesiredCapacity(input.autoScalingGroupName, input.desiredCapacity),
    onSuccess: refresh,
  });
}

export function useUpdateAutoScalingGroup(cluster: string) {
  const refresh = useRefresh(cluster);
  return useMutation({
    mutationFn: (input: { name: string; minSize: number; maxSize: number; desiredCapacity: number }) => updateAutoScalingGroup(input),
    onSuccess: refresh,
  });
}

export function useUpdateInstancesState(cluster: string) {
  const refresh = useRefresh(cluster);
  return useMutation({
    mutationFn: async (input: { containerInstances: string[]; status: "ACTIVE" | "DRAINING" }) => {
      const r = await updateContainerInstancesState({ cluster, ...input });
      return { ...r, status: input.status };
    },
    onSettled: refresh,
  });
}

/** Deregisters each instance in turn; the ones that fail keep their error. */
export function useDeregisterInstances(cluster: string) {
  const refresh = useRefresh(cluster);
  return useMutation({
    mutationFn: async (input: { containerInstances: string[]; force: boolean }) => {
      const failures: Failure[] = [];
      const done: string[] = [];
      for (const containerInstance of input.containerInstances) {
        try {
          await deregisterContainerInstance({ cluster, containerInstance, force: input.force });
          done.push(containerInstance);
        } catch (e) {
          failures.push({ arn: containerInstance, reason: e instanceof Error ? e.message : String(e) });
        }
      }
      return { done, failures };
    },
    onSettled: refresh,
  });
}

/** TerminateInstanceInAutoScalingGroup for each EC2 instance in turn. */
export function useTerminateInstances(cluster: string) {
  const refresh = useRefresh(cluster);
  return useMutation({
    mutationFn: async (input: { instanceIds: string[]; decrement: boolean }) => {
      const failures: Failure[] = [];
      const activities: string[] = [];
      for (const id of input.instanceIds) {
        try {
          const activity = await terminateInstanceInAutoScalingGroup(id, input.decrement);
          activities.push(activity?.description ?? `Terminating EC2 instance: ${id}`);
        } catch (e) {
          failures.push({ arn: id, reason: e instanceof Error ? e.message : String(e) });
        }
      }
      return { activities, failures };
    },
    onSettled: refresh,
  });
}

export function usePutAttribute(cluster: string, containerInstanceArn: string) {
  const refresh = useRefresh(cluster);
  return useMutation({
    mutationFn: (input: { name: string; value?: string }) =>
      putAttributes(cluster, [
        { name: input.name, ...(input.value ? { value: input.value } : {}), targetType: "container-instance", targetId: containerInstanceArn },
      ]),
    onSuccess: refresh,
  });
}

export function useDeleteAttribute(cluster: string, containerInstanceArn: string) {
  const refresh = useRefresh(cluster);
  return useMutation({
    mutationFn: (name: string) => deleteAttributes(cluster, [{ name, targetType: "container-instance", targetId: containerInstanceArn }]),
    onSuccess: refresh,
  });
}
