/**
 * What Stevedore stores and shows but cannot apply on one machine without AWS: IAM roles, secrets,
 * CloudWatch and FireLens logging, EFS, FSx and EBS volumes, GPUs. Pure: unit-tested under apps/console/test.
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
  "restartPolicy",
  "credentialSpecs",
] as const;
const VOLUME_FIELDS = ["efsVolumeConfiguration", "fsxWindowsFileServerVolumeConfiguration", "configuredAtLaunch"] as const;

const present = (value: unknown) => value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0);

/** The paths of the fields of `def` that are stored but not applied: "taskRoleArn", "containerDefinitions[1].secrets". */
export function notAppliedFields(def: Pick<RegisterTaskDefinitionInput, "containerDefinitions" | "volumes" | (typeof TASK_FIELDS)[number]>): string[] {
  return [
    ...TASK_FIELDS.filter((f) => present(def[f])),
    ...def.containerDefinitions.flatMap((c, i) => CONTAINER_FIELDS.filter((f) => present(c[f])).map((f) => `containerDefinitions[${i}].${f}`)),
    ...(def.volumes ?? []).flatMap((v, i) => VOLUME_FIELDS.filter((f) => present(v[f])).map((f) => `volumes[${i}].${f}`)),
  ];
}
