/**
 * Stevedore's one safety policy: what a task may take from the machine that runs it. Every way a
 * task definition reaches the host through Docker is checked here, when a task is launched (RunTask,
 * services, and the agent as the last line before Docker), never when a definition is registered: a
 * definition registers as ECS accepts it. Each refusal names the field and the operator switch that
 * allows it, or says that nothing does.
 */
import type { ContainerDefinition, TaskDefinition } from "./task-definition.ts";

/** The operator's switches (environment variables of the server and of standalone agents). */
export interface SafetySwitches {
  /** STEVEDORE_ALLOW_PRIVILEGED: privileged mode, host PID and IPC namespaces, capabilities beyond Docker's default set, devices, unconfined security options, real-time scheduling limits. */
  allowPrivileged: boolean;
  /** STEVEDORE_ALLOW_HOST_NETWORK: the real host's network namespace (networkMode host). */
  allowHostNetwork: boolean;
  /** STEVEDORE_ALLOW_HOST_PATHS: host volumes and local-driver mounts on the real host's paths, instead of the instance's own disk. */
  allowHostPaths: boolean;
  /** STEVEDORE_ALLOW_VOLUME_DRIVERS: Docker volume drivers other than `local` (plugins run as root on the host). */
  allowVolumeDrivers: boolean;
}

/** Every switch off: what a host gets when its operator allowed nothing. */
export const NO_SAFETY_SWITCHES: SafetySwitches = { allowPrivileged: false, allowHostNetwork: false, allowHostPaths: false, allowVolumeDrivers: false };

export const SAFETY_SWITCH_NAMES: Record<keyof SafetySwitches, string> = {
  allowPrivileged: "STEVEDORE_ALLOW_PRIVILEGED",
  allowHostNetwork: "STEVEDORE_ALLOW_HOST_NETWORK",
  allowHostPaths: "STEVEDORE_ALLOW_HOST_PATHS",
  allowVolumeDrivers: "STEVEDORE_ALLOW_VOLUME_DRIVERS",
};

/** The switches an environment sets (each "1" or "true"): the server's and a standalone agent's. */
export function safetySwitchesFrom(env: Record<string, string | undefined>): SafetySwitches {
  const on = (name: string) => env[name] === "1" || env[name] === "true";
  return {
    allowPrivileged: on(SAFETY_SWITCH_NAMES.allowPrivileged),
    allowHostNetwork: on(SAFETY_SWITCH_NAMES.allowHostNetwork),
    allowHostPaths: on(SAFETY_SWITCH_NAMES.allowHostPaths),
    allowVolumeDrivers: on(SAFETY_SWITCH_NAMES.allowVolumeDrivers),
  };
}

export interface SafetyRefusal {
  /** The field, as a task definition path: `containerDefinitions[web].linuxParameters.capabilities.add`. */
  field: string;
  message: string;
}

/** Docker's default capability set: adding one of these gives nothing a container does not already have. */
export const DEFAULT_CAPABILITIES = [
  "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
] as const;

/** Security options that only restrict a container. */
const SAFE_SECURITY_OPTIONS = /^no-new-privileges(:true)?$/;

/** Sysctls that live in the container's own namespaces (Docker's list); `net.*` only with a network namespace of its own. */
const NAMESPACED_SYSCTL = /^(kernel\.(shm_rmid_forced|msgmax|msgmnb|msgmni|sem|shmall|shmmax|shmmni)|fs\.mqueue\.[a-z_]+)$/;

/** rtprio and rttime let a container starve the host's scheduler. */
const REAL_TIME_ULIMITS = ["rtprio", "rttime"];
/** memlock pins memory the host cannot reclaim: 64 MiB (in bytes, as Docker's ulimits count it) without the switch. */
const MAX_MEMLOCK_BYTES = 64 * 1024 * 1024;

/** Local-driver options that make a tmpfs and nothing else (a `device` or `o=bind` would mount host paths). */
const TMPFS_OPTION = /^(size|mode|uid|gid|nr_inodes|nr_blocks)=[\w.%-]+$/;

/** Labels Stevedore and ECS set to tie containers to their tasks: a definition may not forge them. */
export const RESERVED_LABEL_PREFIXES = ["com.amazonaws.ecs.", "stevedore."];

interface Linux {
  capabilities?: { add?: string[] };
  devices?: unknown[];
}

function refuser(switches: SafetySwitches, out: SafetyRefusal[]) {
  return (field: string, what: string, sw?: keyof SafetySwitches) => {
    if (sw && switches[sw]) return;
    out.push({ field, message: sw ? `${what}: the operator has not allowed it (${SAFETY_SWITCH_NAMES[sw]}=1).` : `${what}: Stevedore never allows it.` });
  };
}

/** Every refusal the task would meet, in definition order; empty when it may run. */
export function safetyRefusals(def: Pick<TaskDefinition, "networkMode" | "pidMode" | "ipcMode" | "containerDefinitions" | "volumes">, switches: SafetySwitches): SafetyRefusal[] {
  const out: SafetyRefusal[] = [];
  const refuse = refuser(switches, out);
  if (def.networkMode === "host") refuse("networkMode", "Network mode 'host' gives containers the real host's network", "allowHostNetwork");
  if (def.pidMode === "host") refuse("pidMode", "pidMode 'host' shares the real host's processes", "allowPrivileged");
  if (def.ipcMode === "host") refuse("ipcMode", "ipcMode 'host' shares the real host's IPC namespace", "allowPrivileged");
  const ownNetwork = def.networkMode !== "host";
  const ownIpc = def.ipcMode !== "host";
  for (const c of def.containerDefinitions) containerRefusals(c, refuse, { ownNetwork, ownIpc });
  for (const [i, v] of (def.volumes ?? []).entries()) {
    const at = `volumes[${v.name ?? i}]`;
    const config = v.dockerVolumeConfiguration;
    if (config) {
      const driver = config.driver ?? "local";
      if (driver !== "local") refuse(`${at}.dockerVolumeConfiguration.driver`, `Volume driver '${driver}' runs a Docker plugin as root on the host`, "allowVolumeDrivers");
      const opts = config.driverOpts ?? {};
      if (driver === "local" && Object.keys(opts).length && !isTmpfs(opts)) {
        refuse(`${at}.dockerVolumeConfiguration.driverOpts`, "Local volume options other than a tmpfs mount the host's paths or network shares", "allowHostPaths");
      }
      const forged = Object.keys(config.labels ?? {}).find(reservedLabel);
      if (forged) refuse(`${at}.dockerVolumeConfiguration.labels`, `Label '${forged}' is Stevedore's own`);
    }
    if (v.host?.sourcePath !== undefined && !isAbsoluteClean(v.host.sourcePath)) {
      refuse(`${at}.host.sourcePath`, `Host path '${v.host.sourcePath}' must be an absolute path without '..'`);
    }
  }
  return out;
}

function containerRefusals(c: ContainerDefinition, refuse: ReturnType<typeof refuser>, ns: { ownNetwork: boolean; ownIpc: boolean }) {
  const at = `containerDefinitions[${c.name}]`;
  if (c.privileged) refuse(`${at}.privileged`, "Privileged mode gives the container the host's devices and every capability", "allowPrivileged");
  const linux = c.linuxParameters as Linux | undefined;
  for (const cap of linux?.capabilities?.add ?? []) {
    const name = cap.toUpperCase().replace(/^CAP_/, "");
    if (!(DEFAULT_CAPABILITIES as readonly string[]).includes(name)) refuse(`${at}.linuxParameters.capabilities.add`, `Capability ${name} is beyond Docker's default set`, "allowPrivileged");
  }
  if (linux?.devices?.length) refuse(`${at}.linuxParameters.devices`, "Host devices in a container", "allowPrivileged");
  for (const opt of c.dockerSecurityOptions ?? []) {
    if (!SAFE_SECURITY_OPTIONS.test(opt)) refuse(`${at}.dockerSecurityOptions`, `Security option '${opt}' loosens the container's confinement`, "allowPrivileged");
  }
  for (const s of c.systemControls ?? []) {
    const name = s.namespace ?? "";
    const namespaced = name.startsWith("net.") ? ns.ownNetwork : NAMESPACED_SYSCTL.test(name) && ns.ownIpc;
    if (!namespaced) refuse(`${at}.systemControls`, `Sysctl '${name}' is not in the container's own namespaces, so it would change the host`);
  }
  for (const u of c.ulimits ?? []) {
    if (u.softLimit > u.hardLimit) refuse(`${at}.ulimits`, `Ulimit '${u.name}' has a soft limit above its hard limit`);
    else if (REAL_TIME_ULIMITS.includes(u.name) && u.hardLimit > 0) refuse(`${at}.ulimits`, `Ulimit '${u.name}' allows real-time scheduling that can starve the host`, "allowPrivileged");
    else if (u.name === "memlock" && (u.hardLimit < 0 || u.hardLimit > MAX_MEMLOCK_BYTES)) refuse(`${at}.ulimits`, `Ulimit 'memlock' above 64 MiB pins host memory`, "allowPrivileged");
  }
  const forged = Object.keys(c.dockerLabels ?? {}).find(reservedLabel);
  if (forged) refuse(`${at}.dockerLabels`, `Label '${forged}' is Stevedore's own`);
}

const reservedLabel = (name: string) => RESERVED_LABEL_PREFIXES.some((p) => name.startsWith(p));

function isTmpfs(opts: Record<string, string>): boolean {
  const keys = Object.keys(opts);
  if (keys.some((k) => !["type", "device", "o"].includes(k))) return false;
  if (opts.type !== "tmpfs" || (opts.device !== undefined && opts.device !== "tmpfs")) return false;
  return (opts.o ?? "").split(",").filter(Boolean).every((o) => TMPFS_OPTION.test(o));
}

const isAbsoluteClean = (p: string) => p.startsWith("/") && !p.split("/").includes("..") && !p.includes("\0");

/** One line for ECS's failure reasons, events and stop reasons. */
export function describeRefusals(refusals: readonly SafetyRefusal[]): string {
  return `Stevedore's safety policy refused the task: ${refusals.map((r) => `${r.field}: ${r.message}`).join(" ")}`;
}
