/** Builders of tasks and observed containers for the tests. */
import type { AgentTask, ContainerDefinition, TaskDefinition } from "@stevedore/shared";
import type { ObservedContainer } from "../src/plan.ts";

export const TASK_ARN = "arn:aws:ecs:us-east-1:123456789012:task/demo/0f5c1bd0aa7e4c9c8a1d3c1e2b7e5a11";
export const INSTANCE_ARN = "arn:aws:ecs:us-east-1:123456789012:container-instance/demo/5b0e4bd1c4a94bb9b1d1b6a9d1f0c2e3";
export const CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/demo";

export function taskDefinition(containers: ContainerDefinition[], extra: Partial<TaskDefinition> = {}): TaskDefinition {
  return {
    family: "web",
    revision: 3,
    taskDefinitionArn: "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3",
    status: "ACTIVE",
    compatibilities: ["EC2"],
    registeredAt: 1_700_000_000,
    containerDefinitions: containers,
    ...extra,
  };
}

/** A task with an essential "app" and a non-essential "sidecar", unless containers are given. */
export function task(extra: Partial<AgentTask> = {}, containers?: ContainerDefinition[]): AgentTask {
  return {
    taskArn: TASK_ARN,
    desiredStatus: "RUNNING",
    lastStatus: "PENDING",
    containers: [
      { name: "app", lastStatus: "PENDING" },
      { name: "sidecar", lastStatus: "PENDING" },
    ],
    taskDefinition: taskDefinition(
      containers ?? [
        { name: "app", image: "nginx:latest", essential: true, portMappings: [{ containerPort: 80 }] },
        { name: "sidecar", image: "busybox", essential: false, stopTimeout: 5 },
      ],
    ),
    containerOverrides: [],
    bindIP: "127.1.0.3",
    createdAt: 1_700_000_100,
    ...extra,
  };
}

export function container(containerName: string, state: string, extra: Partial<ObservedContainer> = {}): ObservedContainer {
  return {
    id: `id-${containerName}`,
    dockerName: `ecs-web-3-${containerName}-abc`,
    taskArn: TASK_ARN,
    containerName,
    state,
    oomKilled: false,
    createdAt: "2024-01-01T00:00:00.000Z",
    image: "nginx:latest",
    imageId: "sha256:1234",
    labels: {},
    tty: false,
    networkMode: "bridge",
    ipv4Addresses: ["172.17.0.5"],
    networkBindings: [],
    limits: { cpu: 2 },
    ...(state === "exited" ? { exitCode: 0, finishedAt: "2024-01-01T00:10:00.000Z" } : {}),
    ...extra,
  };
}
