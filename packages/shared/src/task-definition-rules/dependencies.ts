import type { RegisterTaskDefinitionInput } from "../task-definition.ts";
import { requestIssue, type TaskDefinitionIssue } from "./issue.ts";

/** dependsOn names other containers, never forms a cycle, and uses conditions where ECS allows them. */
export function dependencyIssues(def: RegisterTaskDefinitionInput): TaskDefinitionIssue[] {
  const byName = new Map(def.containerDefinitions.map((c) => [c.name, c]));
  const issues: TaskDefinitionIssue[] = [];
  def.containerDefinitions.forEach((c, i) => {
    c.dependsOn?.forEach((d, k) => {
      const at = (field: string) => ["containerDefinitions", i, "dependsOn", k, field];
      const target = byName.get(d.containerName);
      if (!target || d.containerName === c.name) {
        issues.push(requestIssue(at("containerName"), `Container '${c.name}': dependsOn containerName '${d.containerName}' is not another container of this task definition.`));
      } else if ((d.condition === "COMPLETE" || d.condition === "SUCCESS") && target.essential !== false) {
        issues.push(requestIssue(at("condition"), `Container '${c.name}': the ${d.condition} dependency condition can't be set on an essential container ('${target.name}').`));
      } else if (d.condition === "HEALTHY" && !target.healthCheck) {
        issues.push(requestIssue(at("condition"), `Container '${c.name}': the HEALTHY dependency condition needs a healthCheck on container '${target.name}'.`));
      }
    });
  });
  const cycle = findCycle(def);
  if (cycle) {
    const i = def.containerDefinitions.findIndex((c) => c.name === cycle[0]);
    issues.push(requestIssue(["containerDefinitions", i, "dependsOn"], `dependsOn forms a cycle: ${cycle.join(" -> ")}.`));
  }
  return issues;
}

/**
 * The first cycle through dependsOn, by depth-first search, with the path that led to it: ["a", "b", "c", "b"].
 * A container naming itself is reported above, not as a cycle.
 */
function findCycle(def: RegisterTaskDefinitionInput): string[] | undefined {
  const dependsOn = new Map(def.containerDefinitions.map((c) => [c.name, (c.dependsOn ?? []).map((d) => d.containerName).filter((n) => n !== c.name)]));
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (state.get(name) === "done") return undefined;
    if (state.get(name) === "visiting") return [...path, name];
    state.set(name, "visiting");
    for (const next of dependsOn.get(name) ?? []) {
      const cycle = visit(next, [...path, name]);
      if (cycle) return cycle;
    }
    state.set(name, "done");
    return undefined;
  };
  for (const name of dependsOn.keys()) {
    const cycle = visit(name, []);
    if (cycle) return cycle;
  }
  return undefined;
}
