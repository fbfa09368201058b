import { parseTaskCpu, parseTaskMemory, type RegisterTaskDefinitionInput } from "@stevedore/shared";
import { clientException } from "../../aws/errors.ts";

/** Fargate's valid task sizes: memory choices (MiB) per CPU value (units). */
const FARGATE_SIZES: Record<number, number[]> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/** What requiresCompatibilities FARGATE asks of a definition. */
export function checkFargate(def: RegisterTaskDefinitionInput): void {
  if (!def.requiresCompatibilities?.includes("FARGATE")) return;
  if (def.networkMode !== "awsvpc") throw clientException("Fargate only supports network mode ‘awsvpc’.");
  if (def.cpu === undefined || def.memory === undefined) {
    throw clientException("Fargate requires that 'cpu' and 'memory' be defined at the task level.");
  }
  const cpu = parseTaskCpu(def.cpu)!;
  const memory = parseTaskMemory(def.memory)!;
  if (!FARGATE_SIZES[cpu]?.includes(memory)) {
    throw clientException(`No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory. See the Amazon ECS documentation for the valid values.`);
  }
  for (const c of def.containerDefinitions) {
    if (c.privileged) throw clientException(`Container '${c.name}': privileged is not supported on Fargate.`);
    if (c.links?.length) throw clientException(`Container '${c.name}': links are not supported on Fargate.`);
  }
  for (const v of def.volumes ?? []) {
    if (v.host?.sourcePath) throw clientException(`Volume '${v.name}': host sourcePath is not supported on Fargate.`);
    if (v.dockerVolumeConfiguration) throw clientException(`Volume '${v.name}': dockerVolumeConfiguration is not supported on Fargate.`);
  }
  if (def.pidMode === "host" || def.ipcMode) throw clientException("pidMode 'host' and ipcMode are not supported on Fargate.");
}
