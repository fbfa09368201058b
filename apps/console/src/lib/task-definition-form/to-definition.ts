/**
 * The form's values → a RegisterTaskDefinition body. Every object is laid over the one it came from
 * (`base` for the task, `source` for containers, port mappings and volumes), so fields the form does
 * not show come back unchanged. Rows map one to one onto list items, so an issue's path names its row.
 */
import type { ContainerDefinition, RegisterTaskDefinitionInput } from "@stevedore/shared";
import type { EFSVolumeConfiguration, FSxWindowsFileServerVolumeConfiguration, LogDriver, OSFamily, UlimitName } from "@stevedore/shared/aws/models/ecs";
import { parseList } from "../command.ts";
import { compact, gbToMib, nonEmpty, optionalNumber, optionalText, overlay, toRecord } from "./convert.ts";
import type { ContainerValues, PortMappingRow, TaskDefinitionFormValues, Volume, VolumeRow } from "./values.ts";

type ResourceRequirements = ContainerDefinition["resourceRequirements"];

const portMapping = (row: PortMappingRow) =>
  overlay(row.source, {
    containerPort: optionalNumber(row.containerPort),
    protocol: row.protocol,
    name: optionalText(row.name),
    appProtocol: row.appProtocol,
    hostPort: optionalNumber(row.hostPort),
  }) ?? {};

/** The GPU entry of `resourceRequirements` set to `gpu` (or dropped when blank), the others kept in place. */
function withGpu(source: ResourceRequirements, gpu: string): ResourceRequirements {
  const entry = optionalText(gpu) === undefined ? [] : [{ type: "GPU" as const, value: gpu.trim() }];
  const list = source ?? [];
  const built = list.some((r) => r.type === "GPU") ? list.flatMap((r) => (r.type === "GPU" ? entry : [r])) : [...list, ...entry];
  return nonEmpty(built, source);
}

function healthCheck(values: ContainerValues["healthCheck"]): ContainerDefinition["healthCheck"] {
  if (Object.values(values).every((v) => v.trim() === "")) return undefined;
  return {
    command: parseList(values.command) ?? [],
    ...compact({
      interval: optionalNumber(values.interval),
      timeout: optionalNumber(values.timeout),
      startPeriod: optionalNumber(values.startPeriod),
      retries: optionalNumber(values.retries),
    }),
  };
}

function containerDefinition(c: ContainerValues, form: TaskDefinitionFormValues): ContainerDefinition {
  const s = c.source;
  const env = c.environment.filter((e) => e.valueType === "value");
  const secrets = c.environment.filter((e) => e.valueType === "valueFrom");
  const log = s?.logConfiguration;
  return overlay(s, {
    name: c.name.trim(),
    image: c.image.trim(),
    essential: c.essential,
    portMappings: nonEmpty(c.portMappings.map(portMapping), s?.portMappings),
    readonlyRootFilesystem: c.readonlyRootFilesystem,
    cpu: optionalNumber(c.cpu),
    resourceRequirements: withGpu(s?.resourceRequirements, c.gpu),
    memory: gbToMib(c.memory),
    memoryReservation: gbToMib(c.memoryReservation),
    environment: nonEmpty(env.map((e) => compact({ name: optionalText(e.key), value: e.value })), s?.environment),
    secrets: nonEmpty(secrets.map((e) => ({ name: e.key.trim(), valueFrom: e.value.trim() })), s?.secrets),
    logConfiguration: c.log.enabled
      ? overlay(log, { logDriver: c.log.logDriver as LogDriver, options: nonEmpty(toRecord(c.log.options), log?.options) })
      : undefined,
    healthCheck: healthCheck(c.healthCheck),
    dependsOn: nonEmpty(c.dependsOn.map((d) => ({ ...d })), s?.dependsOn),
    startTimeout: optionalNumber(c.startTimeout),
    stopTimeout: optionalNumber(c.stopTimeout),
    hostname: optionalText(c.hostname),
    dnsServers: parseList(c.dnsServers),
    dnsSearchDomains: parseList(c.dnsSearchDomains),
    extraHosts: nonEmpty(c.extraHosts.map((h) => ({ hostname: h.hostname.trim(), ipAddress: h.ipAddress.trim() })), s?.extraHosts),
    disableNetworking: c.disableNetworking,
    command: parseList(c.command),
    entryPoint: parseList(c.entryPoint),
    workingDirectory: optionalText(c.workingDirectory),
    ulimits: nonEmpty(
      // The form's names are the model's (a select); the model checks them again before the request.
      c.ulimits.map((u) => ({ name: u.name as UlimitName, softLimit: optionalNumber(u.softLimit)!, hardLimit: optionalNumber(u.hardLimit)! })),
      s?.ulimits,
    ),
    dockerLabels: nonEmpty(toRecord(c.dockerLabels), s?.dockerLabels),
    mountPoints: nonEmpty(
      form.mountPoints
        .filter((m) => m.container === c.key)
        .map((m) => compact({ sourceVolume: optionalText(m.sourceVolume), containerPath: optionalText(m.containerPath), readOnly: m.readOnly })),
      s?.mountPoints,
    ),
    volumesFrom: nonEmpty(
      form.volumesFrom
        .filter((v) => v.container === c.key)
        .map((v) => compact({ sourceContainer: optionalText(v.sourceContainer), readOnly: v.readOnly })),
      s?.volumesFrom,
    ),
  })!;
}

/** Every volume configuration; a row keeps the one of its type. */
const CONFIGURATIONS = {
  host: undefined,
  dockerVolumeConfiguration: undefined,
  efsVolumeConfiguration: undefined,
  fsxWindowsFileServerVolumeConfiguration: undefined,
} satisfies Partial<Volume>;

function volumeConfiguration(row: VolumeRow): Partial<Volume> {
  const s = row.source;
  switch (row.type) {
    case "bind":
      return { host: overlay(s?.host, { sourcePath: optionalText(row.sourcePath) }) };
    case "docker":
      return { dockerVolumeConfiguration: overlay(s?.dockerVolumeConfiguration, { driver: optionalText(row.driver), scope: row.scope }) ?? {} };
    case "efs":
      // An EFS file system is named in the JSON editor; until then the model reports its fileSystemId as required.
      return { efsVolumeConfiguration: s?.efsVolumeConfiguration ?? ({} as EFSVolumeConfiguration) };
    case "fsx":
      return { fsxWindowsFileServerVolumeConfiguration: s?.fsxWindowsFileServerVolumeConfiguration ?? ({} as FSxWindowsFileServerVolumeConfiguration) };
    case "ebs":
      return { configuredAtLaunch: true };
  }
}

const volume = (row: VolumeRow): Volume =>
  overlay(row.source, {
    ...CONFIGURATIONS,
    configuredAtLaunch: row.source?.configuredAtLaunch === false ? false : undefined,
    name: row.name.trim(),
    ...volumeConfiguration(row),
  })!;

export function toTaskDefinition(
  values: TaskDefinitionFormValues,
  base: Partial<RegisterTaskDefinitionInput> = {},
): RegisterTaskDefinitionInput {
  return overlay(base as RegisterTaskDefinitionInput, {
    family: values.family.trim(),
    requiresCompatibilities: values.requiresCompatibilities,
    runtimePlatform: overlay(base.runtimePlatform, {
      operatingSystemFamily: values.operatingSystemFamily as OSFamily | undefined,
      cpuArchitecture: values.cpuArchitecture,
    }),
    networkMode: values.networkMode,
    cpu: optionalText(values.cpu),
    memory: optionalText(values.memory),
    taskRoleArn: optionalText(values.taskRoleArn),
    executionRoleArn: optionalText(values.executionRoleArn),
    placementConstraints: nonEmpty(
      // A task definition holds memberOf constraints only: the model refuses any other type before the request.
      values.placementConstraints.map((p) => compact({ type: p.type as "memberOf", expression: optionalText(p.expression) })),
      base.placementConstraints,
    ),
    containerDefinitions: values.containers.map((c) => containerDefinition(c, values)),
    ephemeralStorage: values.ephemeralStorage.trim() ? { sizeInGiB: optionalNumber(values.ephemeralStorage)! } : undefined,
    volumes: nonEmpty(values.volumes.map(volume), base.volumes),
    tags: nonEmpty(values.tags.map((t) => ({ key: t.key.trim(), value: t.value })), base.tags),
  })!;
}
