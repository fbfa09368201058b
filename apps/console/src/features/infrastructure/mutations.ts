/** Infrastructure writes: the desired capacity of a capacity provider's Auto Scaling group. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { setDesiredCapacity } from "../../api/autoscaling.ts";
import { queryKeys } from "../../api/query-keys.ts";

export function useSetDesiredCapacity(cluster: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { autoScalingGroupName: string; desiredCapacity: number }) =>
      setDesiredCapacity(input.autoScalingGroupName, input.desiredCapacity),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.infrastructure.capacityProviders(cluster) }),
  });
}
