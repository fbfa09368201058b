/**
 * Where a container's lines go in CloudWatch Logs terms: awslogs containers name their group, and
 * ECS names the stream prefix/container-name/task-id.
 */
import type { ContainerDefinition } from "@stevedore/shared";

export interface LogDestination {
  group: string;
  stream: string;
  createGroup: boolean;
}

export function awslogsDestination(container: Pick<ContainerDefinition, "name" | "logConfiguration">, taskId: string): LogDestination | undefined {
  const config = container.logConfiguration;
  if (config?.logDriver !== "awslogs") return undefined;
  const options = config.options ?? {};
  const group = options["awslogs-group"];
  if (!group) return undefined;
  const prefix = options["awslogs-stream-prefix"];
  return {
    group,
    stream: prefix ? `${prefix}/${container.name}/${taskId}` : taskId,
    createGroup: options["awslogs-create-group"] === "true",
  };
}
