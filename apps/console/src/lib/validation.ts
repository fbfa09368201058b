/** Form validation for the console's pages (task definitions: task-definition-checks.ts). Pure: unit-tested under apps/console/test. */
const NAME = /^[A-Za-z0-9_-]+$/;

/** ECS cluster names: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores. */
export function validateClusterName(name: string): string | undefined {
  if (name.length === 0) return "Cluster name is required.";
  if (name.length > 255) return "Cluster name must be 255 characters or fewer.";
  if (!NAME.test(name)) return "Cluster name can contain only letters (uppercase and lowercase), numbers, hyphens, and underscores.";
  return undefined;
}

export interface CapacityErrors {
  min?: string;
  max?: string;
  desired?: string;
}

const isCount = (v: string) => /^\d+$/.test(v.trim());

/** The ASG's Minimum / Maximum / Desired capacity as the wizard checks them. */
export function validateCapacity(min: string, max: string, desired: string): CapacityErrors {
  const errors: CapacityErrors = {};
  if (!isCount(min)) errors.min = "Minimum must be a whole number, 0 or more.";
  if (!isCount(max)) errors.max = "Maximum must be a whole number, 0 or more.";
  if (!isCount(desired)) errors.desired = "Desired capacity must be a whole number, 0 or more.";
  if (errors.min || errors.max || errors.desired) return errors;
  const [lo, hi, want] = [Number(min), Number(max), Number(desired)];
  if (hi <= 0) errors.max = "In order for the group to scale out, the maximum must be greater than 0.";
  else if (lo > hi) errors.min = "Minimum must be less than or equal to the maximum.";
  if (want < lo || want > hi) errors.desired = "Desired capacity must be between the minimum and the maximum.";
  return errors;
}

/** The sample the JSON editor opens with. */
export const SAMPLE_TASK_DEFINITION = {
  family: "sample-web",
  networkMode: "bridge",
  requiresCompatibilities: ["EC2"],
  containerDefinitions: [
    {
      name: "web",
      image: "stevedore/sample-web:latest",
      cpu: 256,
      memory: 128,
      essential: true,
      portMappings: [{ containerPort: 80, hostPort: 0, protocol: "tcp" }],
    },
  ],
};
