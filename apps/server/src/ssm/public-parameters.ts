/**
 * SSM's public parameters for the ECS-optimized AMIs: each variant's `recommended` parameter (a JSON
 * value) and its sub-parameters (`recommended/image_id`...), as AWS's tutorials read them.
 */
import { ECS_AMI_PARAMETER_ROOT, ECS_AMIS, ecsAmiRecommended } from "@stevedore/shared";
import type { Parameter } from "@stevedore/shared/aws/models/ssm";

/** When the release the parameters name was published. */
const PUBLISHED = new Date("2025-12-01T18:00:00Z");

export function publicParameters(region: string): Map<string, Parameter> {
  const out = new Map<string, Parameter>();
  const add = (name: string, value: string, dataType = "text") =>
    out.set(name, { Name: name, Type: "String", Value: value, Version: 1, LastModifiedDate: PUBLISHED, ARN: `arn:aws:ssm:${region}::parameter${name}`, DataType: dataType });
  for (const ami of ECS_AMIS) {
    const recommended = ecsAmiRecommended(region, ami);
    const base = `${ECS_AMI_PARAMETER_ROOT}${ami.variant}/recommended`;
    add(base, JSON.stringify(recommended));
    for (const [key, value] of Object.entries(recommended)) add(`${base}/${key}`, String(value), key === "image_id" ? "aws:ec2:image" : "text");
  }
  return out;
}
