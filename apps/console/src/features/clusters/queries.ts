/** Cluster reads: the clusters list and one cluster, both live. */
import type { Cluster } from "@stevedore/shared";
import { useQuery } from "@tanstack/react-query";
import { describeClusters, listClusters } from "../../api/ecs.ts";
import { LIVE_INTERVAL_MS, queryKeys } from "../../api/query-keys.ts";

export function useClusters() {
  return useQuery({
    queryKey: queryKeys.clusters.list(),
    queryFn: async ({ signal }): Promise<Cluster[]> => {
      const arns = await listClusters(signal);
      if (arns.length === 0) return [];
      const { clusters } = await describeClusters(arns, signal);
      return clusters.sort((a, b) => a.clusterName.localeCompare(b.clusterName));
    },
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** One cluster by name; null when ECS does not know it (DescribeClusters answers with a MISSING failure). */
export function useCluster(name: string, include?: string[]) {
  return useQuery({
    queryKey: include ? [...queryKeys.clusters.detail(name), ...include] : queryKeys.clusters.detail(name),
    queryFn: async ({ signal }): Promise<Cluster | null> => {
      const { clusters } = await describeClusters([name], signal, include);
      return clusters[0] ?? null;
    },
    refetchInterval: LIVE_INTERVAL_MS,
  });
}
