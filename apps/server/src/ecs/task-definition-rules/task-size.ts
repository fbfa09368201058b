import { parseTaskCpu, parseTaskMemory, type RegisterTaskDefinitionInput } from "@stevedore/shared";
import { clientException } from "../../aws/errors.ts";

const TROUBLESHOOTING = "For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";

/** Task-level sizes parse, and the containers fit inside them. */
export function checkTaskSize(def: RegisterTaskDefinitionInput): void {
  const cpu = def.cpu === undefined ? undefined : parseTaskCpu(def.cpu);
  const memory = def.memory === undefined ? undefined : parseTaskMemory(def.memory);
  if (def.cpu !== undefined && (cpu === undefined || cpu < 128 || cpu > 196_608)) throw clientException(`Invalid 'cpu' setting for task. ${TROUBLESHOOTING}`);
  if (def.memory !== undefined && (memory === undefined || memory < 6)) throw clientException(`Invalid 'memory' setting for task. ${TROUBLESHOOTING}`);
  if (cpu !== undefined) {
    const sum = def.containerDefinitions.reduce((s, c) => s + (c.cpu ?? 0), 0);
    if (sum > cpu) throw clientException(`Invalid 'cpu' setting for task: the containers' cpu (${sum} units in all) exceeds the task's cpu (${cpu} units).`);
  }
  if (memory !== undefined) {
    for (const c of def.containerDefinitions) {
      const own = c.memory ?? c.memoryReservation ?? 0;
      if (own > memory) throw clientException(`Invalid 'memory' setting for container '${c.name}': ${own} MiB exceeds the task's memory (${memory} MiB).`);
    }
    const reserved = def.containerDefinitions.reduce((s, c) => s + (c.memoryReservation ?? c.memory ?? 0), 0);
    if (reserved > memory) throw clientException(`Invalid 'memory' setting for task: the containers reserve ${reserved} MiB in all, more than the task's memory (${memory} MiB).`);
  }
}
