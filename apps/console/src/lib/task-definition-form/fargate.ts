/** Task size: AWS Fargate's CPU and memory pairs and the console's labels for them. */
import { FARGATE_TASK_SIZES, parseTaskCpu, parseTaskMemory } from "@stevedore/shared";

/** The console's defaults for a new task definition: 1 vCPU and 3 GB. */
export const DEFAULT_TASK_CPU = "1024";
export const DEFAULT_TASK_MEMORY = "3072";

/** ".25", "1", "1.5": a size without its leading zero, as the console writes them. */
const short = (n: number): string => String(Number(n.toFixed(3))).replace(/^0\./, ".");

/** 256 → ".25 vCPU". */
export const vcpuLabel = (units: number): string => `${short(units / 1024)} vCPU`;

/** 3072 → "3 GB". */
export const gbLabel = (mib: number): string => `${short(mib / 1024)} GB`;

/** The memory sizes Fargate allows with a task CPU text ("1024", "1 vCPU"). */
export function fargateMemoryOptions(cpu: string): readonly number[] {
  const units = parseTaskCpu(cpu);
  return (units !== undefined && FARGATE_TASK_SIZES.get(units)) || [];
}

/** Whether Fargate runs a task of this CPU and memory. */
export function isFargateSize(cpu: string, memory: string): boolean {
  const mib = parseTaskMemory(memory);
  return mib !== undefined && fargateMemoryOptions(cpu).includes(mib);
}

/**
 * The nearest size Fargate allows: the CPU if Fargate has it (else 1 vCPU), and the smallest memory
 * that holds the current one (else the largest).
 */
export function fitFargateSize(cpu: string, memory: string): { cpu: string; memory: string } {
  if (isFargateSize(cpu, memory)) return { cpu, memory };
  const fargateCpu = fargateMemoryOptions(cpu).length ? cpu : DEFAULT_TASK_CPU;
  const options = fargateMemoryOptions(fargateCpu);
  const mib = parseTaskMemory(memory) ?? 0;
  const fit = options.find((o) => o >= mib) ?? options[options.length - 1]!;
  return { cpu: fargateCpu, memory: String(fit) };
}
