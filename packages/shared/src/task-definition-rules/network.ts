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
    if (mode === "awsvpc") awsvpcIssues(c, add);
  });
  return issues;
}

/** `hostPorts`: "8080/tcp" → the container that maps it, across the task's containers. */
function portIssues(c: ContainerDefinition, mode: string, hostPorts: Map<string, string>, add: Add) {
  if (!c.portMappings?.length) return;
  if (mode === "none") return add(["portMappings"], `Container '${c.name}': portMappings are not supported when networkMode=none.`);
  c.portMappings.forEach((pm, j) => {
    for (const field of ["containerPort", "hostPort"] as const) {
      const port = pm[field];
      const lowest = field === "containerPort" ? 1 : 0;
      if (port !== undefined && (port < lowest || port > 65535)) add(["portMappings", j, field], `Invalid '${field}' setting for container '${c.name}': ports are between ${lowest} and 65535.`);
    }
    if (pm.name !== undefined && !PORT_NAME.test(pm.name)) {
      add(["portMappings", j, "name"], `Container '${c.name}': port mapping name '${pm.name}' must be 1 to 64 lower-case letters, numbers and hyphens, starting and ending with a letter or number.`);
    }
    if (pm.appProtocol !== undefined && pm.name === undefined) add(["portMappings", j, "appProtocol"], `Container '${c.name}': a port mapping with an appProtocol needs a name.`);
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

/** In awsvpc mode the task's network interface decides names and addresses: a container cannot set its own. */
function awsvpcIssues(c: ContainerDefinition, add: Add) {
  const own = { hostname: c.hostname, dnsServers: c.dnsServers?.length, dnsSearchDomains: c.dnsSearchDomains?.length, extraHosts: c.extraHosts?.length };
  for (const [field, value] of Object.entries(own)) {
    if (value) add([field], `Container '${c.name}': ${field} is not supported when networkMode=awsvpc.`);
  }
}

/** Service Connect's port names. */
const PORT_NAME = /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/;

/** Links, a bridge-mode feature, name other containers of the task ("name" or "name:alias"). */
function linkIssues(c: ContainerDefinition, mode: string, names: ReadonlySet<string>, add: Add) {
  if (!c.links?.length) return;
  if (mode !== "bridge") return add(["links"], `Links are not supported when networkMode=${mode}.`);
  c.links.forEach((link, k) => {
    const target = link.split(":")[0]!;
    if (!names.has(target) || target === c.name) add(["links", k], `Container '${c.name}' links to '${target}', which is not another container in this task definition.`);
  });
}
