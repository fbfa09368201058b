/** Stevedore's settings, read from the environment once, here and nowhere else. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, safetySwitchesFrom, type SafetySwitches } from "@stevedore/shared";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  region: string;
  accountId: string;
  /** First two octets of the loopback addresses given to instances, e.g. "127.1" → 127.1.0.1, 127.1.0.2, ... */
  instanceNetwork: string;
  dockerSocketPath: string;
  consoleDir: string;
  /** Whether virtual instances get an agent in this process (tests of standalone agents turn it off). */
  embeddedAgents: boolean;
  /**
   * The operator's switches of the safety policy (packages/shared/src/safety-policy.ts), each off
   * unless set. Without allowHostPaths, each virtual instance's host volumes live in its own folder
   * of the data folder (its "disk"); with it, on the real host.
   */
  safety: SafetySwitches;
  /**
   * Identities (README "Security model"): the operator's keys file, whether every API request must be
   * signed even on loopback with one account, and the host names besides loopback ones the server
   * answers to (a workshop server's name).
   */
  keysFile?: string;
  requireSignatures: boolean;
  allowedHosts: string[];
  /** How long a STOPPED task, a deregistered instance, a terminated EC2 instance and a deleted service stay visible (ECS: about an hour). */
  stoppedTaskRetentionMs: number;
  /** How long managed scaling lets an instance sit empty before it terminates it (ECS: 15 one-minute datapoints). */
  managedScaleInAfterMs: number;
  /** The ECR registries' own listener, on `host`: `<account>.dkr.ecr.<region>.localhost:<registryPort>`. */
  registryPort: number;
  /** Where the registries' names are mapped to `host` for the Docker Engine; undefined leaves the hosts file alone. */
  etcHostsFile: string | undefined;
  /** The largest layer and manifest a push may send (ECR's quotas: 52,000 MiB per layer, manifests of 4 MiB). */
  registryMaxLayerBytes: number;
  registryMaxManifestBytes: number;
  /** How long a blob that no image refers to outlives its last use (the blobs of a push whose manifest is still to come). */
  registryBlobGraceMs: number;
  /** How often saved ECR lifecycle policies are applied (ECR: within 24 hours; here a minute by default). */
  ecrLifecycleIntervalMs: number;
  /** Reproducible mode (reproducible.ts): identifiers from this seed, and the clock starting at clockStart. */
  seed?: string;
  clockStart?: Date;
  /**
   * First two octets of the loopback addresses given to load balancers (127.2 → 127.2.0.1, ...): a /16
   * of their own, apart from instances' and awsvpc tasks' (instanceNetwork).
   */
  loadBalancerNetwork: string;
  /** The DNS suffix of load balancers' names, mapped in the hosts file (AWS: `<region>.elb.amazonaws.com`). */
  loadBalancerDomain: string;
}

const flag = (v: string | undefined) => v === "1" || v === "true";

function minutes(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a number of minutes above 0 (got ${text}).`);
  return n;
}

function instant(text: string): Date {
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(at.getTime())) throw new Error(`STEVEDORE_CLOCK_START must be an ISO 8601 instant such as 2026-01-05T09:00:00Z (got ${text}).`);
  return at;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  return {
    host: env.STEVEDORE_HOST ?? "127.0.0.1",
    port: Number(env.STEVEDORE_PORT ?? 4400),
    dataDir: path.resolve(env.STEVEDORE_DATA_DIR ?? path.join(REPO_ROOT, ".data")),
    region: env.STEVEDORE_REGION ?? DEFAULT_REGION,
    accountId: env.STEVEDORE_ACCOUNT_ID ?? DEFAULT_ACCOUNT_ID,
    instanceNetwork: env.STEVEDORE_INSTANCE_NETWORK ?? "127.1",
    dockerSocketPath: env.DOCKER_SOCKET ?? "/var/run/docker.sock",
    consoleDir: path.join(REPO_ROOT, "apps/console/dist"),
    embeddedAgents: env.STEVEDORE_EMBEDDED_AGENTS !== "0",
    safety: safetySwitchesFrom(env),
    ...(env.STEVEDORE_KEYS_FILE ? { keysFile: path.resolve(env.STEVEDORE_KEYS_FILE) } : {}),
    requireSignatures: flag(env.STEVEDORE_REQUIRE_SIGNATURES),
    allowedHosts: (env.STEVEDORE_ALLOWED_HOSTS ?? "").split(",").map((h) => h.trim().toLowerCase()).filter(Boolean),
    stoppedTaskRetentionMs: minutes(env, "STEVEDORE_STOPPED_RETENTION_MINUTES", 60) * 60 * 1000,
    managedScaleInAfterMs: 15 * 60 * 1000,
    registryPort: Number(env.STEVEDORE_REGISTRY_PORT ?? 4401),
    etcHostsFile: env.STEVEDORE_ETC_HOSTS === "off" ? undefined : (env.STEVEDORE_ETC_HOSTS ?? "/etc/hosts"),
    registryMaxLayerBytes: 52_000 * 1024 * 1024,
    registryMaxManifestBytes: 4 * 1024 * 1024,
    registryBlobGraceMs: 15 * 60 * 1000,
    ecrLifecycleIntervalMs: Number(env.STEVEDORE_ECR_LIFECYCLE_SECONDS ?? 60) * 1000,
    ...(env.STEVEDORE_SEED ? { seed: env.STEVEDORE_SEED } : {}),
    ...(env.STEVEDORE_CLOCK_START ? { clockStart: instant(env.STEVEDORE_CLOCK_START) } : {}),
    loadBalancerNetwork: env.STEVEDORE_LOAD_BALANCER_NETWORK ?? "127.2",
    loadBalancerDomain: "elb.internal",
    ...overrides,
  };
}
