/**
 * A real Stevedore server for a test: its own SQLite file in a temporary data folder, its own
 * loopback network for instances, port 0, the real Docker Engine. AWS SDK clients point at it.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ECSClient } from "@aws-sdk/client-ecs";
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { accountSweep, createAgent } from "@stevedore/agent";
import { loadConfig, startServer, type Config, type RunningServer } from "../../src/index.ts";

export const credentials = { accessKeyId: "AKIDSTEVEDORETEST", secretAccessKey: "stevedore-test-secret" };

export interface TestServer {
  server: RunningServer;
  config: Config;
  ecs: ECSClient;
  autoscaling: AutoScalingClient;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Options of a test server: `signed` makes it require signatures, with `credentials` as its default account's key. */
export interface TestServerOptions extends Partial<Config> {
  signed?: boolean;
}

export async function startTestServer(instanceNetwork: string, { signed, ...overrides }: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-test-"));
  // A account id of its own marks every ARN, and so every container label, of this test server.
  const accountId = overrides.accountId ?? String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999));
  const keysFile = path.join(dataDir, "keys.json");
  fs.writeFileSync(keysFile, JSON.stringify({ accounts: [{ accountId, name: "default", keys: [{ ...credentials, userName: "admin", operator: true }] }] }));
  // Load balancers of a test server get a /16 of their own beside its instances' (127.90 → 127.190).
  const loadBalancerNetwork = `127.${Number(instanceNetwork.split(".")[1]) + 100}`;
  const config = loadConfig({}, { port: 0, registryPort: 0, dataDir, instanceNetwork, accountId, keysFile, requireSignatures: !!signed, loadBalancerNetwork, ...overrides });
  const t: TestServer = {
    server: await startServer(config, parts(config)),
    config,
    ecs: undefined!,
    autoscaling: undefined!,
    async restart() {
      await t.server.close();
      // The same data folder and, as after a real restart, a new port.
      t.server = await startServer(config, parts(config));
      connect();
    },
    async close() {
      await t.server.close();
      removeContainersOf(config.accountId);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const connect = () => {
    t.ecs = new ECSClient({ endpoint: t.server.url, region: config.region, credentials });
    t.autoscaling = new AutoScalingClient({ endpoint: t.server.url, region: config.region, credentials });
  };
  connect();
  return t;
}

/** What the composition root hands the server: the agent and its account sweep. */
export const parts = (config: Config) => ({ createAgent, sweepAccountContainers: accountSweep(config.dockerSocketPath) });

export function dockerContainers(filters: string[]): string[] {
  const args = ["ps", "-aq", "--no-trunc", ...filters.flatMap((f) => ["--filter", f])];
  return execFileSync("docker", args, { encoding: "utf8" }).split("\n").filter(Boolean);
}

export function dockerInspect(id: string): any {
  return JSON.parse(execFileSync("docker", ["inspect", id], { encoding: "utf8" }))[0];
}

/** Removes the task containers this test server's agents left on Docker. */
function removeContainersOf(accountId: string) {
  // One listing with the label in it: containers can vanish between a listing and an inspect.
  const listing = execFileSync("docker", ["ps", "-a", "--no-trunc", "--filter", "label=stevedore.container-instance-arn", "--format", '{{.ID}} {{.Label "stevedore.container-instance-arn"}}'], { encoding: "utf8" });
  const ids = listing.split("\n").filter((line) => line.includes(`:${accountId}:`)).map((line) => line.split(" ")[0]!);
  if (ids.length) execFileSync("docker", ["rm", "-f", ...ids], { stdio: "ignore" });
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}
