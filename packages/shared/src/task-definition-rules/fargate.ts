import { parseTaskCpu, parseTaskMemory, type RegisterTaskDefinitionInput } from "../task-definition.ts";
import { FARGATE_TASK_SIZES } from "./fargate-sizes.ts";
import { issue, type IssuePath, type TaskDefinitionIssue } from "./issue.ts";

const STORAGE_GIB = { min: 21, max: 200 };

/** What requiresCompatibilities FARGATE asks of a definition. */
export function fargateIssues(def: RegisterTaskDefinitionInput): TaskDefinitionIssue[] {
  if (!def.requiresCompatibilities?.includes("FARGATE")) return [];
  const issues: TaskDefinitionIssue[] = [];
  const add = (path: IssuePath, message: string) => issues.push(issue(path, message));
  if (def.networkMode !== "awsvpc") add(["networkMode"], "Fargate only supports network mode ‘awsvpc’.");
  for (const field of ["cpu", "memory"] as const) {
    if (def[field] === undefined) add([field], "Fargate requires that 'cpu' and 'memory' be defined at the task level.");
  }
  // Sizes that do not parse are taskSizeIssues' to report.
  const cpu = def.cpu === undefined ? undefined : parseTaskCpu(def.cpu);
  const memory = def.memory === undefined ? undefined : parseTaskMemory(def.memory);
  if (cpu !== undefined && memory !== undefined && !FARGATE_TASK_SIZES.get(cpu)?.includes(memory)) {
    add(["memory"], `No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory. See the Amazon ECS documentation for the valid values.`);
  }
  const storage = def.ephemeralStorage?.sizeInGiB;
  if (storage !== undefined && (storage < STORAGE_GIB.min || storage > STORAGE_GIB.max)) {
    add(["ephemeralStorage", "sizeInGiB"], `Invalid 'ephemeralStorage' setting for task: sizeInGiB must be between ${STORAGE_GIB.min} and ${STORAGE_GIB.max}.`);
  }
  const awslogs = def.containerDefinitions.some((c) => c.logConfiguration?.logDriver === "awslogs");
  if (awslogs && !def.executionRoleArn) add(["executionRoleArn"], "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
  def.containerDefinitions.forEach((c, i) => {
    if (c.privileged) add(["containerDefinitions", i, "privileged"], `Container '${c.name}': privileged is not supported on Fargate.`);
    const added = (c.linuxParameters?.capabilities?.add ?? []).filter((cap) => cap.toUpperCase().replace(/^CAP_/, "") !== "SYS_PTRACE");
    if (added.length) add(["containerDefinitions", i, "linuxParameters", "capabilities", "add"], `Container '${c.name}': Fargate only supports adding the SYS_PTRACE capability.`);
    if (c.linuxParameters?.devices?.length) add(["containerDefinitions", i, "linuxParameters", "devices"], `Container '${c.name}': devices are not supported on Fargate.`);
    if (c.dockerSecurityOptions?.length) add(["containerDefinitions", i, "dockerSecurityOptions"], `Container '${c.name}': dockerSecurityOptions are not supported on Fargate.`);
    if (c.links?.length) add(["containerDefinitions", i, "links"], `Container '${c.name}': links are not supported on Fargate.`);
  });
  def.volumes?.forEach((v, j) => {
    if (v.host?.sourcePath) add(["volumes", j, "host", "sourcePath"], `Volume '${v.name}': host sourcePath is not supported on Fargate.`);
    if (v.dockerVolumeConfiguration) add(["volumes", j, "dockerVolumeConfiguration"], `Volume '${v.name}': dockerVolumeConfiguration is not supported on Fargate.`);
  });
  if (def.pidMode === "host" || def.ipcMode) add([def.pidMode === "host" ? "pidMode" : "ipcMode"], "pidMode 'host' and ipcMode are not supported on Fargate.");
  return issues;
}
