/** RegisterTaskDefinition: adds a revision to a family (and maybe a family to the list). */
import type { RegisterTaskDefinitionInput } from "@stevedore/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { registerTaskDefinition } from "../../api/ecs.ts";
import { queryKeys } from "../../api/query-keys.ts";

export function useRegisterTaskDefinition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterTaskDefinitionInput) => registerTaskDefinition(input),
    onSuccess: (_td, input) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.taskDefinitions.families("ACTIVE") }),
        queryClient.invalidateQueries({ queryKey: queryKeys.taskDefinitions.family(input.family) }),
      ]),
  });
}
