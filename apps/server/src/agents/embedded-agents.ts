/**
 * Runs one container agent in this process for each virtual EC2 instance. Each talks to the server
 * over HTTP like any other agent; the server only starts and stops them. The agents come from a
 * factory the composition root (apps/stevedore) hands in: the server never imports the agent package.
 */
import path from "node:path";
import { cpuUnits, findInstanceType, type AgentFactory, type AgentOptions, type ContainerAgent } from "@stevedore/shared";
import type { Config } from "../config.ts";
import type { Ec2Instance } from "../db/client.ts";
import { fargateHostKey } from "./host-key.ts";

/** A virtual instance's own disk: where its tasks' host volumes live. */
export const instanceRoot = (config: Config, instanceId: string) => path.join(config.dataDir, "instances", instanceId, "root");

export class EmbeddedAgents {
  private readonly agents = new Map<string, ContainerAgent>();

  constructor(
    private readonly config: Config,
    private readonly endpoint: () => string,
    private readonly createAgent: AgentFactory,
  ) {}

  start(instance: Ec2Instance): void {
    const type = findInstanceType(instance.instanceType);
    if (!type) return;
    this.run(instance.id, `agent ${instance.id}`, {
      userData: instance.userData ?? undefined,
      ...(instance.launchToken ? { proof: { launchToken: instance.launchToken } } : {}),
      identity: {
        instanceId: instance.id,
        instanceType: instance.instanceType,
        availabilityZone: instance.availabilityZone,
        privateIp: instance.address,
        imageId: instance.imageId,
        accountId: instance.accountId,
      },
      resources: { cpu: cpuUnits(type), memoryMiB: type.registeredMemoryMiB },
      ...(this.config.safety.allowHostPaths ? {} : { hostRoot: instanceRoot(this.config, instance.id) }),
    });
  }

  /**
   * The agent of a cluster's Fargate host: it runs the cluster's Fargate tasks on the main Docker
   * Engine. Fargate offers no host paths, so it gets a root of its own like a virtual instance.
   */
  startFargate(accountId: string, cluster: string, hostArn: string, agentToken: string): void {
    const key = fargateHostKey({ accountId, cluster });
    this.run(key, `fargate ${cluster}`, {
      cluster,
      fargateHostArn: hostArn,
      proof: { agentToken },
      identity: { instanceId: key, instanceType: "fargate", availabilityZone: "", privateIp: "", imageId: "", accountId },
      resources: { cpu: 0, memoryMiB: 0 },
      hostRoot: path.join(this.config.dataDir, "fargate", accountId, cluster, "root"),
    });
  }

  /** Starts an agent under `key` unless one runs there (or embedded agents are off); its lines are prefixed with `label`. */
  private run(key: string, label: string, options: Omit<AgentOptions, "endpoint" | "identity" | "dockerSocketPath" | "log"> & { identity: Omit<AgentOptions["identity"], "region"> }): void {
    if (!this.config.embeddedAgents || this.agents.has(key)) return;
    const agent = this.createAgent({
      ...options,
      endpoint: this.endpoint(),
      identity: { ...options.identity, region: this.config.region, accountId: options.identity.accountId },
      safety: this.config.safety,
      dockerSocketPath: this.config.dockerSocketPath,
      log: (line) => console.log(`[${label}] ${line}`),
    });
    this.agents.set(key, agent);
    agent.start().catch((err: unknown) => console.error(`[${label}] failed to start:`, err));
  }

  /** The agent token of the agent of an instance (by EC2 instance id) or host. */
  agentToken(key: string): string | undefined {
    return this.agents.get(key)?.agentToken;
  }

  has(key: string): boolean {
    return this.agents.has(key);
  }

  async stop(instanceId: string): Promise<void> {
    const agent = this.agents.get(instanceId);
    this.agents.delete(instanceId);
    await agent?.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.agents.keys()].map((id) => this.stop(id)));
  }
}
