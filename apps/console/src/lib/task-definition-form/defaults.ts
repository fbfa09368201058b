/** What the form starts with: a new task definition, a new container, a new port mapping. */
import { DEFAULT_TASK_CPU, DEFAULT_TASK_MEMORY } from "./fargate.ts";
import type { ContainerValues, KeyValueRow, PortMappingRow, TaskDefinitionFormValues } from "./values.ts";

/** The CloudWatch options **Use log collection** fills in: `/ecs/<family>` in this region, prefix `ecs`. */
export const defaultLogOptions = (family: string, region: string): KeyValueRow[] => [
  { key: "awslogs-group", value: `/ecs/${family}` },
  { key: "awslogs-region", value: region },
  { key: "awslogs-stream-prefix", value: "ecs" },
  { key: "awslogs-create-group", value: "true" },
];

/** The prefilled mapping: container port 80 over TCP. */
export const newPortMapping = (containerPort = ""): PortMappingRow => ({
  containerPort,
  protocol: "tcp",
  name: "",
  hostPort: "",
});

export function newContainer(key: string, family: string, region: string): ContainerValues {
  return {
    key,
    name: "",
    image: "",
    essential: true,
    portMappings: [newPortMapping("80")],
    cpu: "",
    gpu: "",
    memory: "",
    memoryReservation: "",
    environment: [],
    log: { enabled: true, logDriver: "awslogs", options: defaultLogOptions(family, region) },
    healthCheck: { command: "", interval: "", timeout: "", startPeriod: "", retries: "" },
    dependsOn: [],
    startTimeout: "",
    stopTimeout: "",
    hostname: "",
    dnsServers: "",
    dnsSearchDomains: "",
    extraHosts: [],
    command: "",
    entryPoint: "",
    workingDirectory: "",
    ulimits: [],
    dockerLabels: [],
  };
}

/**
 * A new task definition as the console opens it: AWS Fargate, Linux/X86_64, awsvpc, 1 vCPU and 3 GB,
 * and the account's ecsTaskExecutionRole as its task execution role (awslogs on Fargate needs one).
 */
export function newTaskDefinitionValues(region: string, accountId: string): TaskDefinitionFormValues {
  return {
    family: "",
    requiresCompatibilities: ["FARGATE"],
    operatingSystemFamily: "LINUX",
    cpuArchitecture: "X86_64",
    networkMode: "awsvpc",
    cpu: DEFAULT_TASK_CPU,
    memory: DEFAULT_TASK_MEMORY,
    taskRoleArn: "",
    executionRoleArn: `arn:aws:iam::${accountId}:role/ecsTaskExecutionRole`,
    placementConstraints: [],
    containers: [newContainer("container-1", "", region)],
    ephemeralStorage: "",
    volumes: [],
    mountPoints: [],
    volumesFrom: [],
    tags: [],
  };
}
