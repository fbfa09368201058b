import type { RegisterTaskDefinitionInput } from "../task-definition.ts";
import { requestIssue, type IssuePath, type TaskDefinitionIssue } from "./issue.ts";
import { ECS_NAME } from "./names.ts";

/** Volumes are named once, and mount points and volumesFrom name what exists. */
export function volumeIssues(def: RegisterTaskDefinitionInput): TaskDefinitionIssue[] {
  const issues: TaskDefinitionIssue[] = [];
  const add = (path: IssuePath, message: string) => issues.push(requestIssue(path, message));
  const volumes = (def.volumes ?? []).map((v) => v.name ?? "");
  def.volumes?.forEach((v, j) => {
    if (!ECS_NAME.test(v.name ?? "")) add(["volumes", j, "name"], `Volume name '${v.name}' is invalid: up to 255 letters, numbers, hyphens and underscores.`);
    else if (volumes.indexOf(v.name ?? "") !== j) add(["volumes", j, "name"], `Duplicate volume name '${v.name}'.`);
    if (v.host && v.dockerVolumeConfiguration) add(["volumes", j], `Volume '${v.name}' cannot have both host and dockerVolumeConfiguration.`);
    const source = v.host?.sourcePath;
    if (source && !source.startsWith("/")) add(["volumes", j, "host", "sourcePath"], `Volume '${v.name}': host sourcePath '${source}' must be an absolute path.`);
  });
  const containers = def.containerDefinitions.map((c) => c.name);
  def.containerDefinitions.forEach((c, i) => {
    c.mountPoints?.forEach((mp, k) => {
      const at: IssuePath = ["containerDefinitions", i, "mountPoints", k];
      if (!mp.sourceVolume || !volumes.includes(mp.sourceVolume)) {
        add([...at, "sourceVolume"], `Container '${c.name}': mountPoints sourceVolume '${mp.sourceVolume ?? ""}' is not a volume of this task definition.`);
      }
      if (!mp.containerPath) add([...at, "containerPath"], `Container '${c.name}': mountPoints need a containerPath.`);
    });
    c.volumesFrom?.forEach((vf, k) => {
      if (!vf.sourceContainer || !containers.includes(vf.sourceContainer) || vf.sourceContainer === c.name) {
        add(
          ["containerDefinitions", i, "volumesFrom", k, "sourceContainer"],
          `Container '${c.name}': volumesFrom sourceContainer '${vf.sourceContainer ?? ""}' is not another container of this task definition.`,
        );
      }
    });
  });
  return issues;
}
