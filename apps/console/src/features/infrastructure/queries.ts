/**
 * The Infrastructure tab's reads: the cluster's capacity providers with their Auto Scaling groups,
 * and its container instances with their EC2 instances (type, zone, loopback address).
 */
import type { Cluster, ContainerInstance, Task } from "@stevedore/shared";
import { useQuery, type QueryClient } from "@tanstack/react-query";
import {
  describeAutoScalingGroups,
  describeAutoScalingInstances,
  describeScalingActivities,
  type AutoScalingGroup,
  type AutoScalingInstance,
} from "../../api/autoscaling.ts";
import { describeInstances, type Ec2Instance } from "../../api/ec2.ts";
import {
  describeCapacityProviders,
  describeContainerInstances,
  describeTasks,
  listContainerInstancePage,
  listTasks,
  type CapacityProvider,
} from "../../api/ecs.ts";
import { LIVE_INTERVAL_MS, queryKeys } from "../../api/query-keys.ts";
import { API_PAGE_SIZE, prefetchFirstPage, useServerPages } from "../../api/server-pages.ts";
import { autoScalingGroupNameFromArn } from "@stevedore/shared";

const FARGATE_PROVIDERS = new Set(["FARGATE", "FARGATE_SPOT"]);

export interface CapacityProviderRow {
  name: string;
  type: "ASG" | "FARGATE";
  provider?: CapacityProvider;
  asgName?: string;
  asg?: AutoScalingGroup;
  isDefault: boolean;
}

export function useCapacityProviders(clusterName: string, cluster: Cluster | undefined) {
  const names = cluster?.capacityProviders ?? [];
  const defaults = new Set((cluster?.defaultCapacityProviderStrategy ?? []).map((s) => s.capacityProvider));
  return useQuery({
    enabled: !!cluster,
    queryKey: [...queryKeys.infrastructure.capacityProviders(clusterName), names.join(",")],
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
  /** The instance's Auto Scaling membership (group, lifecycle state), when it has one. */
  asg?: AutoScalingInstance;
}

/** The EC2 and Auto Scaling views of some container instances; failures there only leave fields empty. */
async function withEc2(instances: ContainerInstance[], signal?: AbortSignal): Promise<ContainerInstanceRow[]> {
  const ids = instances.map((i) => i.ec2InstanceId).filter((id): id is string => !!id);
  const [ec2, asg] = await Promise.all([
    describeInstances(ids, signal).catch(() => [] as Ec2Instance[]),
    ids.length ? describeAutoScalingInstances(ids, signal).catch(() => [] as AutoScalingInstance[]) : [],
  ]);
  return instances.map((instance) => ({
    instance,
    ec2: ec2.find((e) => e.instanceId === instance.ec2InstanceId),
    asg: asg.find((a) => a.instanceId === instance.ec2InstanceId),
  }));
}

const attribute = (ci: ContainerInstance, name: string) => ci.attributes?.find((a) => a.name === name)?.value;

/** A cluster's container instances as the API pages them, each page with its EC2 details (the Infrastructure tab). */
export function useContainerInstances(cluster: string) {
  return useServerPages(queryKeys.infrastructure.containerInstances(cluster), containerInstancePage(cluster));
}

/** The Infrastructure tab's first page of instances, fetched while the tab's code loads (its route's loader). */
export function prefetchContainerInstances(client: QueryClient, cluster: string) {
  return prefetchFirstPage(client, queryKeys.infrastructure.containerInstances(cluster), containerInstancePage(cluster));
}

/** One API page of a cluster's container instances with their EC2 details. */
function containerInstancePage(cluster: string) {
  return async (nextToken: string | undefined, signal: AbortSignal) => {
    const page = await listContainerInstancePage({ cluster, nextToken, maxResults: API_PAGE_SIZE }, signal);
    if (page.containerInstanceArns.length === 0) return { items: [], nextToken: page.nextToken };
    const instances = await describeContainerInstances(cluster, page.containerInstanceArns, signal);
    // The EC2 details only add to the table: a failure there must not hide the instances.
    const rows = await withEc2(instances, signal);
    return { items: rows.sort((a, b) => (a.instance.registeredAt ?? 0) - (b.instance.registeredAt ?? 0)), nextToken: page.nextToken };
  };
}

/** The instance type and zone: EC2's answer, else the ecs.* attributes the agent registered. */
export const instanceType = (r: ContainerInstanceRow) => r.ec2?.instanceType ?? attribute(r.instance, "ecs.instance-type");
export const availabilityZone = (r: ContainerInstanceRow) =>
  r.ec2?.availabilityZone ?? attribute(r.instance, "ecs.availability-zone");

/** One container instance by id (any status, INACTIVE too); null when DescribeContainerInstances misses it. */
export function useContainerInstance(cluster: string, id: string) {
  return useQuery({
    queryKey: queryKeys.infrastructure.containerInstance(cluster, id),
    queryFn: async ({ signal }): Promise<ContainerInstanceRow | null> => {
      const [instance] = await describeContainerInstances(cluster, [id], signal);
      if (!instance) return null;
      const [row] = await withEc2([instance], signal);
      return row ?? null;
    },
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** The tasks on one container instance: running (and pending) ones, then recently stopped ones. */
export function useInstanceTasks(cluster: string, containerInstanceArn: string | undefined) {
  return useQuery({
    queryKey: [...queryKeys.infrastructure.containerInstance(cluster, containerInstanceArn ?? ""), "tasks"],
    queryFn: async ({ signal }): Promise<Task[]> => {
      const lists = await Promise.all(
        (["RUNNING", "STOPPED"] as const).map((desiredStatus) =>
          listTasks({ cluster, containerInstance: containerInstanceArn!, desiredStatus }, signal),
        ),
      );
      const arns = [...new Set(lists.flat())];
      if (arns.length === 0) return [];
      const { tasks } = await describeTasks(cluster, arns, signal);
      const rank = (t: Task) => (t.desiredStatus === "STOPPED" ? 1 : 0);
      return tasks.sort((a, b) => rank(a) - rank(b) || (Number(b.createdAt) || 0) - (Number(a.createdAt) || 0));
    },
    enabled: !!containerInstanceArn,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** An Auto Scaling group's scaling activities, newest first. */
export function useScalingActivities(cluster: string, group: string | undefined) {
  return useQuery({
    queryKey: queryKeys.infrastructure.scalingActivities(cluster, group ?? ""),
    queryFn: ({ signal }) => describeScalingActivities(group!, 50, signal),
    enabled: !!group,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** The loopback address: EC2's private address. */
export const loopbackAddress = (r: ContainerInstanceRow) => r.ec2?.privateIpAddress;
