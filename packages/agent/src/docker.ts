/** The Docker Engine calls the agent makes, over dockerode, and Docker's shapes turned into ours. */
import { Readable } from "node:stream";
import Docker from "dockerode";
import { LABELS, type NetworkBinding, type RegistryCredential } from "@stevedore/shared";
import type { ObservedContainer, ObservedVolume } from "./plan.ts";
import { TASK_VOLUME_LABEL } from "./volume-config.ts";

const MIB = 1024 * 1024;
/** Docker writes this for times that have not happened (a container never started or never stopped). */
const ZERO_TIME = "0001-01-01T00:00:00Z";

/** Docker's own message, without dockerode's "(HTTP code 500) server error - " prefix. */
export function dockerMessage(err: unknown): string {
  const e = err as { json?: { message?: unknown }; message?: unknown };
  if (typeof e?.json?.message === "string") return e.json.message.trim();
  return String(e?.message ?? err)
    .replace(/^\(HTTP code \d+\)[^-]*- /, "")
    .trim();
}

const statusOf = (err: unknown) => (err as { statusCode?: number })?.statusCode;

/**
 * What of a listed container decides whether an earlier inspect of it still holds: its state, exit
 * code and health, as `docker ps` shows them ("Exited (1) 2 seconds ago", "Up 3 minutes (healthy)").
 */
function listedState(c: Docker.ContainerInfo): string {
  const exit = /^Exited \((-?\d+)\)/.exec(c.Status)?.[1] ?? "";
  const health = /\((healthy|unhealthy|health: starting)\)/.exec(c.Status)?.[1] ?? "";
  return `${c.State}|${exit}|${health}`;
}

export class DockerClient {
  private readonly docker: Docker;
  /**
   * Inspected containers by id, with the listed state they were inspected in. Reconciling lists the
   * containers often; inspecting each one every time costs the engine CPU, and an inspect waits while
   * the container is being started. An entry goes when the listed state changes, when this client acts
   * on the container, and on every Docker event of it (forget()).
   */
  private readonly inspected = new Map<string, { state: string; observed: ObservedContainer }>();
  /** How often each container was forgotten: an inspect that a forget() overtook is not kept. */
  private readonly forgotten = new Map<string, number>();

  constructor(readonly socketPath: string) {
    this.docker = new Docker({ socketPath });
  }

  async version(): Promise<{ version: string; apiVersion: string }> {
    const v = await this.docker.version();
    return { version: v.Version, apiVersion: v.ApiVersion };
  }

  /** The host's address on the default bridge network, reachable from every bridge container. */
  async bridgeGateway(): Promise<string | undefined> {
    const net = await this.docker.getNetwork("bridge").inspect();
    const config = (net.IPAM?.Config ?? []) as { Gateway?: string; Subnet?: string }[];
    return config.map((c) => c.Gateway ?? firstHost(c.Subnet)).find(Boolean);
  }

  /**
   * Every container (running or not) with this instance's label, optionally of one task only, less
   * those of the tasks in `except` (tasks being started: their containers are not inspected meanwhile).
   */
  async containers(containerInstanceArn: string, taskArn?: string, except?: ReadonlySet<string>): Promise<ObservedContainer[]> {
    const label = [`${LABELS.containerInstanceArn}=${containerInstanceArn}`];
    if (taskArn) label.push(`${LABELS.taskArn}=${taskArn}`);
    const list = await this.docker.listContainers({ all: true, filters: { label } });
    if (!taskArn) {
      const listed = new Set(list.map((c) => c.Id));
      for (const map of [this.inspected, this.forgotten]) for (const id of map.keys()) if (!listed.has(id)) map.delete(id);
    }
    const wanted = list.filter((c) => !except?.has(c.Labels?.[LABELS.taskArn] ?? ""));
    const observed = await Promise.all(wanted.map((c) => this.observe(c)));
    return observed.filter((c): c is ObservedContainer => c !== undefined);
  }

  private async observe(listed: Docker.ContainerInfo): Promise<ObservedContainer | undefined> {
    const state = listedState(listed);
    const known = this.inspected.get(listed.Id);
    if (known?.state === state) return known.observed;
    const epoch = this.forgotten.get(listed.Id) ?? 0;
    const observed = await this.inspect(listed.Id);
    if (observed && (this.forgotten.get(listed.Id) ?? 0) === epoch) this.inspected.set(listed.Id, { state, observed });
    return observed;
  }

  /** Drops what is known of a container: it changed (a Docker event) or is about to (an action). */
  forget(id: string): void {
    this.inspected.delete(id);
    this.forgotten.set(id, (this.forgotten.get(id) ?? 0) + 1);
  }

  /** undefined when the container is gone (removed between list and inspect). */
  async inspect(id: string): Promise<ObservedContainer | undefined> {
    try {
      return toObserved(await this.docker.getContainer(id).inspect());
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  /**
   * Pulls the image unless the engine has it; true when it pulled. Throws when the pull fails. An
   * image of a registry the task has credentials for (ECR) is pulled every time, as Fargate does:
   * virtual instances share one engine, so its cache would hide an image deleted from the registry.
   */
  async ensureImage(image: string, credential?: RegistryCredential): Promise<boolean> {
    if (!credential && (await this.hasImage(image))) return false;
    const auth = credential && { authconfig: { username: credential.username, password: credential.password, serveraddress: credential.serverAddress } };
    await this.follow(await this.docker.pull(image, auth ?? {}));
    return true;
  }

  async hasImage(image: string): Promise<boolean> {
    try {
      await this.docker.getImage(image).inspect();
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw err;
    }
  }

  /** docker import: an image of the files of a tar archive, tagged `repository:tag`. */
  async importImage(tar: Buffer, repository: string, tag: string): Promise<void> {
    await this.follow(await this.docker.importImage(Readable.from([tar]), { repo: repository, tag }));
  }

  /** Reads a progress stream (pull, import) to its end; throws the error it reports. */
  private async follow(stream: NodeJS.ReadableStream): Promise<void> {
    const output = await new Promise<{ error?: string }[]>((resolve, reject) =>
      this.docker.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) => (err ? reject(err) : resolve(out))),
    );
    const failed = output.find((line) => line.error);
    if (failed) throw new Error(failed.error);
  }

  async create(options: Docker.ContainerCreateOptions): Promise<string> {
    return (await this.docker.createContainer(options)).id;
  }

  async start(id: string): Promise<void> {
    this.forget(id);
    await this.docker.getContainer(id).start();
  }

  /** docker stop: SIGTERM, then SIGKILL after `timeoutSec` (the container's StopTimeout when undefined). */
  async stop(id: string, timeoutSec?: number): Promise<void> {
    this.forget(id);
    try {
      await this.docker.getContainer(id).stop(timeoutSec === undefined ? {} : { t: timeoutSec });
    } catch (err) {
      if (statusOf(err) !== 304 && statusOf(err) !== 404) throw err; // already stopped, or gone
    }
  }

  async remove(id: string): Promise<void> {
    this.forget(id);
    try {
      await this.docker.getContainer(id).remove({ v: true, force: true });
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }

  /**
   * The container's output from `since` (Docker's seconds.nanoseconds), each message prefixed with its
   * time; followed while it runs, so the stream ends when it stops. Multiplexed unless it has a TTY.
   * undefined when the container is gone or being removed.
   */
  async logs(id: string, since: string, signal: AbortSignal): Promise<NodeJS.ReadableStream | undefined> {
    try {
      return await this.docker.getContainer(id).logs({ follow: true, stdout: true, stderr: true, timestamps: true, since, abortSignal: signal });
    } catch (err) {
      if (statusOf(err) === 404 || statusOf(err) === 409) return undefined;
      throw err;
    }
  }

  /** The task-scoped volumes the agent created on this instance, optionally of one task only. */
  async taskVolumes(containerInstanceArn: string, taskArn?: string): Promise<(ObservedVolume & { volume: string })[]> {
    const label = [`${LABELS.containerInstanceArn}=${containerInstanceArn}`, TASK_VOLUME_LABEL];
    if (taskArn) label.push(`${LABELS.taskArn}=${taskArn}`);
    const { Volumes } = await this.docker.listVolumes({ filters: { label } });
    return (Volumes ?? []).map((v) => ({ name: v.Name, taskArn: v.Labels?.[LABELS.taskArn] ?? "", volume: v.Labels?.[TASK_VOLUME_LABEL] ?? "" }));
  }

  async volumeExists(name: string): Promise<boolean> {
    try {
      await this.docker.getVolume(name).inspect();
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw err;
    }
  }

  async createVolume(options: Docker.VolumeCreateOptions): Promise<string> {
    return (await this.docker.createVolume(options)).name;
  }

  async removeVolume(name: string): Promise<void> {
    try {
      await this.docker.getVolume(name).remove();
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }

  /**
   * Calls `onEvent` for every start, die, oom, health_status and destroy of this instance's containers
   * (with the container's task ARN label) until the stream ends or `signal` aborts; resolves then.
   */
  async watchEvents(containerInstanceArn: string, onEvent: (event: { action: string; taskArn?: string }) => void, signal: AbortSignal) {
    const stream = await this.docker.getEvents({
      filters: {
        type: ["container"],
        event: ["start", "die", "oom", "health_status", "destroy"],
        label: [`${LABELS.containerInstanceArn}=${containerInstanceArn}`],
      },
      abortSignal: signal,
    });
    let buffered = "";
    await new Promise<void>((resolve) => {
      stream.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        let nl: number;
        while ((nl = buffered.indexOf("\n")) >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (!line) continue;
          const event = JSON.parse(line) as { Action?: string; id?: string; Actor?: { Attributes?: Record<string, string> } };
          if (event.id) this.forget(event.id);
          const taskArn = event.Actor?.Attributes?.[LABELS.taskArn];
          onEvent({ action: event.Action ?? "", ...(taskArn ? { taskArn } : {}) });
        }
      });
      stream.on("end", resolve);
      stream.on("close", resolve);
      stream.on("error", () => resolve());
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
  }
}

/** The first host address of an IPv4 subnet: where Docker puts the bridge when IPAM names no gateway. */
function firstHost(subnet: string | undefined): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/\d+$/.exec(subnet ?? "");
  if (!m) return undefined;
  const n = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  const host = n + 1;
  return [host >>> 24, (host >>> 16) & 255, (host >>> 8) & 255, host & 255].join(".");
}

const dockerTime = (t: string | undefined) => (t && t !== ZERO_TIME ? t : undefined);

function toObserved(info: Docker.ContainerInspectInfo): ObservedContainer {
  const labels = info.Config.Labels ?? {};
  const stopped = info.State.Status === "exited" || info.State.Status === "dead";
  const env = info.Config.Env ?? [];
  const metadataUri = env.find((e) => e.startsWith("ECS_CONTAINER_METADATA_URI_V4="))?.split("=").slice(1).join("=");
  const startedAt = dockerTime(info.State.StartedAt);
  const finishedAt = dockerTime(info.State.FinishedAt);
  return {
    id: info.Id,
    dockerName: info.Name.replace(/^\//, ""),
    taskArn: labels[LABELS.taskArn] ?? "",
    containerName: labels[LABELS.containerName] ?? "",
    state: info.State.Status,
    ...(stopped ? { exitCode: info.State.ExitCode } : {}),
    oomKilled: info.State.OOMKilled,
    ...(info.State.Error ? { error: info.State.Error } : {}),
    ...(info.State.Health ? { health: info.State.Health.Status } : {}),
    createdAt: info.Created,
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    image: info.Config.Image,
    imageId: info.Image,
    labels,
    tty: info.Config.Tty,
    networkMode: info.HostConfig.NetworkMode ?? "bridge",
    ipv4Addresses: Object.values(info.NetworkSettings.Networks ?? {}).flatMap((n) => (n.IPAddress ? [n.IPAddress] : [])),
    networkBindings: networkBindings(info.NetworkSettings.Ports),
    limits: { cpu: info.HostConfig.CpuShares ?? 0, ...(info.HostConfig.Memory ? { memoryMiB: info.HostConfig.Memory / MIB } : {}) },
    ...(metadataUri ? { metadataUri } : {}),
  };
}

function networkBindings(ports: Record<string, { HostIp: string; HostPort: string }[] | null> | undefined): NetworkBinding[] {
  return Object.entries(ports ?? {}).flatMap(([key, bindings]) => {
    const [port, protocol] = key.split("/");
    return (bindings ?? []).map((b) => ({
      bindIP: b.HostIp,
      containerPort: Number(port),
      hostPort: Number(b.HostPort),
      protocol: protocol === "udp" ? ("udp" as const) : ("tcp" as const),
    }));
  });
}
