import type { RegisterTaskDefinitionInput } from "@stevedore/shared";
import { invalidDefinition } from "./invalid.ts";

/** Volumes are named once, and mount points and volumesFrom name what exists. */
export function checkVolumes(def: RegisterTaskDefinitionInput): void {
  const volumes = new Set<string>();
  for (const v of def.volumes ?? []) {
    if (!/^[a-zA-Z0-9_-]{1,255}$/.test(v.name)) throw invalidDefinition(`Volume name '${v.name}' is invalid: up to 255 letters, numbers, hyphens and underscores.`);
    if (volumes.has(v.name)) throw invalidDefinition(`Duplicate volume name '${v.name}'.`);
    if (v.host && v.dockerVolumeConfiguration) throw invalidDefinition(`Volume '${v.name}' cannot have both host and dockerVolumeConfiguration.`);
    if (v.host?.sourcePath && !v.host.sourcePath.startsWith("/")) throw invalidDefinition(`Volume '${v.name}': host sourcePath '${v.host.sourcePath}' must be an absolute path.`);
    volumes.add(v.name);
  }
  const containers = new Set(def.containerDefinitions.map((c) => c.name));
  for (const c of def.containerDefinitions) {
    for (const mp of c.mountPoints ?? []) {
      if (!mp.sourceVolume || !volumes.has(mp.sourceVolume)) {
        throw invalidDefinition(`Container '${c.name}': mountPoints sourceVolume '${mp.sourceVolume ?? ""}' is not a volume of this task definition.`);
      }
      if (!mp.containerPath) throw invalidDefinition(`Container '${c.name}': mountPoints need a containerPath.`);
    }
    for (const vf of c.volumesFrom ?? []) {
      if (!vf.sourceContainer || !containers.has(vf.sourceContainer) || vf.sourceContainer === c.name) {
        throw invalidDefinition(`Container '${c.name}': volumesFrom sourceContainer '${vf.sourceContainer ?? ""}' is not another container of this task definition.`);
      }
    }
  }
}
