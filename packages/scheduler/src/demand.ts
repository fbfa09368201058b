/**
 * What a task reserves on its instance, as ECS computes it: task-level cpu/memory when set, else the
 * sum over containers (memory counts memoryReservation when given, else the hard limit); static host
 * ports in bridge mode, the container ports themselves in host mode; dynamic ports reserve nothing.
 */
import { parseTaskCpu, parseTaskMemory, type TaskDefinition, type ContainerOverride } from "@stevedore/shared";

export interface TaskReservation {
  cpu: number;
  memory: number;
  tcpPorts: number[];
  udpPorts: number[];
  gpus: number;
}

export function taskReservation(def: Pick<TaskDefinition, "cpu" | "memory" | "containerDefinitions" | "networkMode">, overrides: { cpu?: string; memory?: string; containerOverrides?: ContainerOverride[] } = {}): TaskReservation {
  const override = (name: string) => overrides.containerOverrides?.find((o) => o.name === name);
  const taskCpu = overrides.cpu ?? def.cpu;
  const taskMemory = overrides.memory ?? def.memory;
  const containerCpu = def.containerDefinitions.reduce((sum, c) => sum + (override(c.name)?.cpu ?? c.cpu ?? 0), 0);
  const containerMemory = def.containerDefinitions.reduce((sum, c) => {
    const o = override(c.name);
    return sum + (o?.memoryReservation ?? c.memoryReservation ?? o?.memory ?? c.memory ?? 0);
  }, 0);
  const tcpPorts: number[] = [];
  const udpPorts: number[] = [];
  const mode = def.networkMode ?? "bridge";
  if (mode === "bridge" || mode === "host") {
    for (const c of def.containerDefinitions) {
      for (const pm of c.portMappings ?? []) {
        const port = mode === "host" ? (pm.hostPort ?? pm.containerPort) : pm.hostPort;
        if (!port) continue;
        (pm.protocol === "udp" ? udpPorts : tcpPorts).push(port);
      }
    }
  }
  return {
    cpu: (taskCpu !== undefined ? parseTaskCpu(taskCpu) : undefined) ?? containerCpu,
    memory: (taskMemory !== undefined ? parseTaskMemory(taskMemory) : undefined) ?? containerMemory,
    tcpPorts,
    udpPorts,
    gpus: def.containerDefinitions.reduce(
      (sum, c) => sum + Number(c.resourceRequirements?.find((r) => r.type === "GPU")?.value ?? 0),
      0,
    ),
  };
}
