/**
 * The Amazon ECS-optimized AMIs as SSM's public parameters name them
 * (`/aws/service/ecs/optimized-ami/<variant>/recommended`), with the image each one names in a region.
 * Stevedore's instances boot no image: the IDs are stable names, the same on every machine, that
 * RunInstances, launch templates and DescribeImages accept as any other.
 */
import { stableHex17 } from "./default-vpc.ts";

export interface EcsAmi {
  /** The parameter path under /aws/service/ecs/optimized-ami/. */
  variant: string;
  os: string;
  architecture: "x86_64" | "arm64";
  /** The image name pattern's prefix (AWS's own naming). */
  namePrefix: string;
  description: string;
}

export const ECS_AMI_PARAMETER_ROOT = "/aws/service/ecs/optimized-ami/";
/** The release every parameter points at. */
export const ECS_AMI_RELEASE = { date: "20251201", agent: "1.99.0", runtime: "Docker version 25.0.8" };
/** The account that publishes the ECS-optimized AMIs. */
export const ECS_AMI_OWNER = "591542846629";

export const ECS_AMIS: readonly EcsAmi[] = [
  { variant: "amazon-linux-2", os: "Amazon Linux 2", architecture: "x86_64", namePrefix: "amzn2-ami-ecs-hvm-2.0", description: "Amazon Linux AMI 2.0 x86_64 ECS HVM GP2" },
  { variant: "amazon-linux-2/arm64", os: "Amazon Linux 2", architecture: "arm64", namePrefix: "amzn2-ami-ecs-hvm-2.0", description: "Amazon Linux AMI 2.0 arm64 ECS HVM GP2" },
  { variant: "amazon-linux-2/gpu", os: "Amazon Linux 2", architecture: "x86_64", namePrefix: "amzn2-ami-ecs-gpu-hvm-2.0", description: "Amazon Linux AMI 2.0 x86_64 ECS GPU HVM" },
  { variant: "amazon-linux-2/kernel-5.10", os: "Amazon Linux 2", architecture: "x86_64", namePrefix: "amzn2-ami-ecs-kernel-5.10-hvm-2.0", description: "Amazon Linux AMI 2.0 kernel 5.10 x86_64 ECS HVM GP2" },
  { variant: "amazon-linux-2023", os: "Amazon Linux 2023", architecture: "x86_64", namePrefix: "al2023-ami-ecs-hvm-2023.0", description: "Amazon Linux 2023 ECS-optimized AMI x86_64" },
  { variant: "amazon-linux-2023/arm64", os: "Amazon Linux 2023", architecture: "arm64", namePrefix: "al2023-ami-ecs-hvm-2023.0", description: "Amazon Linux 2023 ECS-optimized AMI arm64" },
  { variant: "amazon-linux-2023/gpu", os: "Amazon Linux 2023", architecture: "x86_64", namePrefix: "al2023-ami-ecs-gpu-hvm-2023.0", description: "Amazon Linux 2023 ECS-optimized GPU AMI x86_64" },
];

export const ecsAmiId = (region: string, ami: EcsAmi) => `ami-${stableHex17(`${region}/ecs-ami/${ami.variant}/${ECS_AMI_RELEASE.date}`)}`;
export const ecsAmiName = (ami: EcsAmi) => `${ami.namePrefix}.${ECS_AMI_RELEASE.date}-${ami.architecture}-ebs`;

/** The JSON value of a variant's `recommended` parameter, member for member as SSM returns it. */
export function ecsAmiRecommended(region: string, ami: EcsAmi): Record<string, string | number> {
  return {
    ecs_agent_version: ECS_AMI_RELEASE.agent,
    ecs_runtime_version: ECS_AMI_RELEASE.runtime,
    image_id: ecsAmiId(region, ami),
    image_name: ecsAmiName(ami),
    image_version: `2.0.${ECS_AMI_RELEASE.date}`,
    os: ami.os,
    schema_version: 1,
    source_image_name: ami.namePrefix.replace("-ecs", "").replace("-gpu", "") + `.${ECS_AMI_RELEASE.date}-${ami.architecture}-gp2`,
  };
}

export function findEcsAmi(region: string, imageId: string): EcsAmi | undefined {
  return ECS_AMIS.find((a) => ecsAmiId(region, a) === imageId);
}
