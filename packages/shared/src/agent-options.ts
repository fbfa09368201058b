/**
 * The container agent's contract with what runs it: the options an agent starts with and what it
 * offers. The agent package implements it; the server's embedded agents and the standalone agent's
 * command line fill it in. Defined here so the server never imports the agent package (the composition
 * root, apps/stevedore, hands the server the agent factory).
 */
import type { Attribute } from "./ecs-types.ts";
import type { SafetySwitches } from "./safety-policy.ts";

/** What an EC2 instance's identity document says of it. */
export interface InstanceIdentity {
  instanceId: string;
  instanceType: string;
  availabilityZone: string;
  privateIp: string;
  imageId: string;
  region: string;
  accountId: string;
}

/** How an agent proves who it is to the server. */
export interface ServerProof {
  /** The EC2 instance's launch token (embedded agents): what it registers with. */
  launchToken?: string;
  /** A token already issued (a standalone agent's, kept from its last registration; a Fargate host's). */
  agentToken?: string;
  /** AWS keys to sign ECS calls with, when the server requires signatures. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  region?: string;
}

export interface AgentOptions {
  /** Server base URL, e.g. http://127.0.0.1:4400. */
  endpoint: string;
  /** EC2 user data, decoded; the cluster is read from its ECS_CLUSTER=... line. */
  userData?: string;
  /** Overrides the cluster of the user data; "default" when neither names one, as on ECS. */
  cluster?: string;
  identity: InstanceIdentity;
  /** CPU units (1024 per vCPU) and MiB the instance offers to tasks. */
  resources: { cpu: number; memoryMiB: number };
  dockerSocketPath?: string;
  /**
   * The instance's own filesystem root for host volumes: a virtual instance's sourcePath /data is
   * <hostRoot>/data, as each EC2 instance has its own disk. Unset: paths on the real host.
   */
  hostRoot?: string;
  /** The operator's switches of the safety policy on this host; all off unless given. */
  safety?: SafetySwitches;
  /** How often the running task containers' CPU and memory use is sampled and shipped (default 10 s; 0: never). */
  statsIntervalMs?: number;
  log?: (line: string) => void;
  /** Custom attributes registered with the instance (ECS_INSTANCE_ATTRIBUTES). */
  attributes?: Attribute[];
  /** Seconds containers without a stopTimeout get to stop (ECS_CONTAINER_STOP_TIMEOUT); unset: 30. */
  containerStopTimeoutSec?: number;
  /**
   * Set for a cluster's Fargate host: the agent does not register, it polls with this ARN (Fargate
   * tasks belong to no container instance), and its tasks' zones are their own.
   */
  fargateHostArn?: string;
  /** How the agent proves who it is to the server (see server-link.ts). */
  proof?: ServerProof;
  /** Called with each agent token the server issues (a standalone agent keeps it for its next start). */
  onAgentToken?: (token: string) => void;
}

export interface ContainerAgent {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly containerInstanceArn?: string;
  /** The token the server issued it at its registration. */
  readonly agentToken?: string;
}

export type AgentFactory = (options: AgentOptions) => ContainerAgent;

/**
 * Removes every container and task volume of an account's tasks from the Docker Engine (an account's
 * reset: the agents of its instances are stopped first, so nothing starts them again). Resolves with
 * how many containers went.
 */
export type AccountContainerSweep = (accountId: string) => Promise<number>;
