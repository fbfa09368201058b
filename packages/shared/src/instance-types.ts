/**
 * The EC2 instance types a virtual container instance can have. vCPUs and memory are EC2's; the
 * registered memory is what the ECS-optimized AMI's agent registers after the operating system's
 * share, so a t3.micro offers about as much to tasks here as it does on AWS.
 */
export interface InstanceType {
  name: string;
  vcpus: number;
  memoryMiB: number;
  /** MEMORY the agent registers: the instance's memory less what the OS and agent keep. */
  registeredMemoryMiB: number;
}

const type = (name: string, vcpus: number, memoryGiB: number, registeredMemoryMiB: number): InstanceType => ({
  name,
  vcpus,
  memoryMiB: memoryGiB * 1024,
  registeredMemoryMiB,
});

export const INSTANCE_TYPES: readonly InstanceType[] = [
  type("t2.micro", 1, 1, 982),
  type("t3.micro", 2, 1, 944),
  type("t3.small", 2, 2, 1939),
  type("t3.medium", 2, 4, 3917),
  type("t3.large", 2, 8, 7859),
  type("m5.large", 2, 8, 7771),
  type("m5.xlarge", 4, 16, 15705),
  type("c5.large", 2, 4, 3764),
  type("c5.xlarge", 4, 8, 7543),
  type("r5.large", 2, 16, 15711),
];

export const DEFAULT_INSTANCE_TYPE = "t3.medium";

export function findInstanceType(name: string): InstanceType | undefined {
  return INSTANCE_TYPES.find((t) => t.name === name);
}

/** CPU units ECS registers for an instance: 1024 per vCPU. */
export const cpuUnits = (t: InstanceType) => t.vcpus * 1024;

/** The ECS-optimized AMI every virtual instance reports (ecs.ami-id). */
export const ECS_OPTIMIZED_AMI = "ami-0c5ecs0ptimized2023";
