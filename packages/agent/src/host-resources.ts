/**
 * What a standalone agent registers about its own host: a stable instance id, the host's real CPUs and
 * memory, and the instance type of the catalogue that comes closest (a label only: placement uses the
 * registered CPU and MEMORY).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { INSTANCE_TYPES } from "@stevedore/shared";

const MIB = 1024 * 1024;
const MACHINE_ID_FILES = ["/etc/machine-id", "/var/lib/dbus/machine-id"];

/** The host's machine id (systemd's), else its hostname. */
export function machineId(files: readonly string[] = MACHINE_ID_FILES): string {
  for (const file of files) {
    try {
      const id = fs.readFileSync(file, "utf8").trim();
      if (id) return id;
    } catch {
      // next
    }
  }
  return os.hostname();
}

/**
 * `i-` and 17 hex digits, the same for every start on this host with this Docker Engine, so a
 * restarted agent registers as the same container instance, and two engines on one host are two.
 */
export function stableInstanceId(machine: string, dockerSocketPath: string): string {
  const digest = createHash("sha256").update(`${machine}\n${path.resolve(dockerSocketPath)}`).digest("hex");
  return `i-${digest.slice(0, 17)}`;
}

/** CPU units (1024 per CPU) and MiB the host offers to tasks: all of its CPUs, its memory less the reserve. */
export function hostResources(reservedMemoryMiB: number, cpus = os.cpus().length, totalBytes = os.totalmem()): { cpu: number; memoryMiB: number } {
  const memoryMiB = Math.floor(totalBytes / MIB) - reservedMemoryMiB;
  if (memoryMiB <= 0) throw new Error(`the reserved memory (${reservedMemoryMiB} MiB) leaves nothing of the host's ${Math.floor(totalBytes / MIB)} MiB`);
  return { cpu: Math.max(1, cpus) * 1024, memoryMiB };
}

/** The catalogue's instance type nearest the host: the same number of vCPUs first, then the memory. */
export function closestInstanceType(vcpus: number, memoryMiB: number): string {
  const distance = (t: (typeof INSTANCE_TYPES)[number]) => [Math.abs(t.vcpus - vcpus), Math.abs(Math.log2(t.memoryMiB / memoryMiB))] as const;
  let best = INSTANCE_TYPES[0]!;
  for (const t of INSTANCE_TYPES) {
    const [dc, dm] = distance(t);
    const [bc, bm] = distance(best);
    if (dc < bc || (dc === bc && dm < bm)) best = t;
  }
  return best.name;
}
