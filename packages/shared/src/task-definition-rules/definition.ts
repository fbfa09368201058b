import type { RegisterTaskDefinitionInput } from "../task-definition.ts";
import { issue, requestIssue, type TaskDefinitionIssue } from "./issue.ts";
import { ECS_NAME } from "./names.ts";

/** The definition as a whole: its family, how many containers and which essential, its tags and constraints. */
export function definitionIssues(def: RegisterTaskDefinitionInput): TaskDefinitionIssue[] {
  const issues: TaskDefinitionIssue[] = [];
  if (!ECS_NAME.test(def.family)) {
    issues.push(issue(["family"], "Family contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed."));
  }
  const count = def.containerDefinitions.length;
  if (count === 0) issues.push(issue(["containerDefinitions"], "Container list cannot be empty."));
  if (count > 10) issues.push(requestIssue(["containerDefinitions"], "Too many containers: containerDefinitions can have at most 10 containers."));
  if (count > 0 && def.containerDefinitions.every((c) => c.essential === false)) {
    issues.push(requestIssue(["containerDefinitions"], "At least one essential container is required."));
  }
  def.tags?.forEach((t, j) => {
    if (t.key?.toLowerCase().startsWith("aws:")) issues.push(issue(["tags", j, "key"], `Invalid tag key '${t.key}': tag keys starting with 'aws:' are reserved.`));
  });
  return issues;
}
