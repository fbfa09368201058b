/** Task definition helpers for the revision and JSON pages. Pure: unit-tested under apps/console/test. */
import type { RegisterTaskDefinitionInput, Tag, TaskDefinition } from "@stevedore/shared";

/** Fields DescribeTaskDefinition returns that RegisterTaskDefinition does not take. */
const READ_ONLY = [
  "taskDefinitionArn",
  "revision",
  "status",
  "requiresAttributes",
  "compatibilities",
  "registeredAt",
  "registeredBy",
  "deregisteredAt",
] as const;

/** A registered revision turned back into a RegisterTaskDefinition body (for **Create new revision with JSON**). */
export function toRegisterInput(td: TaskDefinition, tags: readonly Tag[] = []): RegisterTaskDefinitionInput {
  const copy: Record<string, unknown> = { ...td };
  for (const key of READ_ONLY) delete copy[key];
  if (tags.length) copy.tags = tags.map((t) => ({ ...t }));
  return copy as RegisterTaskDefinitionInput;
}

/** The overview's **App environment**: "EC2", "EC2, FARGATE". */
export function appEnvironment(td: Pick<TaskDefinition, "requiresCompatibilities" | "compatibilities">): string {
  const list = td.requiresCompatibilities?.length ? td.requiresCompatibilities : td.compatibilities;
  return list?.length ? list.join(", ") : "-";
}

/** The overview's **OS / Architecture**: "Linux/X86_64". */
export function osArchitecture(td: Pick<TaskDefinition, "runtimePlatform">): string {
  const os = td.runtimePlatform?.operatingSystemFamily ?? "LINUX";
  const arch = td.runtimePlatform?.cpuArchitecture ?? "X86_64";
  const osText = os === "LINUX" ? "Linux" : os;
  return `${osText}/${arch}`;
}

/** The **Network mode** as shown: the API's default is bridge on EC2. */
export const networkMode = (td: Pick<TaskDefinition, "networkMode">): string => td.networkMode ?? "bridge";
