/**
 * The standalone agent's two extra duties, which the server does for embedded agents:
 *
 * - learning the server's region and account (the ARNs the agent writes on its containers), from
 *   the ARN DescribeClusters answers with, the way an EC2 agent learns them from its identity document;
 * - following its Docker Engine. An agent whose engine is gone stops polling, so the server marks
 *   it disconnected (agentConnected false after AGENT_DISCONNECTED_AFTER_MS) and places nothing more
 *   there, as ECS's agent, itself a container, goes away with Docker. Once the engine answers again a
 *   fresh agent registers (the same container instance: same instance id) and reconciles: tasks whose
 *   containers died with the engine are reported STOPPED ("Essential container in task exited").
 */
import http from "node:http";
import { callEcs, type AwsScope } from "@stevedore/shared";
import { createAgent, type AgentOptions, type ContainerAgent } from "./index.ts";
import { errorText, type Logger } from "./log.ts";
import { sleep } from "./sleep.ts";
import type { ServerLink } from "./server-link.ts";

const PING_EVERY_MS = 1_000;
const PING_TIMEOUT_MS = 3_000;
/** Failed pings in a row before the agent takes the engine for gone. */
const PING_FAILURES = 2;
const DISCOVER_RETRY_MS = 3_000;

/** Docker's GET /_ping over the engine's socket; true when it answers OK. */
export function pingDocker(socketPath: string, timeoutMs = PING_TIMEOUT_MS): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: "/_ping", timeout: timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode === 200));
      res.on("error", () => resolve(false));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(false));
  });
}

const CLUSTER_ARN = /^arn:aws[\w-]*:ecs:([\w-]+):(\d{12}):cluster\//;

/** The server's region and account, read from a cluster ARN it gives; retried until it answers. */
export async function discoverScope(link: ServerLink, cluster: string, log: Logger, signal: AbortSignal): Promise<AwsScope | undefined> {
  let said = false;
  while (!signal.aborted) {
    try {
      const out = await callEcs<{ clusters?: { clusterArn?: string }[]; failures?: { arn?: string }[] }>(link.endpoint, "DescribeClusters", { clusters: [cluster] }, signal, link.headers);
      const arn = out.clusters?.[0]?.clusterArn ?? out.failures?.[0]?.arn ?? "";
      const m = CLUSTER_ARN.exec(arn);
      if (m) return { region: m[1]!, accountId: m[2]! };
      throw new Error(`DescribeClusters answered no cluster ARN (${JSON.stringify(out).slice(0, 200)})`);
    } catch (err) {
      if (signal.aborted) break;
      if (link.forgetRefusedToken(err)) continue;
      if (!said) log.warn("Waiting for the Stevedore server", { endpoint: link.endpoint, error: errorText(err) });
      said = true;
      await sleep(DISCOVER_RETRY_MS, signal);
    }
  }
  return undefined;
}

export interface DockerFollowingAgent {
  /** The agent running now; undefined while the engine is away. */
  readonly current: ContainerAgent | undefined;
  stop(): Promise<void>;
}

/**
 * Runs an agent while the Docker Engine at `dockerSocketPath` answers: starts one when it does, stops
 * it (its containers are left alone) when it stops answering, and starts a new one when it is back.
 */
export function followDocker(options: AgentOptions & { dockerSocketPath: string }, log: Logger): DockerFollowingAgent {
  const abort = new AbortController();
  let current: ContainerAgent | undefined;
  let failures = 0;
  let waitingSaid = false;
  const loop = (async () => {
    while (!abort.signal.aborted) {
      const up = await pingDocker(options.dockerSocketPath);
      if (abort.signal.aborted) break;
      if (up) {
        failures = 0;
        waitingSaid = false;
        if (!current) {
          log.info("Docker Engine answers; starting the agent", { docker: options.dockerSocketPath });
          current = createAgent(options);
          await current.start();
        }
      } else if (++failures >= PING_FAILURES) {
        if (current) {
          log.warn("Docker Engine does not answer: the agent stops polling (the server marks it disconnected) until the engine is back", {
            docker: options.dockerSocketPath,
          });
          const stopping = current;
          current = undefined;
          await stopping.stop();
        } else if (!waitingSaid) {
          log.warn("Waiting for the Docker Engine", { docker: options.dockerSocketPath });
          waitingSaid = true;
        }
      }
      await sleep(PING_EVERY_MS, abort.signal);
    }
  })();
  return {
    get current() {
      return current;
    },
    async stop() {
      abort.abort();
      await loop;
      const stopping = current;
      current = undefined;
      await stopping?.stop();
    },
  };
}
