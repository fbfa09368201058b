/**
 * What Stevedore stores and shows but cannot apply on one machine without AWS: IAM roles, secrets,
 * log drivers other than awslogs (awslogs reaches CloudWatch Logs), FireLens, EFS, FSx and EBS
 * volumes, GPUs. Restart policies are enforced. Pure: unit-tested under apps/console/test.
 */
import type { RegisterTaskDefinitionInput } from "@stevedore/shared";

export const NOT_APPLIED_TEXT = "Not applied in Stevedore";

const TASK_FIELDS = ["taskRoleArn", "executionRoleArn", "ephemeralStorage", "proxyConfiguration", "inferenceAccelerators"] as const;
const CONTAINER_FIELDS = [
  "repositoryCredentials",
  "secrets",
  "environmentFiles",
  "logConfiguration",
  "firelensConfiguration",
  "resourceRequirements",
  "credentialSpecs",
] as const;
const VOLUME_FIELDS = ["efsVolumeConfiguration", "fsxWindowsFileServerVolumeConfiguration", "configuredAtLaunch"] as const;

const present = (value: unknown) => value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0);

/** A container field set and not applied: any log driver but awslogs, which the agent delivers to CloudWatch Logs. */
const notApplied = (field: (typeof CONTAINER_FIELDS)[number], value: unknown) =>
  present(value) && !(field === "logConfiguration" && (value as { logDriver?: string }).logDriver === "awslogs");

/** The paths of the fields of `def` that are stored but not applied: "taskRoleArn", "containerDefinitions[1].secrets". */
export function notAppliedFields(def: Pick<RegisterTaskDefinitionInput, "containerDefinitions" | "volumes" | (typeof TASK_FIELDS)[number]>): string[] {
  return [
    ...TASK_FIELDS.filter((f) => present(def[f])),
    ...def.containerDefinitions.flatMap((c, i) => CONTAINER_FIELDS.filter((f) => notApplied(f, c[f])).map((f) => `containerDefinitions[${i}].${f}`)),
    ...(def.volumes ?? []).flatMap((v, i) => VOLUME_FIELDS.filter((f) => present(v[f])).map((f) => `volumes[${i}].${f}`)),
  ];
}
