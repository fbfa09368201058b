import type { RegisterTaskDefinitionInput } from "@stevedore/shared";
import { invalidDefinition } from "./invalid.ts";

/** dependsOn names other containers, never forms a cycle, and uses conditions where ECS allows them. */
export function checkDependencies(def: RegisterTaskDefinitionInput): void {
  const byName = new Map(def.containerDefinitions.map((c) => [c.name, c]));
  for (const c of def.containerDefinitions) {
    for (const d of c.dependsOn ?? []) {
      const target = byName.get(d.containerName);
      if (!target || d.containerName === c.name) {
        throw invalidDefinition(`Container '${c.name}': dependsOn containerName '${d.containerName}' is not another container of this task definition.`);
      }
      if ((d.condition === "COMPLETE" || d.condition === "SUCCESS") && target.essential !== false) {
        throw invalidDefinition(`Container '${c.name}': the ${d.condition} dependency condition can't be set on an essential container ('${target.name}').`);
      }
      if (d.condition === "HEALTHY" && !target.healthCheck) {
        throw invalidDefinition(`Container '${c.name}': the HEALTHY dependency condition needs a healthCheck on container '${target.name}'.`);
      }
    }
  }
  // Depth-first search for a cycle through dependsOn.
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") throw invalidDefinition(`dependsOn forms a cycle: ${[...path, name].join(" -> ")}.`);
    state.set(name, "visiting");
    for (const d of byName.get(name)?.dependsOn ?? []) visit(d.containerName, [...path, name]);
    state.set(name, "done");
  };
  for (const name of byName.keys()) visit(name, []);
}
