/**
 * The Stevedore container agent: registers an instance to a cluster, long-polls the server for the
 * tasks it should run, and runs them on the Docker Engine. The only part of Stevedore that talks to Docker.
 */
import { Agent, type AgentOptions } from "./agent.ts";

export type { AgentOptions } from "./agent.ts";
export type { InstanceIdentity } from "./register.ts";
export { clusterFromUserData } from "./user-data.ts";

export interface ContainerAgent {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly containerInstanceArn?: string;
  /** The token the server issued it at its registration. */
  readonly agentToken?: string;
}

export function createAgent(opts: AgentOptions): ContainerAgent {
  return new Agent(opts);
}
