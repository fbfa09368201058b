/** The form's edits that touch more than one field: family, launch type, adding and removing containers. */
import { newContainer } from "./defaults.ts";
import { fitFargateSize } from "./fargate.ts";
import { containerKey } from "./to-form.ts";
import type { Compatibility, TaskDefinitionFormValues } from "./values.ts";

const logGroup = (family: string) => `/ecs/${family}`;

/** A new family; log groups still named after the old one (`/ecs/<family>`) follow it. */
export function setFamily(values: TaskDefinitionFormValues, family: string): TaskDefinitionFormValues {
  const before = logGroup(values.family);
  return {
    ...values,
    family,
    containers: values.containers.map((c) => ({
      ...c,
      log: {
        ...c.log,
        options: c.log.options.map((o) => (o.key === "awslogs-group" && o.value === before ? { ...o, value: logGroup(family) } : o)),
      },
    })),
  };
}

/** Ticks or unticks a launch type. AWS Fargate takes awsvpc only and one of its task sizes. */
export function setLaunchType(values: TaskDefinitionFormValues, type: Compatibility, checked: boolean): TaskDefinitionFormValues {
  const current = values.requiresCompatibilities ?? [];
  const requiresCompatibilities = checked ? [...current.filter((t) => t !== type), type] : current.filter((t) => t !== type);
  const next = { ...values, requiresCompatibilities };
  return type === "FARGATE" && checked ? { ...next, networkMode: "awsvpc", ...fitFargateSize(values.cpu, values.memory) } : next;
}

/** **Add more containers**: "Container – N+1", with a key no other container has. */
export function addContainer(values: TaskDefinitionFormValues, region: string): TaskDefinitionFormValues {
  const used = new Set(values.containers.map((c) => c.key));
  let n = values.containers.length;
  while (used.has(containerKey(n))) n++;
  return { ...values, containers: [...values.containers, newContainer(containerKey(n), values.family, region)] };
}

/** Removes a container with its mount points and volumes from. */
export function removeContainer(values: TaskDefinitionFormValues, key: string): TaskDefinitionFormValues {
  return {
    ...values,
    containers: values.containers.filter((c) => c.key !== key),
    mountPoints: values.mountPoints.filter((m) => m.container !== key),
    volumesFrom: values.volumesFrom.filter((v) => v.container !== key),
  };
}
