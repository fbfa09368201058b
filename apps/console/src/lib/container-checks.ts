/** The console's checks of one container definition, beyond the shared schema. Issues carry their path. */
import type { ContainerDefinition, RegisterTaskDefinitionInput } from "@stevedore/shared";
import { validateContainerName } from "./validation.ts";

export interface Issue {
  path: string;
  message: string;
}

type Add = (path: string, message: string) => void;

/** ECS's health check ranges, in seconds (retries: a count). */
const HEALTH_RANGES = { interval: [5, 300], timeout: [2, 60], startPeriod: [0, 300], retries: [1, 10] } as const;
const MIN_MIB = 6;

function memoryIssues(c: ContainerDefinition, taskMemory: unknown, add: Add) {
  if (c.memory !== undefined && c.memory < MIN_MIB) add("memory", "The memory hard limit must be at least 6 MiB.");
  if (c.memoryReservation !== undefined && c.memoryReservation < MIN_MIB)
    add("memoryReservation", "The memory soft limit must be at least 6 MiB.");
  if (c.memory !== undefined && c.memoryReservation !== undefined && c.memory < c.memoryReservation)
    add("memory", "The memory hard limit must be at least the soft limit.");
  if (taskMemory === undefined && c.memory === undefined && c.memoryReservation === undefined)
    add("memory", "The task has no task-level memory: set a memory hard limit or soft limit.");
}

function healthCheckIssues(health: NonNullable<ContainerDefinition["healthCheck"]>, add: Add) {
  if (!["CMD", "CMD-SHELL", "NONE"].includes(health.command[0] ?? ""))
    add("healthCheck.command", "Start the command with CMD or CMD-SHELL, e.g. CMD-SHELL,curl -f http://localhost/ || exit 1.");
  for (const [field, [min, max]] of Object.entries(HEALTH_RANGES)) {
    const value = health[field as keyof typeof HEALTH_RANGES];
    if (value !== undefined && (value < min || value > max)) add(`healthCheck.${field}`, `Enter a value from ${min} to ${max}.`);
  }
}

/** Links between the containers and the volumes of the task. */
function referenceIssues(c: ContainerDefinition, others: readonly string[], volumes: ReadonlySet<string>, add: Add) {
  c.dependsOn?.forEach((d, j) => {
    if (!others.includes(d.containerName)) add(`dependsOn[${j}].containerName`, "Choose another container of this task definition.");
  });
  c.volumesFrom?.forEach((v, j) => {
    if (!v.sourceContainer || !others.includes(v.sourceContainer))
      add(`volumesFrom[${j}].sourceContainer`, "Choose another container of this task definition.");
  });
  c.mountPoints?.forEach((m, j) => {
    if (!m.sourceVolume || !volumes.has(m.sourceVolume)) add(`mountPoints[${j}].sourceVolume`, "Choose a volume of this task definition.");
    if (!m.containerPath) add(`mountPoints[${j}].containerPath`, "Enter a container path.");
  });
}

/** Port mappings as the network mode allows them. */
function portIssues(c: ContainerDefinition, networkMode: string, add: Add) {
  if (networkMode === "none" && c.portMappings?.length) add("portMappings", "The none network mode takes no port mappings.");
  c.portMappings?.forEach((pm, j) => {
    if (pm.containerPort === undefined && pm.containerPortRange === undefined) add(`portMappings[${j}].containerPort`, "Enter a container port.");
    else if (networkMode !== "bridge" && pm.hostPort !== undefined && pm.hostPort !== pm.containerPort)
      add(`portMappings[${j}].hostPort`, `In the ${networkMode} network mode the host port is the container port: leave it empty.`);
  });
}

function rowIssues(c: ContainerDefinition, add: Add) {
  c.environment?.forEach((e, j) => {
    if (!e.name) add(`environment[${j}].name`, "Enter a key.");
  });
  c.secrets?.forEach((s, j) => {
    if (!s.name) add(`secrets[${j}].name`, "Enter a key.");
    if (!s.valueFrom) add(`secrets[${j}].valueFrom`, "Enter the ARN of a Secrets Manager secret or SSM parameter.");
  });
  c.extraHosts?.forEach((h, j) => {
    if (!h.hostname) add(`extraHosts[${j}].hostname`, "Enter a hostname.");
    if (!h.ipAddress) add(`extraHosts[${j}].ipAddress`, "Enter an IP address.");
  });
  c.ulimits?.forEach((u, j) => {
    if (!u.name) add(`ulimits[${j}].name`, "Choose a limit name.");
    if (u.softLimit > u.hardLimit) add(`ulimits[${j}].softLimit`, "The soft limit must not exceed the hard limit.");
  });
  if (Object.hasOwn(c.logConfiguration?.options ?? {}, "")) add("logConfiguration.options", "Every log option needs a key.");
  if (Object.hasOwn(c.dockerLabels ?? {}, "")) add("dockerLabels", "Every Docker label needs a key.");
}

/** The issues of container `index` of `def`, with paths from the definition's root. */
export function containerIssues(def: RegisterTaskDefinitionInput, index: number): Issue[] {
  const c = def.containerDefinitions[index]!;
  const prefix = `containerDefinitions[${index}]`;
  const issues: Issue[] = [];
  const add: Add = (path, message) => issues.push({ path: `${prefix}.${path}`, message });
  const names = def.containerDefinitions.map((x) => x.name);
  const nameError = validateContainerName(c.name);
  if (nameError) add("name", nameError);
  else if (names.indexOf(c.name) !== index) add("name", "Container names must be unique within a task definition.");
  if (!c.image) add("image", "Enter an image URI.");
  memoryIssues(c, def.memory, add);
  portIssues(c, def.networkMode ?? "bridge", add);
  if (c.healthCheck) healthCheckIssues(c.healthCheck, add);
  referenceIssues(c, names.filter((_, i) => i !== index), new Set((def.volumes ?? []).map((v) => v.name)), add);
  rowIssues(c, add);
  return issues;
}
