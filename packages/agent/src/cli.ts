/**
 * The standalone agent, for a host of its own: `stevedore-agent --endpoint URL --cluster NAME`.
 * It registers the host's Docker Engine (all its CPUs, its memory less a reserve) as a container
 * instance and runs the tasks placed there, like the agent the server embeds for virtual instances.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ECS_OPTIMIZED_AMI, INSTANCE_TYPES, availabilityZones, findInstanceType, safetySwitchesFrom, type ServerProof } from "@stevedore/shared";
import { parseEcsConfig, resolveSettings, SettingsError, type CliFlags } from "./ecs-config.ts";
import { closestInstanceType, hostResources, machineId, stableInstanceId } from "./host-resources.ts";
import { createLogger } from "./log.ts";
import { discoverScope, followDocker } from "./standalone.ts";
import { ServerLink } from "./server-link.ts";

export const USAGE = `usage: stevedore-agent --endpoint URL [--cluster NAME] [options]

Runs a Stevedore container agent on this host: registers the host of a Docker Engine (all its CPUs,
its memory less a reserve) as a container instance of the cluster and runs the tasks placed on it.

  --endpoint URL            the Stevedore server, e.g. http://127.0.0.1:4400 (else ECS_BACKEND_HOST)
  --cluster NAME            the cluster to join (else ECS_CLUSTER, else "default")
  --config FILE             an ecs.config file of KEY=VALUE lines, e.g. /etc/ecs/ecs.config
  --docker-socket PATH      the Docker Engine (else DOCKER_HOST=unix://PATH, else /var/run/docker.sock)
  --private-ip ADDRESS      the instance's address, where its tasks publish their ports; in
                            127.0.0.0/8 (default 127.0.0.1)
  --availability-zone AZ    the instance's zone (default: the server's region followed by "a")
  --instance-id ID          the EC2 instance id (default: i- and 17 hex digits derived from
                            /etc/machine-id and the Docker socket's path, stable across restarts)
  --instance-type TYPE      the ecs.instance-type attribute, one of the catalogue's (default: the
                            closest to the host); the registered CPU and memory are the host's
  --reserved-memory MIB     memory kept from tasks (else ECS_RESERVED_MEMORY, default 256)
  --data-dir DIR            the agent's state (its token) and the instance's disk for host volumes,
                            DIR/<instance-id>/ (else ECS_DATADIR, default /var/lib/stevedore-agent)
  --attribute NAME=VALUE    a custom attribute to register; repeatable
  -h, --help                this text

Variables, from the environment or the --config file (the environment wins; the command line wins over
both): ECS_CLUSTER, ECS_BACKEND_HOST, ECS_CONTAINER_STOP_TIMEOUT (a duration such as 10s: how long
containers without a stopTimeout get to stop, default 30s), ECS_INSTANCE_ATTRIBUTES (custom attributes
as JSON, e.g. {"stack":"prod"}), ECS_RESERVED_MEMORY (MiB), DOCKER_HOST (unix:///path/docker.sock).

AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY sign the agent's registration when the server requires
signatures. The safety switches STEVEDORE_ALLOW_PRIVILEGED, STEVEDORE_ALLOW_HOST_NETWORK,
STEVEDORE_ALLOW_HOST_PATHS (host volumes on this host's real paths instead of the instance's disk) and
STEVEDORE_ALLOW_VOLUME_DRIVERS are this host's operator's: all off unless set to 1.

While its Docker Engine does not answer, the agent stops polling, so the server shows it disconnected
and places no task there; when the engine is back it registers again and reconciles. SIGINT or SIGTERM
stop the agent; task containers keep running and are adopted at the next start.`;

const OPTIONS = {
  endpoint: { type: "string" },
  cluster: { type: "string" },
  config: { type: "string" },
  "docker-socket": { type: "string" },
  "private-ip": { type: "string" },
  "availability-zone": { type: "string" },
  "instance-id": { type: "string" },
  "instance-type": { type: "string" },
  "reserved-memory": { type: "string" },
  "data-dir": { type: "string" },
  attribute: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

function fail(message: string): never {
  console.error(`stevedore-agent: ${message}\n${USAGE.split("\n")[0]}\n(stevedore-agent --help tells more)`);
  process.exit(2);
}

export async function main(args: string[]): Promise<void> {
  let values: CliFlags & { config?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }

  let file: Record<string, string> = {};
  if (values.config) {
    try {
      file = parseEcsConfig(fs.readFileSync(values.config, "utf8"));
    } catch (err) {
      fail(`cannot read ${values.config}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  let settings;
  try {
    settings = resolveSettings(values, process.env, file);
  } catch (err) {
    if (err instanceof SettingsError) fail(err.message);
    throw err;
  }
  if (settings.instanceType && !findInstanceType(settings.instanceType)) {
    fail(`--instance-type must be one of ${INSTANCE_TYPES.map((t) => t.name).join(", ")} (got ${settings.instanceType})`);
  }
  let resources;
  try {
    resources = hostResources(settings.reservedMemoryMiB);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }

  const instanceId = settings.instanceId ?? stableInstanceId(machineId(), settings.dockerSocketPath);
  const sink = (line: string) => console.log(`[stevedore-agent ${instanceId}] ${line}`);
  const log = createLogger(sink);
  if (settings.ignored.length) log.warn("Ignoring ECS agent variables Stevedore does not act on", { variables: settings.ignored.join(",") });

  const abort = new AbortController();
  let agent: ReturnType<typeof followDocker> | undefined;
  const shutdown = (signal: string) => {
    log.info("Stopping the agent; task containers keep running", { signal });
    abort.abort();
    void (agent?.stop() ?? Promise.resolve()).then(() => process.exit(0));
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));

  const stateDir = path.join(settings.dataDir, instanceId);
  const tokenFile = path.join(stateDir, "agent-token");
  const safety = safetySwitchesFrom(process.env);
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = process.env;
  const savedToken = fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, "utf8").trim() : undefined;
  const proof: ServerProof = {
    ...(savedToken ? { agentToken: savedToken } : {}),
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
  };
  const scope = await discoverScope(new ServerLink(settings.endpoint, proof), settings.cluster, log, abort.signal);
  if (!scope) return;
  const agentProof: ServerProof = { ...proof, region: scope.region };
  const instanceType = settings.instanceType ?? closestInstanceType(resources.cpu / 1024, resources.memoryMiB + settings.reservedMemoryMiB);
  const availabilityZone = settings.availabilityZone ?? availabilityZones(scope.region)[0]!;
  log.info("Standalone agent", {
    endpoint: settings.endpoint,
    cluster: settings.cluster,
    docker: settings.dockerSocketPath,
    instanceId,
    instanceType,
    availabilityZone,
    privateIp: settings.privateIp,
    cpu: resources.cpu,
    memoryMiB: resources.memoryMiB,
    ...(settings.containerStopTimeoutSec !== undefined ? { containerStopTimeoutSec: settings.containerStopTimeoutSec } : {}),
    ...(settings.attributes.length ? { attributes: settings.attributes.map((a) => `${a.name}=${a.value}`).join(",") } : {}),
  });
  agent = followDocker(
    {
      endpoint: settings.endpoint,
      cluster: settings.cluster,
      dockerSocketPath: settings.dockerSocketPath,
      identity: {
        instanceId,
        instanceType,
        availabilityZone,
        privateIp: settings.privateIp,
        imageId: ECS_OPTIMIZED_AMI,
        region: scope.region,
        accountId: scope.accountId,
      },
      resources,
      proof: agentProof,
      // The token is kept where only root reads it, for the next agent (the engine came back, the host
      // restarted) to prove it is this instance.
      onAgentToken: (token) => {
        agentProof.agentToken = token;
        fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
        fs.writeFileSync(tokenFile, token, { mode: 0o600 });
      },
      safety,
      ...(safety.allowHostPaths ? {} : { hostRoot: path.join(stateDir, "root") }),
      ...(settings.attributes.length ? { attributes: settings.attributes } : {}),
      ...(settings.containerStopTimeoutSec !== undefined ? { containerStopTimeoutSec: settings.containerStopTimeoutSec } : {}),
      log: sink,
    },
    log,
  );
}
