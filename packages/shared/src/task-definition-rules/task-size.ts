import { parseTaskCpu, parseTaskMemory, type RegisterTaskDefinitionInput } from "../task-definition.ts";
import { issue, type TaskDefinitionIssue } from "./issue.ts";

const TROUBLESHOOTING = "For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";

/** Task-level sizes parse, and the containers fit inside them. */
export function taskSizeIssues(def: RegisterTaskDefinitionInput): TaskDefinitionIssue[] {
  const issues: TaskDefinitionIssue[] = [];
  const cpu = def.cpu === undefined ? undefined : parseTaskCpu(def.cpu);
  const memory = def.memory === undefined ? undefined : parseTaskMemory(def.memory);
  if (def.cpu !== undefined && (cpu === undefined || cpu < 128 || cpu > 196_608)) issues.push(issue(["cpu"], `Invalid 'cpu' setting for task. ${TROUBLESHOOTING}`));
  if (def.memory !== undefined && (memory === undefined || memory < 6)) issues.push(issue(["memory"], `Invalid 'memory' setting for task. ${TROUBLESHOOTING}`));
  if (cpu !== undefined) {
    const sum = def.containerDefinitions.reduce((s, c) => s + (c.cpu ?? 0), 0);
    if (sum > cpu) issues.push(issue(["cpu"], `Invalid 'cpu' setting for task: the containers' cpu (${sum} units in all) exceeds the task's cpu (${cpu} units).`));
  }
  if (memory !== undefined) {
    def.containerDefinitions.forEach((c, i) => {
      const own = c.memory ?? c.memoryReservation ?? 0;
      const field = c.memory !== undefined ? "memory" : "memoryReservation";
      if (own > memory) issues.push(issue(["containerDefinitions", i, field], `Invalid 'memory' setting for container '${c.name}': ${own} MiB exceeds the task's memory (${memory} MiB).`));
    });
    const reserved = def.containerDefinitions.reduce((s, c) => s + (c.memoryReservation ?? c.memory ?? 0), 0);
    if (reserved > memory) issues.push(issue(["memory"], `Invalid 'memory' setting for task: the containers reserve ${reserved} MiB in all, more than the task's memory (${memory} MiB).`));
  }
  return issues;
}
