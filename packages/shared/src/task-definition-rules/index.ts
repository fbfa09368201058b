/**
 * ECS's rules for RegisterTaskDefinition beyond the shape (registerTaskDefinitionSchema), written once:
 * the server throws the first issue as ECS's ClientException, the console shows each by its field.
 * The input has passed the schema. One module per concern; the order is the order the server reports them in.
 */
import type { RegisterTaskDefinitionInput } from "../task-definition.ts";
import { containerIssues } from "./containers.ts";
import { definitionIssues } from "./definition.ts";
import { dependencyIssues } from "./dependencies.ts";
import { fargateIssues } from "./fargate.ts";
import type { TaskDefinitionIssue } from "./issue.ts";
import { networkIssues } from "./network.ts";
import { taskSizeIssues } from "./task-size.ts";
import { volumeIssues } from "./volumes.ts";

export type { IssuePath, TaskDefinitionIssue } from "./issue.ts";
export { FARGATE_TASK_SIZES } from "./fargate-sizes.ts";

export function taskDefinitionIssues(def: RegisterTaskDefinitionInput): TaskDefinitionIssue[] {
  return [
    ...definitionIssues(def),
    ...containerIssues(def),
    ...taskSizeIssues(def),
    ...networkIssues(def),
    ...volumeIssues(def),
    ...dependencyIssues(def),
    ...fargateIssues(def),
  ];
}
