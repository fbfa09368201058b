/**
 * The wizard's own checks: fields left empty, in a form's words ("Enter an image URI."). ECS's rules
 * (taskDefinitionIssues in @stevedore/shared) report the same fields in ECS's words; where both speak,
 * the form's word wins (task-definition-checks.ts).
 */
import type { ContainerDefinition, RegisterTaskDefinitionInput } from "@stevedore/shared";
import type { Issue } from "./task-definition-checks.ts";

type Add = (path: string, message: string) => void;

export function emptyFieldIssues(def: RegisterTaskDefinitionInput): Issue[] {
  const issues: Issue[] = [];
  const add: Add = (path, message) => issues.push({ path, message });
  if (!def.family) add("family", "Task definition family is required.");
  def.placementConstraints?.forEach((p, j) => {
    if (p.type === "memberOf" && !p.expression) add(`placementConstraints[${j}].expression`, "Enter a cluster query language expression.");
  });
  def.volumes?.forEach((v, j) => {
    if (!v.name) add(`volumes[${j}].name`, "Enter a volume name.");
  });
  def.containerDefinitions.forEach((c, i) => containerEmptyFields(c, (path, message) => add(`containerDefinitions[${i}].${path}`, message)));
  return issues;
}

function containerEmptyFields(c: ContainerDefinition, add: Add) {
  if (!c.name) add("name", "Container name is required.");
  if (!c.image.trim()) add("image", "Enter an image URI.");
  c.portMappings?.forEach((pm, j) => {
    if (pm.containerPort === undefined && pm.containerPortRange === undefined) add(`portMappings[${j}].containerPort`, "Enter a container port.");
  });
  c.dependsOn?.forEach((d, j) => {
    if (!d.containerName) add(`dependsOn[${j}].containerName`, "Choose another container of this task definition.");
  });
  c.volumesFrom?.forEach((v, j) => {
    if (!v.sourceContainer) add(`volumesFrom[${j}].sourceContainer`, "Choose another container of this task definition.");
  });
  c.mountPoints?.forEach((m, j) => {
    if (!m.sourceVolume) add(`mountPoints[${j}].sourceVolume`, "Choose a volume of this task definition.");
    if (!m.containerPath) add(`mountPoints[${j}].containerPath`, "Enter a container path.");
  });
  rowEmptyFields(c, add);
}

/** The key-value rows the wizard adds and a user may leave half filled. */
function rowEmptyFields(c: ContainerDefinition, add: Add) {
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
  });
  if (Object.hasOwn(c.logConfiguration?.options ?? {}, "")) add("logConfiguration.options", "Every log option needs a key.");
  if (Object.hasOwn(c.dockerLabels ?? {}, "")) add("dockerLabels", "Every Docker label needs a key.");
}
