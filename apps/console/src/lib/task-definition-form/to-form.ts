/** A RegisterTaskDefinition body → the form's values. The way back is to-definition.ts. */
import { DEFAULT_REGION, type ContainerDefinition, type RegisterTaskDefinitionInput } from "@stevedore/shared";
import { formatList } from "../command.ts";
import { mibToGb, text, toRows } from "./convert.ts";
import { defaultLogOptions } from "./defaults.ts";
import type { ContainerValues, TaskDefinitionFormValues, Volume, VolumeRow, VolumeType } from "./values.ts";

/** The key of the container at `index` in a definition turned into form values. */
export const containerKey = (index: number): string => `container-${index + 1}`;

/** A container; without log collection, the options **Use log collection** would fill in are ready. */
function containerValues(c: ContainerDefinition, key: string, family: string, region: string): ContainerValues {
  const health = c.healthCheck;
  return {
    key,
    source: c,
    name: c.name,
    image: c.image,
    essential: c.essential,
    portMappings: (c.portMappings ?? []).map((pm) => ({
      source: pm,
      containerPort: text(pm.containerPort),
      protocol: pm.protocol,
      name: pm.name ?? "",
      appProtocol: pm.appProtocol,
      hostPort: text(pm.hostPort),
    })),
    readonlyRootFilesystem: c.readonlyRootFilesystem,
    cpu: text(c.cpu),
    gpu: c.resourceRequirements?.find((r) => r.type === "GPU")?.value ?? "",
    memory: mibToGb(c.memory),
    memoryReservation: mibToGb(c.memoryReservation),
    environment: [
      ...(c.environment ?? []).map((e) => ({ key: e.name ?? "", valueType: "value" as const, value: e.value ?? "" })),
      ...(c.secrets ?? []).map((s) => ({ key: s.name, valueType: "valueFrom" as const, value: s.valueFrom })),
    ],
    log: {
      enabled: c.logConfiguration !== undefined,
      logDriver: c.logConfiguration?.logDriver ?? "awslogs",
      options: c.logConfiguration ? toRows(c.logConfiguration.options) : defaultLogOptions(family, region),
    },
    healthCheck: {
      command: formatList(health?.command),
      interval: text(health?.interval),
      timeout: text(health?.timeout),
      startPeriod: text(health?.startPeriod),
      retries: text(health?.retries),
    },
    dependsOn: (c.dependsOn ?? []).map((d) => ({ ...d })),
    startTimeout: text(c.startTimeout),
    stopTimeout: text(c.stopTimeout),
    hostname: c.hostname ?? "",
    dnsServers: formatList(c.dnsServers),
    dnsSearchDomains: formatList(c.dnsSearchDomains),
    extraHosts: (c.extraHosts ?? []).map((h) => ({ ...h })),
    disableNetworking: c.disableNetworking,
    command: formatList(c.command),
    entryPoint: formatList(c.entryPoint),
    workingDirectory: c.workingDirectory ?? "",
    ulimits: (c.ulimits ?? []).map((u) => ({ name: u.name, softLimit: text(u.softLimit), hardLimit: text(u.hardLimit) })),
    dockerLabels: toRows(c.dockerLabels),
  };
}

function volumeType(v: Volume): VolumeType {
  if (v.configuredAtLaunch) return "ebs";
  if (v.efsVolumeConfiguration) return "efs";
  if (v.fsxWindowsFileServerVolumeConfiguration) return "fsx";
  return v.dockerVolumeConfiguration ? "docker" : "bind";
}

const volumeRow = (v: Volume): VolumeRow => ({
  source: v,
  name: v.name ?? "",
  type: volumeType(v),
  sourcePath: v.host?.sourcePath ?? "",
  driver: v.dockerVolumeConfiguration?.driver ?? "",
  scope: v.dockerVolumeConfiguration?.scope,
});

export function toFormValues(def: RegisterTaskDefinitionInput, region = DEFAULT_REGION): TaskDefinitionFormValues {
  const containers = def.containerDefinitions.map((c, i) => containerValues(c, containerKey(i), def.family, region));
  const perContainer = <T, R>(list: (c: ContainerDefinition) => T[] | undefined, row: (item: T, container: string) => R) =>
    def.containerDefinitions.flatMap((c, i) => (list(c) ?? []).map((item) => row(item, containerKey(i))));
  return {
    family: def.family,
    requiresCompatibilities: def.requiresCompatibilities,
    operatingSystemFamily: def.runtimePlatform?.operatingSystemFamily,
    cpuArchitecture: def.runtimePlatform?.cpuArchitecture,
    networkMode: def.networkMode,
    cpu: text(def.cpu),
    memory: text(def.memory),
    taskRoleArn: def.taskRoleArn ?? "",
    executionRoleArn: def.executionRoleArn ?? "",
    placementConstraints: (def.placementConstraints ?? []).map((p) => ({ type: p.type ?? "memberOf", expression: p.expression ?? "" })),
    containers,
    ephemeralStorage: text(def.ephemeralStorage?.sizeInGiB),
    volumes: (def.volumes ?? []).map(volumeRow),
    mountPoints: perContainer(
      (c) => c.mountPoints,
      (m, container) => ({ container, sourceVolume: m.sourceVolume ?? "", containerPath: m.containerPath ?? "", readOnly: m.readOnly }),
    ),
    volumesFrom: perContainer(
      (c) => c.volumesFrom,
      (v, container) => ({ container, sourceContainer: v.sourceContainer ?? "", readOnly: v.readOnly }),
    ),
    tags: (def.tags ?? []).map((t) => ({ key: t.key ?? "", value: t.value ?? "" })),
  };
}
