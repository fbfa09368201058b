/** The RegisterContainerInstance request the ECS agent sends: identity, resources, versions, capabilities. */
import { callEcs, type Attribute, type ContainerInstance, type InstanceIdentity, type Resource } from "@stevedore/shared";
import type { ServerLink } from "./server-link.ts";

export const AGENT_VERSION = "1.89.0";
export const AGENT_HASH = "stevedore";
/** Ports the ECS agent keeps for SSH, the Docker daemon and itself; tasks cannot take them. */
export const RESERVED_PORTS = ["22", "2375", "2376", "51678", "51679"];
/** The oldest Docker API the ECS agent reports; it reports every one up to the engine's. */
const OLDEST_DOCKER_API_MINOR = 17;


export interface RegistrationInput {
  cluster: string;
  identity: InstanceIdentity;
  resources: { cpu: number; memoryMiB: number };
  dockerVersion: string;
  dockerApiVersion: string;
  /** Known from an earlier registration of this instance. */
  containerInstanceArn?: string;
  /** Custom attributes (ECS_INSTANCE_ATTRIBUTES), registered after the capabilities. */
  attributes?: Attribute[];
}

const ARCHITECTURE = process.arch === "arm64" ? "arm64" : "x86_64";

const integer = (name: string, value: number): Resource => ({ name, type: "INTEGER", doubleValue: 0, longValue: 0, integerValue: value });
const stringSet = (name: string, values: string[]): Resource => ({
  name,
  type: "STRINGSET",
  doubleValue: 0,
  longValue: 0,
  integerValue: 0,
  stringSetValue: values,
});

export function capabilityAttributes(dockerApiVersion: string): Attribute[] {
  const newestMinor = Number(dockerApiVersion.split(".")[1] ?? OLDEST_DOCKER_API_MINOR);
  const apis = Array.from({ length: Math.max(0, newestMinor - OLDEST_DOCKER_API_MINOR + 1) }, (_, i) => `1.${OLDEST_DOCKER_API_MINOR + i}`);
  const names = [
    ...apis.map((v) => `com.amazonaws.ecs.capability.docker-remote-api.${v}`),
    ...["json-file", "awslogs", "none"].map((d) => `com.amazonaws.ecs.capability.logging-driver.${d}`),
    // Roles and ECR are accepted so such task definitions place; no credentials are served.
    "com.amazonaws.ecs.capability.ecr-auth",
    "com.amazonaws.ecs.capability.task-iam-role",
    "com.amazonaws.ecs.capability.task-iam-role-network-host",
    "ecs.capability.execution-role-awslogs",
    "ecs.capability.execution-role-ecr-pull",
    "ecs.capability.container-health-check",
    "ecs.capability.task-cpu-mem-limit",
    "ecs.capability.increased-task-cpu-limit",
    "ecs.capability.container-ordering",
    "ecs.capability.full-sync",
    "ecs.capability.docker-plugin.local",
  ];
  return [
    ...names.map((name) => ({ name })),
    { name: "ecs.os-type", value: "linux" },
    { name: "ecs.os-family", value: "LINUX" },
    { name: "ecs.cpu-architecture", value: ARCHITECTURE },
  ];
}

export function registrationRequest(input: RegistrationInput) {
  const { identity, resources } = input;
  return {
    cluster: input.cluster,
    ...(input.containerInstanceArn ? { containerInstanceArn: input.containerInstanceArn } : {}),
    instanceIdentityDocument: JSON.stringify({
      instanceId: identity.instanceId,
      instanceType: identity.instanceType,
      availabilityZone: identity.availabilityZone,
      privateIp: identity.privateIp,
      imageId: identity.imageId,
      region: identity.region,
      accountId: identity.accountId,
      architecture: ARCHITECTURE,
      version: "2017-09-30",
    }),
    instanceIdentityDocumentSignature: "",
    totalResources: [
      integer("CPU", resources.cpu),
      integer("MEMORY", resources.memoryMiB),
      stringSet("PORTS", RESERVED_PORTS),
      stringSet("PORTS_UDP", []),
    ],
    versionInfo: { agentVersion: AGENT_VERSION, agentHash: AGENT_HASH, dockerVersion: `DockerVersion: ${input.dockerVersion}` },
    attributes: [...capabilityAttributes(input.dockerApiVersion), ...(input.attributes ?? [])],
  };
}

/** Registers the instance; the link keeps the agent token the server issues with it. */
export async function registerContainerInstance(link: ServerLink, input: RegistrationInput, signal: AbortSignal): Promise<ContainerInstance> {
  const res = await callEcs<{ containerInstance: ContainerInstance; agentToken?: string }>(link.endpoint, "RegisterContainerInstance", registrationRequest(input), signal, link.headers);
  if (res.agentToken) link.agentToken = res.agentToken;
  return res.containerInstance;
}
