import type { RegisterTaskDefinitionInput } from "@stevedore/shared";
import { invalidDefinition } from "./invalid.ts";

/** Port mappings and links, per network mode. */
export function checkNetwork(def: RegisterTaskDefinitionInput): void {
  const mode = def.networkMode ?? "bridge";
  const names = new Set(def.containerDefinitions.map((c) => c.name));
  const hostPorts = new Map<string, string>();
  for (const c of def.containerDefinitions) {
    for (const pm of c.portMappings ?? []) {
      if (pm.containerPort === undefined && !pm.containerPortRange) {
        throw invalidDefinition(`Container '${c.name}': portMappings need a containerPort or a containerPortRange.`);
      }
      if ((mode === "awsvpc" || mode === "host") && pm.hostPort !== undefined && pm.containerPort !== undefined && pm.hostPort !== pm.containerPort) {
        throw invalidDefinition(`When networkMode=${mode}, the host ports and container ports in port mappings must match.`);
      }
      if (mode === "none") throw invalidDefinition(`Container '${c.name}': portMappings are not supported when networkMode=none.`);
      const host = mode === "bridge" ? pm.hostPort : (pm.hostPort ?? pm.containerPort);
      if (host) {
        const key = `${host}/${pm.protocol ?? "tcp"}`;
        if (hostPorts.has(key)) throw invalidDefinition(`Containers '${hostPorts.get(key)}' and '${c.name}' both map host port ${key}.`);
        hostPorts.set(key, c.name);
      }
    }
    if (c.links?.length) {
      if (mode !== "bridge") throw invalidDefinition(`Links are not supported when networkMode=${mode}.`);
      for (const link of c.links) {
        const target = link.split(":")[0]!;
        if (!names.has(target) || target === c.name) throw invalidDefinition(`Container '${c.name}' links to '${target}', which is not another container in this task definition.`);
      }
    }
  }
}
