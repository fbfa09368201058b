/**
 * The RegisterTaskDefinition request as ECS defines it: one schema, used by the server to validate,
 * by the console's forms and by the tests. Shapes follow the ECS API reference field for field.
 */
import { z } from "zod";

const keyValue = z.object({ name: z.string().optional(), value: z.string().optional() });
const tag = z.object({ key: z.string().min(1).max(128), value: z.string().max(256).optional() });

export const portMappingSchema = z.object({
  containerPort: z.number().int().min(0).max(65535).optional(),
  hostPort: z.number().int().min(0).max(65535).optional(),
  protocol: z.enum(["tcp", "udp"]).optional(),
  name: z.string().optional(),
  appProtocol: z.enum(["http", "http2", "grpc"]).optional(),
  containerPortRange: z.string().optional(),
});

const healthCheck = z.object({
  command: z.array(z.string()).min(1),
  interval: z.number().int().optional(),
  timeout: z.number().int().optional(),
  retries: z.number().int().optional(),
  startPeriod: z.number().int().optional(),
});

const logConfiguration = z.object({
  logDriver: z.string(),
  options: z.record(z.string(), z.string()).optional(),
  secretOptions: z.array(z.object({ name: z.string(), valueFrom: z.string() })).optional(),
});

export const containerDefinitionSchema = z.object({
  name: z.string(),
  image: z.string(),
  repositoryCredentials: z.object({ credentialsParameter: z.string() }).optional(),
  cpu: z.number().int().min(0).optional(),
  memory: z.number().int().optional(),
  memoryReservation: z.number().int().optional(),
  links: z.array(z.string()).optional(),
  portMappings: z.array(portMappingSchema).optional(),
  essential: z.boolean().optional(),
  restartPolicy: z
    .object({
      enabled: z.boolean(),
      ignoredExitCodes: z.array(z.number().int()).optional(),
      restartAttemptPeriod: z.number().int().optional(),
    })
    .optional(),
  entryPoint: z.array(z.string()).optional(),
  command: z.array(z.string()).optional(),
  environment: z.array(keyValue).optional(),
  environmentFiles: z.array(z.object({ value: z.string(), type: z.literal("s3") })).optional(),
  mountPoints: z
    .array(z.object({ sourceVolume: z.string().optional(), containerPath: z.string().optional(), readOnly: z.boolean().optional() }))
    .optional(),
  volumesFrom: z.array(z.object({ sourceContainer: z.string().optional(), readOnly: z.boolean().optional() })).optional(),
  linuxParameters: z.record(z.string(), z.unknown()).optional(),
  secrets: z.array(z.object({ name: z.string(), valueFrom: z.string() })).optional(),
  dependsOn: z
    .array(z.object({ containerName: z.string(), condition: z.enum(["START", "COMPLETE", "SUCCESS", "HEALTHY"]) }))
    .optional(),
  startTimeout: z.number().int().optional(),
  stopTimeout: z.number().int().optional(),
  versionConsistency: z.enum(["enabled", "disabled"]).optional(),
  hostname: z.string().optional(),
  user: z.string().optional(),
  workingDirectory: z.string().optional(),
  disableNetworking: z.boolean().optional(),
  privileged: z.boolean().optional(),
  readonlyRootFilesystem: z.boolean().optional(),
  dnsServers: z.array(z.string()).optional(),
  dnsSearchDomains: z.array(z.string()).optional(),
  extraHosts: z.array(z.object({ hostname: z.string(), ipAddress: z.string() })).optional(),
  dockerSecurityOptions: z.array(z.string()).optional(),
  interactive: z.boolean().optional(),
  pseudoTerminal: z.boolean().optional(),
  dockerLabels: z.record(z.string(), z.string()).optional(),
  ulimits: z.array(z.object({ name: z.string(), softLimit: z.number().int(), hardLimit: z.number().int() })).optional(),
  logConfiguration: logConfiguration.optional(),
  healthCheck: healthCheck.optional(),
  systemControls: z.array(z.object({ namespace: z.string().optional(), value: z.string().optional() })).optional(),
  resourceRequirements: z.array(z.object({ value: z.string(), type: z.enum(["GPU", "InferenceAccelerator"]) })).optional(),
  firelensConfiguration: z
    .object({ type: z.enum(["fluentd", "fluentbit"]), options: z.record(z.string(), z.string()).optional() })
    .optional(),
  credentialSpecs: z.array(z.string()).optional(),
});

const volume = z.object({
  name: z.string(),
  host: z.object({ sourcePath: z.string().optional() }).optional(),
  dockerVolumeConfiguration: z
    .object({
      scope: z.enum(["task", "shared"]).optional(),
      autoprovision: z.boolean().optional(),
      driver: z.string().optional(),
      driverOpts: z.record(z.string(), z.string()).optional(),
      labels: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  efsVolumeConfiguration: z.record(z.string(), z.unknown()).optional(),
  fsxWindowsFileServerVolumeConfiguration: z.record(z.string(), z.unknown()).optional(),
  configuredAtLaunch: z.boolean().optional(),
});

export const placementConstraintSchema = z.object({
  type: z.enum(["distinctInstance", "memberOf"]),
  expression: z.string().max(2000).optional(),
});

/** Task-level cpu and memory are strings in the API; the SDKs and users also send "1 vCPU", "2 GB". */
const sizeString = z.union([z.string(), z.number().transform(String)]);

export const registerTaskDefinitionSchema = z.object({
  family: z.string(),
  taskRoleArn: z.string().optional(),
  executionRoleArn: z.string().optional(),
  networkMode: z.enum(["bridge", "host", "awsvpc", "none"]).optional(),
  containerDefinitions: z.array(containerDefinitionSchema),
  volumes: z.array(volume).optional(),
  placementConstraints: z.array(placementConstraintSchema).optional(),
  requiresCompatibilities: z.array(z.enum(["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"])).optional(),
  cpu: sizeString.optional(),
  memory: sizeString.optional(),
  tags: z.array(tag).optional(),
  pidMode: z.enum(["host", "task"]).optional(),
  ipcMode: z.enum(["host", "task", "none"]).optional(),
  proxyConfiguration: z.record(z.string(), z.unknown()).optional(),
  inferenceAccelerators: z.array(z.object({ deviceName: z.string(), deviceType: z.string() })).optional(),
  ephemeralStorage: z.object({ sizeInGiB: z.number().int() }).optional(),
  runtimePlatform: z
    .object({ cpuArchitecture: z.enum(["X86_64", "ARM64"]).optional(), operatingSystemFamily: z.string().optional() })
    .optional(),
  enableFaultInjection: z.boolean().optional(),
});

export type RegisterTaskDefinitionInput = z.infer<typeof registerTaskDefinitionSchema>;
export type ContainerDefinition = z.infer<typeof containerDefinitionSchema>;
export type PortMapping = z.infer<typeof portMappingSchema>;
export type PlacementConstraint = z.infer<typeof placementConstraintSchema>;

/** A registered revision as DescribeTaskDefinition returns it. */
export interface TaskDefinition extends Omit<RegisterTaskDefinitionInput, "tags"> {
  taskDefinitionArn: string;
  revision: number;
  status: "ACTIVE" | "INACTIVE" | "DELETE_IN_PROGRESS";
  compatibilities: string[];
  requiresAttributes?: { name: string }[];
  registeredAt: number;
  deregisteredAt?: number;
  registeredBy?: string;
}

/**
 * Task size as ECS reads it: "1024", "1 vCPU" or "0.5 vcpu" for cpu; "2048", "2 GB" or "2GB" for
 * memory. Returns units (CPU) or MiB (memory), or undefined when the text is not a size.
 */
export function parseTaskCpu(value: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(vcpu)?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] ? Math.round(n * 1024) : Number.isInteger(n) ? n : undefined;
}

export function parseTaskMemory(value: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(gb|gib|mb|mib)?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]?.toLowerCase();
  if (unit === "gb" || unit === "gib") return Math.round(n * 1024);
  return Number.isInteger(n) ? n : undefined;
}
