/**
 * The values of the **Create new task definition** form: text where the user types, the API's own
 * values where the form picks (an absent choice stays absent, shown with ECS's default), and rows
 * for lists. Rows and containers built from a definition keep that object as `source`, so what the
 * form does not show survives the way back (see to-definition.ts).
 */
import type { ContainerDefinition, PortMapping, RegisterTaskDefinitionInput } from "@stevedore/shared";

export type NetworkMode = NonNullable<RegisterTaskDefinitionInput["networkMode"]>;
export type Compatibility = NonNullable<RegisterTaskDefinitionInput["requiresCompatibilities"]>[number];
export type Volume = NonNullable<RegisterTaskDefinitionInput["volumes"]>[number];
export type CpuArchitecture = "X86_64" | "ARM64";
export type AppProtocol = NonNullable<PortMapping["appProtocol"]>;
export type DependencyCondition = NonNullable<ContainerDefinition["dependsOn"]>[number]["condition"];

export interface KeyValueRow {
  key: string;
  value: string;
}

export interface PortMappingRow {
  source?: PortMapping;
  containerPort: string;
  protocol?: "tcp" | "udp";
  name: string;
  appProtocol?: AppProtocol;
  hostPort: string;
}

/** **Value type** Value is an `environment` entry, ValueFrom a `secrets` one. */
export interface EnvironmentRow {
  key: string;
  valueType: "value" | "valueFrom";
  value: string;
}

export interface LogValues {
  enabled: boolean;
  logDriver: string;
  options: KeyValueRow[];
}

export interface HealthCheckValues {
  command: string;
  interval: string;
  timeout: string;
  startPeriod: string;
  retries: string;
}

export interface DependencyRow {
  containerName: string;
  condition: DependencyCondition;
}

export interface ExtraHostRow {
  hostname: string;
  ipAddress: string;
}

export interface UlimitRow {
  name: string;
  softLimit: string;
  hardLimit: string;
}

export interface ContainerValues {
  /** Stable id of the container in the form (mount points name their container by it). */
  key: string;
  source?: ContainerDefinition;
  name: string;
  image: string;
  essential?: boolean;
  portMappings: PortMappingRow[];
  readonlyRootFilesystem?: boolean;
  /** CPU units. */
  cpu: string;
  gpu: string;
  /** Memory hard and soft limits in GB, as the console shows them; MiB in the API. */
  memory: string;
  memoryReservation: string;
  environment: EnvironmentRow[];
  log: LogValues;
  healthCheck: HealthCheckValues;
  dependsOn: DependencyRow[];
  startTimeout: string;
  stopTimeout: string;
  hostname: string;
  /** Comma-separated lists, as the console takes them. */
  dnsServers: string;
  dnsSearchDomains: string;
  extraHosts: ExtraHostRow[];
  disableNetworking?: boolean;
  command: string;
  entryPoint: string;
  workingDirectory: string;
  ulimits: UlimitRow[];
  dockerLabels: KeyValueRow[];
}

export type VolumeType = "bind" | "docker" | "efs" | "fsx" | "ebs";

export interface VolumeRow {
  source?: Volume;
  name: string;
  type: VolumeType;
  /** Bind mount: the host path (empty: a path the agent picks). */
  sourcePath: string;
  /** Docker volume. */
  driver: string;
  scope?: "task" | "shared";
}

/** A mount point of the **Storage** section; `container` is a container's `key`. */
export interface MountPointRow {
  container: string;
  sourceVolume: string;
  containerPath: string;
  readOnly?: boolean;
}

export interface VolumeFromRow {
  container: string;
  sourceContainer: string;
  readOnly?: boolean;
}

export interface PlacementConstraintRow {
  type: "memberOf" | "distinctInstance";
  expression: string;
}

export interface TaskDefinitionFormValues {
  family: string;
  requiresCompatibilities?: Compatibility[];
  operatingSystemFamily?: string;
  cpuArchitecture?: CpuArchitecture;
  networkMode?: NetworkMode;
  /** Task size as the API takes it: CPU units ("1024") and MiB ("3072"), or "1 vCPU" / "3 GB". */
  cpu: string;
  memory: string;
  taskRoleArn: string;
  executionRoleArn: string;
  placementConstraints: PlacementConstraintRow[];
  containers: ContainerValues[];
  /** GiB. */
  ephemeralStorage: string;
  volumes: VolumeRow[];
  mountPoints: MountPointRow[];
  volumesFrom: VolumeFromRow[];
  tags: KeyValueRow[];
}
