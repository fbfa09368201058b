/**
 * The standalone agent's settings, read as the ECS agent reads its own: the command line first, then
 * the environment, then an ecs.config file (the `KEY=VALUE` lines the ECS-optimized AMI keeps in
 * /etc/ecs/ecs.config). Pure: the caller reads the file and passes the environment.
 */
import type { Attribute } from "@stevedore/shared";

/** The ecs.config variables Stevedore's agent honours; any other ECS_ variable is reported as ignored. */
export const SUPPORTED_VARIABLES = [
  "ECS_CLUSTER",
  "ECS_BACKEND_HOST",
  "ECS_CONTAINER_STOP_TIMEOUT",
  "ECS_INSTANCE_ATTRIBUTES",
  "ECS_RESERVED_MEMORY",
  "ECS_DATADIR",
  "DOCKER_HOST",
] as const;

/** Where a standalone agent keeps its state (its agent token) and, per instance, its disk for host volumes. */
export const DEFAULT_DATA_DIR = "/var/lib/stevedore-agent";

export const DEFAULT_DOCKER_SOCKET = "/var/run/docker.sock";
/** MiB kept for the operating system, the Docker Engine and the agent when ECS_RESERVED_MEMORY is unset. */
export const DEFAULT_RESERVED_MEMORY_MIB = 256;

/** The command-line options, as node:util parseArgs gives them. */
export interface CliFlags {
  endpoint?: string | undefined;
  cluster?: string | undefined;
  "docker-socket"?: string | undefined;
  "private-ip"?: string | undefined;
  "availability-zone"?: string | undefined;
  "instance-id"?: string | undefined;
  "instance-type"?: string | undefined;
  "reserved-memory"?: string | undefined;
  "data-dir"?: string | undefined;
  attribute?: string[] | undefined;
}

export interface StandaloneSettings {
  endpoint: string;
  /** ECS_DATADIR or --data-dir: the agent's state and its instances' disks. */
  dataDir: string;
  cluster: string;
  dockerSocketPath: string;
  privateIp: string;
  /** Unset: `<region>a`, once the server has said which region it is. */
  availabilityZone?: string;
  /** Unset: derived from the host (see host-resources.ts). */
  instanceId?: string;
  /** Unset: the catalogue type closest to the host. */
  instanceType?: string;
  reservedMemoryMiB: number;
  /** Seconds; unset leaves ECS's default of 30. */
  containerStopTimeoutSec?: number;
  attributes: Attribute[];
  /** ECS_ variables of the file or environment this agent does not act on. */
  ignored: string[];
}

export class SettingsError extends Error {}

/**
 * An ecs.config file: `KEY=VALUE` lines, `#` comments, blank lines, an optional `export `, and values
 * in matching single or double quotes taken without them (as systemd's EnvironmentFile reads it).
 */
export function parseEcsConfig(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (!match) throw new SettingsError(`line ${i + 1} is not KEY=VALUE: ${line}`);
    let value = match[2]!.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) value = value.slice(1, -1);
    out[match[1]!] = value;
  });
  return out;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration ("30s", "1m30s", "1.5m", "500ms"), as the ECS agent's duration variables are written; in ms. */
export function parseGoDuration(text: string): number {
  const trimmed = text.trim();
  if (trimmed === "0") return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < trimmed.length) {
    part.lastIndex = at;
    const m = part.exec(trimmed);
    if (!m) throw new SettingsError(`"${text}" is not a duration such as 30s, 2m or 1m30s`);
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    at = part.lastIndex;
  }
  if (!trimmed) throw new SettingsError("an empty duration");
  return total;
}

const ATTRIBUTE_NAME = /^[A-Za-z0-9_\-./\\]{1,128}$/;
const ATTRIBUTE_VALUE = /^[A-Za-z0-9_\-.@/\\: ]{1,128}$/;
const RESERVED_PREFIXES = ["ecs.", "com.amazonaws.ecs."];

function attribute(name: string, value: string, source: string): Attribute {
  if (!ATTRIBUTE_NAME.test(name)) throw new SettingsError(`${source}: attribute name "${name}" must be 1-128 letters, numbers, hyphens, underscores, periods or slashes`);
  if (RESERVED_PREFIXES.some((p) => name.startsWith(p))) throw new SettingsError(`${source}: attribute name "${name}" uses a prefix ECS keeps for itself`);
  if (!ATTRIBUTE_VALUE.test(value) || value.startsWith(" ") || value.endsWith(" ")) {
    throw new SettingsError(`${source}: the value of attribute "${name}" must be 1-128 letters, numbers, hyphens, underscores, periods, at signs, slashes, colons or inner spaces`);
  }
  return { name, value };
}

/** ECS_INSTANCE_ATTRIBUTES: a JSON object of custom attribute names to string values. */
export function parseInstanceAttributes(json: string): Attribute[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new SettingsError(`ECS_INSTANCE_ATTRIBUTES is not JSON: ${json}`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new SettingsError('ECS_INSTANCE_ATTRIBUTES must be a JSON object such as {"stack":"prod"}');
  return Object.entries(parsed).map(([name, value]) => {
    if (typeof value !== "string") throw new SettingsError(`ECS_INSTANCE_ATTRIBUTES: the value of "${name}" must be a string`);
    return attribute(name, value, "ECS_INSTANCE_ATTRIBUTES");
  });
}

const LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isLoopbackAddress(ip: string): boolean {
  const m = LOOPBACK.exec(ip);
  return !!m && m.slice(1).every((o) => Number(o) <= 255) && ip !== "127.0.0.0" && ip !== "127.255.255.255";
}

function socketFromDockerHost(dockerHost: string): string {
  if (dockerHost.startsWith("unix://")) return dockerHost.slice("unix://".length);
  if (dockerHost.startsWith("/")) return dockerHost;
  throw new SettingsError(`DOCKER_HOST must be a unix:// socket (got ${dockerHost})`);
}

/** Command line over environment over file; throws SettingsError with a message for the user. */
export function resolveSettings(flags: CliFlags, env: Record<string, string | undefined>, file: Record<string, string> = {}): StandaloneSettings {
  const setting = (name: string) => env[name] ?? file[name];
  const endpoint = flags.endpoint ?? setting("ECS_BACKEND_HOST");
  if (!endpoint) throw new SettingsError("--endpoint (or ECS_BACKEND_HOST) is required");
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new SettingsError(`--endpoint must be a URL such as http://127.0.0.1:4400 (got ${endpoint})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new SettingsError(`--endpoint must be an http:// or https:// URL (got ${endpoint})`);

  const privateIp = flags["private-ip"] ?? "127.0.0.1";
  if (!isLoopbackAddress(privateIp)) throw new SettingsError(`--private-ip must be a loopback address in 127.0.0.0/8 (got ${privateIp})`);

  const instanceId = flags["instance-id"];
  if (instanceId !== undefined && !/^i-[0-9a-f]{8,17}$/.test(instanceId)) throw new SettingsError(`--instance-id must look like i-0123456789abcdef0 (got ${instanceId})`);

  const dockerHost = setting("DOCKER_HOST");
  const dockerSocketPath = flags["docker-socket"] ?? (dockerHost ? socketFromDockerHost(dockerHost) : DEFAULT_DOCKER_SOCKET);

  const reservedText = flags["reserved-memory"] ?? setting("ECS_RESERVED_MEMORY");
  const reservedMemoryMiB = reservedText === undefined ? DEFAULT_RESERVED_MEMORY_MIB : Number(reservedText);
  if (!Number.isInteger(reservedMemoryMiB) || reservedMemoryMiB < 0) throw new SettingsError(`the reserved memory must be a whole number of MiB (got ${reservedText})`);

  const stopText = setting("ECS_CONTAINER_STOP_TIMEOUT");
  let containerStopTimeoutSec: number | undefined;
  if (stopText !== undefined && stopText !== "") {
    // The ECS agent's minimum is 1 s; docker stop takes whole seconds.
    const ms = parseGoDuration(stopText);
    if (ms < 1000) throw new SettingsError(`ECS_CONTAINER_STOP_TIMEOUT must be at least 1s (got ${stopText})`);
    containerStopTimeoutSec = Math.ceil(ms / 1000);
  }

  const attributesText = setting("ECS_INSTANCE_ATTRIBUTES");
  const fromJson = attributesText ? parseInstanceAttributes(attributesText) : [];
  const fromFlags = (flags.attribute ?? []).map((pair) => {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new SettingsError(`--attribute takes name=value (got ${pair})`);
    return attribute(pair.slice(0, eq), pair.slice(eq + 1), "--attribute");
  });
  const byName = new Map([...fromJson, ...fromFlags].map((a) => [a.name, a]));
  if (byName.size > 10) throw new SettingsError("at most 10 custom attributes can be registered");

  const supported = new Set<string>(SUPPORTED_VARIABLES);
  const ignored = [...new Set([...Object.keys(file), ...Object.keys(env)])].filter((k) => k.startsWith("ECS_") && !supported.has(k)).sort();

  return {
    endpoint: endpoint.replace(/\/$/, ""),
    dataDir: flags["data-dir"] ?? setting("ECS_DATADIR") ?? DEFAULT_DATA_DIR,
    cluster: flags.cluster ?? setting("ECS_CLUSTER") ?? "default",
    dockerSocketPath,
    privateIp,
    ...(flags["availability-zone"] ? { availabilityZone: flags["availability-zone"] } : {}),
    ...(instanceId ? { instanceId } : {}),
    ...(flags["instance-type"] ? { instanceType: flags["instance-type"] } : {}),
    reservedMemoryMiB,
    ...(containerStopTimeoutSec !== undefined ? { containerStopTimeoutSec } : {}),
    attributes: [...byName.values()],
    ignored,
  };
}

/**
 * ECS_CONTAINER_STOP_TIMEOUT: the stop timeout of the task's containers whose definition sets none
 * (what Docker gets as StopTimeout and `docker stop -t`). The task itself when unset.
 */
export function withContainerStopTimeout<T extends { taskDefinition: { containerDefinitions: { stopTimeout?: number }[] } }>(task: T, seconds: number | undefined): T {
  if (seconds === undefined || task.taskDefinition.containerDefinitions.every((c) => c.stopTimeout !== undefined)) return task;
  return {
    ...task,
    taskDefinition: {
      ...task.taskDefinition,
      containerDefinitions: task.taskDefinition.containerDefinitions.map((c) => (c.stopTimeout === undefined ? { ...c, stopTimeout: seconds } : c)),
    },
  };
}
