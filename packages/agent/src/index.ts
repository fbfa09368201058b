/**
 * The Stevedore container agent: registers an instance to a cluster, long-polls the server for the
 * tasks it should run, and runs them on the Docker Engine. The only part of Stevedore that talks to Docker.
 */
import type { AgentFactory } from "@stevedore/shared";
import { Agent } from "./agent.ts";

export type { AgentOptions, ContainerAgent, InstanceIdentity } from "@stevedore/shared";
export { clusterFromUserData } from "./user-data.ts";

export const createAgent: AgentFactory = (opts) => new Agent(opts);
export { accountSweep } from "./account-sweep.ts";
