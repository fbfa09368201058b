/**
 * The defaults ECS writes into a registered definition (and the task size in units and MiB), so DescribeTaskDefinition shows what users
 * see on AWS: container cpu 0, essential true, empty lists, and port mappings with their protocol
 * and the host port the network mode implies.
 */
import { parseTaskCpu, parseTaskMemory, type ContainerDefinition, type RegisterTaskDefinitionInput } from "@stevedore/shared";

export function withEcsDefaults(def: RegisterTaskDefinitionInput): RegisterTaskDefinitionInput {
  const mode = def.networkMode ?? "bridge";
  return {
    ...def,
    // "1 vCPU" and "2 GB" are registered as the units and MiB they mean, as ECS converts them.
    ...(def.cpu !== undefined ? { cpu: String(parseTaskCpu(def.cpu) ?? def.cpu) } : {}),
    ...(def.memory !== undefined ? { memory: String(parseTaskMemory(def.memory) ?? def.memory) } : {}),
    containerDefinitions: def.containerDefinitions.map((c) => containerDefaults(c, mode)),
    volumes: def.volumes ?? [],
    placementConstraints: def.placementConstraints ?? [],
  };
}

function containerDefaults(c: ContainerDefinition, mode: string): ContainerDefinition {
  return {
    ...c,
    cpu: c.cpu ?? 0,
    essential: c.essential ?? true,
    portMappings: (c.portMappings ?? []).map((pm) => ({
      ...pm,
      ...(pm.hostPort === undefined && pm.containerPort !== undefined ? { hostPort: mode === "bridge" ? 0 : pm.containerPort } : {}),
      protocol: pm.protocol ?? "tcp",
    })),
    environment: c.environment ?? [],
    mountPoints: c.mountPoints ?? [],
    volumesFrom: c.volumesFrom ?? [],
    systemControls: c.systemControls ?? [],
  };
}
