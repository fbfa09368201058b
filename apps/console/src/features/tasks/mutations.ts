/** Task writes: RunTask and StopTask. Both change the cluster's task lists and its task counts. */
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { listTasks, runTask, stopTask, type RunTaskInput } from "../../api/ecs.ts";
import { queryKeys } from "../../api/query-keys.ts";

function invalidateClusterTasks(queryClient: QueryClient, cluster: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.tasks.cluster(cluster) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.clusters.detail(cluster) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.clusters.list() }),
    queryClient.invalidateQueries({ queryKey: queryKeys.infrastructure.containerInstances(cluster) }),
  ]);
}

export function useRunTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RunTaskInput) => runTask(input),
    onSettled: (_data, _error, input) => invalidateClusterTasks(queryClient, input.cluster),
  });
}

/** Stops the given tasks; `all` stops every task of the cluster whose desired status is RUNNING. */
export function useStopTasks(cluster: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { tasks: string[] } | { all: true }) => {
      const tasks = "all" in input ? await listTasks({ cluster, desiredStatus: "RUNNING" }) : input.tasks;
      const results = await Promise.allSettled(tasks.map((t) => stopTask(cluster, t)));
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed.length) {
        const reason = failed[0]!.reason;
        throw new Error(
          `${failed.length} of ${tasks.length} tasks could not be stopped: ${reason instanceof Error ? reason.message : String(reason)}`,
        );
      }
      return tasks.length;
    },
    onSettled: () => invalidateClusterTasks(queryClient, cluster),
  });
}
