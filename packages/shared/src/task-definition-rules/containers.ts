import type { ContainerDefinition, RegisterTaskDefinitionInput } from "../task-definition.ts";
import { containerSettingIssues } from "./container-settings.ts";
import { issue, requestIssue, type IssuePath, type TaskDefinitionIssue } from "./issue.ts";
import { ECS_NAME } from "./names.ts";

const MIN_MIB = 6;

/** Each container's name, image and memory, then its settings. */
export function containerIssues(def: RegisterTaskDefinitionInput): TaskDefinitionIssue[] {
  const names = def.containerDefinitions.map((c) => c.name);
  return def.containerDefinitions.flatMap((c, i) => {
    const at = (...path: IssuePath): IssuePath => ["containerDefinitions", i, ...path];
    const issues: TaskDefinitionIssue[] = [];
    if (!ECS_NAME.test(c.name)) {
      issues.push(issue(at("name"), `Container name '${c.name}' contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.`));
    } else if (names.indexOf(c.name) !== i) {
      issues.push(requestIssue(at("name"), `Duplicate container name '${c.name}' in containerDefinitions.`));
    }
    if (!c.image.trim()) issues.push(issue(at("image"), `Container.image should not be null or empty (container '${c.name}').`));
    else if (c.image.length > 255) issues.push(issue(at("image"), `Container.image of container '${c.name}' is longer than 255 characters.`));
    return [...issues, ...memoryIssues(c, def.memory, at), ...containerSettingIssues(c, at)];
  });
}

/** The hard limit (memory) and soft limit (memoryReservation); one of them when the task sets no memory. */
function memoryIssues(c: ContainerDefinition, taskMemory: string | undefined, at: (...path: IssuePath) => IssuePath): TaskDefinitionIssue[] {
  const issues: TaskDefinitionIssue[] = [];
  if (c.memory !== undefined && c.memoryReservation !== undefined && c.memory < c.memoryReservation) {
    issues.push(issue(at("memory"), `Invalid 'memory' setting for container '${c.name}'. The hard limit (memory) must be greater than or equal to the soft limit (memoryReservation).`));
  }
  for (const field of ["memory", "memoryReservation"] as const) {
    const mib = c[field];
    if (mib !== undefined && mib < MIN_MIB) issues.push(issue(at(field), `Invalid '${field}' setting for container '${c.name}'. The minimum is ${MIN_MIB} MiB.`));
  }
  if (taskMemory === undefined && c.memory === undefined && c.memoryReservation === undefined) {
    issues.push(issue(at("memory"), `Invalid setting for container '${c.name}'. At least one of 'memory' or 'memoryReservation' must be specified.`));
  }
  return issues;
}
