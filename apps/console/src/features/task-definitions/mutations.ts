/** RegisterTaskDefinition: adds a revision to a family (and maybe a family to the list). */
import type { RegisterTaskDefinitionInput } from "@stevedore/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { useFlash } from "../../app/flash.tsx";
import { registerTaskDefinition } from "../../api/ecs.ts";
import { ensureTaskExecutionRole } from "../../api/iam.ts";
import { queryKeys } from "../../api/query-keys.ts";

/** Creates the account's ecsTaskExecutionRole when the definition names it and it is missing (as AWS's console does), registers, then opens the new revision with the console's green banner. */
export function useRegisterTaskDefinition() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const flash = useFlash();
  return useMutation({
    mutationFn: async (input: RegisterTaskDefinitionInput) => {
      await ensureTaskExecutionRole(input.executionRoleArn);
      return registerTaskDefinition(input);
    },
    onSuccess: async (td, input) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.taskDefinitions.families("ACTIVE") }),
        queryClient.invalidateQueries({ queryKey: queryKeys.taskDefinitions.family(input.family) }),
      ]);
      const path = `/task-definitions/${encodeURIComponent(td.family)}/${td.revision}/containers`;
      flash.push({
        type: "success",
        header: "Task definition successfully created",
        content: `${td.family}:${td.revision} has been successfully created. You can use this task definition to deploy a service or run a task.`,
        path,
      });
      navigate(path);
    },
  });
}
