/**
 * A container definition's linuxParameters → Docker's HostConfig fields, as the ECS agent maps them.
 * Pure. Safety (capabilities, devices) is the server's to decide at registration: nothing is refused here.
 */
import type Docker from "dockerode";
import type { ContainerDefinition } from "@stevedore/shared";

const MIB = 1024 * 1024;
/** ECS's swappiness when maxSwap is set without one. */
const DEFAULT_SWAPPINESS = 60;

/**
 * ECS's LinuxParameters. The shared schema keeps the field an open record, so this is the agent's
 * reading of what the server accepted.
 */
interface LinuxParameters {
  capabilities?: { add?: string[]; drop?: string[] };
  devices?: { hostPath: string; containerPath?: string; permissions?: ("read" | "write" | "mknod")[] }[];
  initProcessEnabled?: boolean;
  /** MiB. */
  sharedMemorySize?: number;
  /** size in MiB. */
  tmpfs?: { containerPath: string; size: number; mountOptions?: string[] }[];
  /** MiB of swap on top of the memory limit; 0 turns swap off. */
  maxSwap?: number;
  swappiness?: number;
}

const PERMISSION_LETTER = { read: "r", write: "w", mknod: "m" } as const;

/** `memoryBytes`: the container's hard limit, which maxSwap adds to (Docker's MemorySwap is the sum). */
export function linuxHostConfig(def: ContainerDefinition, memoryBytes: number | undefined): Docker.HostConfig {
  const p = def.linuxParameters as LinuxParameters | undefined;
  if (!p) return {};
  // Without a memory limit Docker takes no swap limit: the instance's swap settings apply, as on ECS.
  const memorySwap = p.maxSwap !== undefined && memoryBytes !== undefined ? memoryBytes + p.maxSwap * MIB : undefined;
  return {
    CapAdd: p.capabilities?.add,
    CapDrop: p.capabilities?.drop,
    Init: p.initProcessEnabled,
    ShmSize: p.sharedMemorySize !== undefined ? p.sharedMemorySize * MIB : undefined,
    Tmpfs: p.tmpfs && Object.fromEntries(p.tmpfs.map((t) => [t.containerPath, [...(t.mountOptions ?? []), `size=${t.size}m`].join(",")])),
    Devices: p.devices?.map((d) => ({
      PathOnHost: d.hostPath,
      PathInContainer: d.containerPath ?? d.hostPath,
      CgroupPermissions: (d.permissions ?? ["read", "write", "mknod"]).map((x) => PERMISSION_LETTER[x]).join(""),
    })),
    MemorySwap: memorySwap,
    MemorySwappiness: memorySwap !== undefined ? (p.swappiness ?? DEFAULT_SWAPPINESS) : undefined,
  };
}
