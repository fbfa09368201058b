/** Service writes: CreateService, UpdateService, DeleteService. Each refreshes the cluster's services, counts and tasks. */
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../api/query-keys.ts";
import { createService, deleteService, updateService, type CreateServiceInput, type UpdateServiceInput } from "../../api/services.ts";

function invalidateCluster(queryClient: QueryClient, cluster: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.services.cluster(cluster) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.clusters.detail(cluster) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.clusters.list() }),
    queryClient.invalidateQueries({ queryKey: queryKeys.tasks.cluster(cluster) }),
  ]);
}

export function useCreateService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateServiceInput) => createService(input),
    onSettled: (_data, _error, input) => invalidateCluster(queryClient, input.cluster),
  });
}

export function useUpdateService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateServiceInput) => updateService(input),
    onSettled: (_data, _error, input) => invalidateCluster(queryClient, input.cluster),
  });
}

export function useDeleteService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { cluster: string; service: string; force: boolean }) => deleteService(input.cluster, input.service, input.force),
    onSettled: (_data, _error, input) => invalidateCluster(queryClient, input.cluster),
  });
}
