/** Stevedore's settings, read from the environment once, here and nowhere else. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from "@stevedore/shared";

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
   * Operator settings that lift the safety rules for containers. Off unless set. Without
   * allowHostPathsOutsideDataDir, each virtual instance's host volumes live in its own folder of
   * the data folder (its "disk"); with it, on the real host.
   */
  allowPrivileged: boolean;
  allowHostNetwork: boolean;
  allowHostPathsOutsideDataDir: boolean;
  /** How long a STOPPED task stays visible (ECS: at least an hour). */
  stoppedTaskRetentionMs: number;
  /** How long managed scaling lets an instance sit empty before it terminates it (ECS: 15 one-minute datapoints). */
  managedScaleInAfterMs: number;
}

const flag = (v: string | undefined) => v === "1" || v === "true";

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
    allowPrivileged: flag(env.STEVEDORE_ALLOW_PRIVILEGED),
    allowHostNetwork: flag(env.STEVEDORE_ALLOW_HOST_NETWORK),
    allowHostPathsOutsideDataDir: flag(env.STEVEDORE_ALLOW_HOST_PATHS),
    stoppedTaskRetentionMs: 60 * 60 * 1000,
    managedScaleInAfterMs: 15 * 60 * 1000,
    ...overrides,
  };
}
