/**
 * RegisterTaskDefinition's checks, with ECS's exception types and messages, and Stevedore's safety
 * rules: no privileged containers, no host networking, no host paths outside the data folder, unless
 * the operator allows them.
 */
import path from "node:path";
import { parseTaskCpu, parseTaskMemory, registerTaskDefinitionSchema, type RegisterTaskDefinitionInput } from "@stevedore/shared";
import type { Config } from "../config.ts";
import { clientException } from "../aws/errors.ts";

const FAMILY = /^[a-zA-Z0-9_-]{1,255}$/;
const CONTAINER_NAME = /^[a-zA-Z0-9_-]{1,255}$/;

export function validateTaskDefinition(input: unknown, config: Config): RegisterTaskDefinitionInput {
  const parsed = registerTaskDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join(".") : "request";
    throw clientException(`Invalid request provided: ${where}: ${issue.message}`);
  }
  const def = parsed.data;
  if (!FAMILY.test(def.family)) {
    throw clientException("Family contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.");
  }
  if (def.containerDefinitions.length === 0) throw clientException("Container list cannot be empty.");
  if (def.containerDefinitions.length > 10) throw clientException("Too many containers. A task definition can have at most 10 containers.");
  const names = new Set<string>();
  for (const c of def.containerDefinitions) {
    if (!CONTAINER_NAME.test(c.name)) {
      throw clientException("Container name contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.");
    }
    if (names.has(c.name)) throw clientException(`Duplicate container names are not allowed: ${c.name}.`);
    names.add(c.name);
    if (!c.image.trim()) throw clientException(`Container.image should not be null or empty.`);
    if (c.memory !== undefined && c.memoryReservation !== undefined && c.memory < c.memoryReservation) {
      throw clientException(`Invalid 'memory' setting for container '${c.name}'. The hard limit (memory) must be greater than or equal to the soft limit (memoryReservation).`);
    }
    for (const [label, v] of [["memory", c.memory], ["memoryReservation", c.memoryReservation]] as const) {
      if (v !== undefined && v < 6) throw clientException(`Invalid '${label}' setting for container '${c.name}'. The minimum is 6 MiB.`);
    }
    if (def.memory === undefined && c.memory === undefined && c.memoryReservation === undefined) {
      throw clientException(`Invalid setting for container '${c.name}'. At least one of 'memory' or 'memoryReservation' must be specified.`);
    }
    if (c.privileged && !config.allowPrivileged) {
      throw clientException(`Container '${c.name}' asks for privileged mode, which this Stevedore does not allow. An operator can allow it with STEVEDORE_ALLOW_PRIVILEGED=1.`);
    }
  }
  if (!def.containerDefinitions.some((c) => c.essential !== false)) {
    throw clientException("Invalid request provided: Create TaskDefinition: At least one essential container is required.");
  }
  if (def.cpu !== undefined && parseTaskCpu(def.cpu) === undefined) {
    throw clientException("Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
  }
  if (def.memory !== undefined && parseTaskMemory(def.memory) === undefined) {
    throw clientException("Invalid 'memory' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
  }
  if (def.networkMode === "host" && !config.allowHostNetwork) {
    throw clientException("Network mode 'host' would give containers the real host's network, which this Stevedore does not allow. An operator can allow it with STEVEDORE_ALLOW_HOST_NETWORK=1.");
  }
  for (const v of def.volumes ?? []) {
    const source = v.host?.sourcePath;
    if (source && !config.allowHostPathsOutsideDataDir && !insideDir(source, config.dataDir)) {
      throw clientException(`Volume '${v.name}' mounts host path '${source}', outside the data folder ${config.dataDir}. An operator can allow it with STEVEDORE_ALLOW_HOST_PATHS=1.`);
    }
  }
  for (const pc of def.placementConstraints ?? []) {
    if (pc.type === "distinctInstance") {
      throw clientException("Invalid request provided: Create TaskDefinition: constraint.type 'distinctInstance' is not supported.");
    }
  }
  return def;
}

function insideDir(candidate: string, dir: string): boolean {
  const rel = path.relative(dir, path.resolve(dir, candidate));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Launch types a definition can run on, as ECS derives `compatibilities`. */
export function compatibilities(def: RegisterTaskDefinitionInput): string[] {
  const out = ["EC2"];
  const fargateReady = def.networkMode === "awsvpc" && def.cpu !== undefined && def.memory !== undefined;
  if (fargateReady) out.push("FARGATE");
  return out;
}
