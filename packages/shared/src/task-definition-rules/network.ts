import type { ContainerDefinition, RegisterTaskDefinitionInput } from "../task-definition.ts";
import { requestIssue, type IssuePath, type TaskDefinitionIssue } from "./issue.ts";

type Add = (path: IssuePath, message: string) => void;

/** Port mappings and links, per network mode; no host port mapped twice. */
export function networkIssues(def: RegisterTaskDefinitionInput): TaskDefinitionIssue[] {
  const mode = def.networkMode ?? "bridge";
  const names = new Set(def.containerDefinitions.map((c) => c.name));
  const hostPorts = new Map<string, string>();
  const issues: TaskDefinitionIssue[] = [];
  def.containerDefinitions.forEach((c, i) => {
    const add: Add = (path, message) => issues.push(requestIssue(["containerDefinitions", i, ...path], message));
    portIssues(c, mode, hostPorts, add);
    linkIssues(c, mode, names, add);
  });
  return issues;
}

/** `hostPorts`: "8080/tcp" → the container that maps it, across the task's containers. */
function portIssues(c: ContainerDefinition, mode: string, hostPorts: Map<string, string>, add: Add) {
  if (!c.portMappings?.length) return;
  if (mode === "none") return add(["portMappings"], `Container '${c.name}': portMappings are not supported when networkMode=none.`);
  c.portMappings.forEach((pm, j) => {
    if (pm.containerPort === undefined && !pm.containerPortRange) {
      add(["portMappings", j, "containerPort"], `Container '${c.name}': portMappings need a containerPort or a containerPortRange.`);
    }
    if (mode !== "bridge" && pm.hostPort !== undefined && pm.containerPort !== undefined && pm.hostPort !== pm.containerPort) {
      add(["portMappings", j, "hostPort"], `When networkMode=${mode}, the host ports and container ports in port mappings must match.`);
    }
    // In bridge mode an unset host port is dynamic; in awsvpc and host modes it is the container port.
    const host = mode === "bridge" ? pm.hostPort : (pm.hostPort ?? pm.containerPort);
    if (!host) return;
    const key = `${host}/${pm.protocol ?? "tcp"}`;
    const owner = hostPorts.get(key);
    if (owner === undefined) hostPorts.set(key, c.name);
    else add(["portMappings", j, "hostPort"], `Containers '${owner}' and '${c.name}' both map host port ${key}.`);
  });
}

/** Links, a bridge-mode feature, name other containers of the task ("name" or "name:alias"). */
function linkIssues(c: ContainerDefinition, mode: string, names: ReadonlySet<string>, add: Add) {
  if (!c.links?.length) return;
  if (mode !== "bridge") return add(["links"], `Links are not supported when networkMode=${mode}.`);
  c.links.forEach((link, k) => {
    const target = link.split(":")[0]!;
    if (!names.has(target) || target === c.name) add(["links", k], `Container '${c.name}' links to '${target}', which is not another container in this task definition.`);
  });
}
