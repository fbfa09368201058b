/**
 * Service start-up and replacement on the real Docker Engine, against starting the same containers
 * straight through dockerode in the same run. Not a test: prints numbers.
 *
 *   npm run bench -w apps/server                          (50 tasks on 5 instances, 5 kills)
 *   npm run bench -w apps/server -- --tasks 5 --instances 2 --kills 3
 *
 * Options: --tasks N (50), --instances M (5), --kills K (5), --runs R (1: scale-ups, each after its own
 * reference, the service scaled back to 0 in between), --poll-ms (200), --profile DIR (a V8 CPU profile
 * of each scale-up, and counts of the server's database calls by call site and of the Docker Engine API
 * calls).
 *
 * 1. Reference: N containers of the sample image with the agent's create options (memory, CPU shares,
 *    dynamic host port on a 127.x address, labels), all created and started at once through dockerode,
 *    timed until docker inspect shows every one running.
 * 2. Stevedore: a service of the same containers on M m5.large instances, scaled 0 → N with
 *    UpdateService, timed until its last task is RUNNING at the server (that task's startedAt: from then
 *    on DescribeServices says runningCount N; the bench polls it every --poll-ms to find out), then
 *    until its steady-state event.
 * 3. Replacement: a service container killed with Docker, timed until a new task of the service is
 *    RUNNING at the server (its startedAt).
 *
 * Docker's own events (create, start, die) and the tasks' timestamps split the time into stages. The
 * server's and agents' logs go to a file, named at the end, so they neither flood nor slow the terminal.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { parseArgs } from "node:util";
import Docker from "dockerode";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type Service,
  type Task,
} from "@aws-sdk/client-ecs";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { findInstanceType, LABELS } from "@stevedore/shared";
import { startTestServer, type TestServer } from "../test/support/test-server.ts";

// ---------------------------------------------------------------------------------------------------
// Settings

const { values: args } = parseArgs({
  options: {
    tasks: { type: "string", default: "50" },
    instances: { type: "string", default: "5" },
    kills: { type: "string", default: "5" },
    runs: { type: "string", default: "1" },
    /** How often DescribeServices, ListTasks/DescribeTasks and docker inspect are polled. */
    "poll-ms": { type: "string", default: "200" },
    /** Writes a V8 CPU profile of this process during each Stevedore scale-up to this folder. */
    profile: { type: "string" },
  },
});
const positive = (name: string, v: string | undefined) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${v}`);
  return n;
};
const TASKS = positive("tasks", args.tasks);
const INSTANCES = positive("instances", args.instances);
const KILLS = positive("kills", args.kills);
const RUNS = positive("runs", args.runs);

const RATIO_BAR = 1.3;
const REPLACE_BAR_S = 3;
const POLL_MS = positive("poll-ms", args["poll-ms"]);

const NETWORK = "127.85";
const INSTANCE_TYPE = "m5.large";
const IMAGE = "stevedore/sample-web:latest";
const MEMORY_MIB = 64;
const CPU_UNITS = 64;
const STOP_TIMEOUT_S = 2;
const CLUSTER = "bench";
const SERVICE = "web";
const MIB = 1024 * 1024;

const type = findInstanceType(INSTANCE_TYPE)!;
const perInstance = Math.min(Math.floor((type.vcpus * 1024) / CPU_UNITS), Math.floor(type.registeredMemoryMiB / MEMORY_MIB));
if (TASKS > perInstance * INSTANCES) throw new Error(`${INSTANCES} ${INSTANCE_TYPE} instances hold at most ${perInstance * INSTANCES} tasks of ${MEMORY_MIB} MiB / ${CPU_UNITS} CPU units`);

// ---------------------------------------------------------------------------------------------------
// Output: the figures on stdout, everything the server and agents say in a log file.

const logFile = path.join(os.tmpdir(), `stevedore-service-bench-${process.pid}.log`);
const logStream = fs.createWriteStream(logFile);
const toLog = (...parts: unknown[]) => logStream.write(`${parts.map((p) => (typeof p === "string" ? p : p instanceof Error ? (p.stack ?? p.message) : JSON.stringify(p))).join(" ")}\n`);
console.log = console.info = console.debug = console.warn = console.error = toLog;
const say = (line = "") => {
  process.stdout.write(`${line}\n`);
  toLog(`[bench] ${line}`);
};

// ---------------------------------------------------------------------------------------------------
// Small helpers

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const max = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);
const secs = (ms: number | undefined, digits = 2) => (ms === undefined || Number.isNaN(ms) ? "-" : (ms / 1000).toFixed(digits));
const ms = (d: Date | undefined) => d?.getTime();
const verdict = (ok: boolean) => (ok ? "met" : "MISSED");

async function until<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

const chunks = <T>(xs: readonly T[], size: number) => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, i * size + size));

// ---------------------------------------------------------------------------------------------------
// Where the CPU went during a phase: this process (server, agents and bench share its event loop),
// Docker's daemons, and the whole host (other work on the machine included).

const DOCKER_PROCESSES = new Set(["dockerd", "containerd", "containerd-shim", "containerd-shim-runc-v2", "docker-proxy", "runc"]);
const TICKS_PER_S = 100; // USER_HZ on Linux

function dockerCpuMs(): number {
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (!DOCKER_PROCESSES.has(fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim())) continue;
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone meanwhile
    }
  }
  return (ticks / TICKS_PER_S) * 1000;
}

function hostBusyMs(): number {
  const [, ...f] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const n = f.map(Number);
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return ((total - n[3]! - n[4]!) / TICKS_PER_S) * 1000;
}

interface Usage {
  wallMs: number;
  eventLoop: number;
  nodeCpuMs: number;
  dockerCpuMs: number;
  hostBusyMs: number;
}

function meter(): () => Usage {
  const at = Date.now();
  const elu: EventLoopUtilization = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const dockerd = dockerCpuMs();
  const host = hostBusyMs();
  return () => {
    const used = process.cpuUsage(cpu);
    return {
      wallMs: Date.now() - at,
      eventLoop: performance.eventLoopUtilization(elu).utilization,
      nodeCpuMs: (used.user + used.system) / 1000,
      dockerCpuMs: dockerCpuMs() - dockerd,
      hostBusyMs: hostBusyMs() - host,
    };
  };
}

const usageLine = (u: Usage) =>
  `this process ${secs(u.nodeCpuMs)} s CPU (event loop ${(u.eventLoop * 100).toFixed(0)}% busy), Docker daemons ${secs(u.dockerCpuMs)} s CPU, host ${(u.hostBusyMs / u.wallMs).toFixed(2)} of ${os.cpus().length} cores busy`;

// ---------------------------------------------------------------------------------------------------
// Docker events: when each container was really created, started and died, by Docker's clock.

interface DockerEvent {
  action: string;
  id: string;
  at: number;
  labels: Record<string, string>;
}

class DockerEvents {
  readonly events: DockerEvent[] = [];
  private readonly abort = new AbortController();

  async start(docker: Docker): Promise<void> {
    const stream = (await docker.getEvents({
      filters: { type: ["container"], event: ["create", "start", "die"] },
      abortSignal: this.abort.signal,
    })) as NodeJS.ReadableStream;
    let buffered = "";
    stream.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      let nl: number;
      while ((nl = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (!line) continue;
        const e = JSON.parse(line) as { Action?: string; id?: string; timeNano?: number; Actor?: { Attributes?: Record<string, string> } };
        this.events.push({ action: e.Action ?? "", id: e.id ?? "", at: (e.timeNano ?? 0) / 1e6, labels: e.Actor?.Attributes ?? {} });
      }
    });
    stream.on("error", () => undefined);
  }

  stop(): void {
    this.abort.abort();
  }

  /** The first event of `action` for container `id`. */
  of(action: string, id: string | undefined): number | undefined {
    return id ? this.events.find((e) => e.action === action && e.id === id)?.at : undefined;
  }

  matching(action: string, since: number, label: string, value: string): DockerEvent[] {
    return this.events.filter((e) => e.action === action && e.at >= since && e.labels[label] === value);
  }
}

// ---------------------------------------------------------------------------------------------------
// The reference: the same containers straight through dockerode.

const BENCH_LABEL = "stevedore.bench";
const benchTag = `service-bench-${process.pid}-${randomBytes(3).toString("hex")}`;
/** The addresses the reference publishes on: one per "instance", where Stevedore's sit at 127.85.0.x. */
const referenceAddress = (i: number) => `${NETWORK}.127.${(i % INSTANCES) + 1}`;

/** What the agent's containerCreateOptions gives the sample definition (docker-config.ts), less the metadata endpoint. */
function referenceOptions(run: string, i: number): Docker.ContainerCreateOptions {
  const fake = `arn:aws:ecs:us-east-1:000000000000`;
  return {
    name: `${benchTag}-${run}-${i}`,
    Image: IMAGE,
    Env: ["AWS_EXECUTION_ENV=AWS_ECS_EC2"],
    Labels: {
      [BENCH_LABEL]: benchTag,
      [LABELS.cluster]: `${fake}:cluster/${benchTag}`,
      [LABELS.taskArn]: `${fake}:task/${benchTag}/${run}-${i}`,
      [LABELS.containerName]: "web",
      [LABELS.family]: "bench-web",
      [LABELS.revision]: "1",
      [LABELS.containerInstanceArn]: `${fake}:container-instance/${benchTag}/${i % INSTANCES}`,
    },
    ExposedPorts: { "80/tcp": {} },
    StopTimeout: STOP_TIMEOUT_S,
    HostConfig: {
      NetworkMode: "bridge",
      PortBindings: { "80/tcp": [{ HostIp: referenceAddress(i), HostPort: "" }] },
      Memory: MEMORY_MIB * MIB,
      CpuShares: CPU_UNITS,
      Privileged: false,
      RestartPolicy: { Name: "no" },
      AutoRemove: false,
      LogConfig: { Type: "json-file", Config: {} },
    },
  };
}

interface ReferenceResult {
  ms: number;
  /** First create event → last start event. */
  dockerWindowMs: number;
  /** When the last create+start call resolved, from the beginning. */
  callsMs: number;
  /** Each container's create event → start event. */
  createToStartMs: number[];
  usage: Usage;
}

async function referenceRun(docker: Docker, events: DockerEvents, run: string, count: number): Promise<ReferenceResult> {
  const measure = meter();
  const t0 = Date.now();
  const ids = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const container = await docker.createContainer(referenceOptions(run, i));
      await container.start();
      return container.id;
    }),
  );
  const callsMs = Date.now() - t0;
  let pending = ids;
  while (pending.length) {
    const states = await Promise.all(pending.map((id) => docker.getContainer(id).inspect()));
    pending = pending.filter((_, i) => !states[i]!.State.Running);
    if (pending.length) await sleep(POLL_MS);
  }
  const done = Date.now();
  const usage = measure();
  await sleep(200); // the events of the last starts
  const creates = ids.map((id) => events.of("create", id)).filter((x): x is number => x !== undefined);
  const starts = ids.map((id) => events.of("start", id)).filter((x): x is number => x !== undefined);
  const createToStartMs = ids.flatMap((id) => {
    const [c, s] = [events.of("create", id), events.of("start", id)];
    return c !== undefined && s !== undefined ? [s - c] : [];
  });
  return { ms: done - t0, dockerWindowMs: Math.max(...starts) - Math.min(...creates), callsMs, createToStartMs, usage };
}

async function removeReferenceContainers(docker: Docker): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${BENCH_LABEL}=${benchTag}`] } });
  await Promise.all(list.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
}

// ---------------------------------------------------------------------------------------------------
// Stevedore

let t: TestServer | undefined;
const ecs = () => t!.ecs;

const describeService = async (): Promise<Service> => (await ecs().send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }))).services![0]!;

async function describeTasks(arns: readonly string[]): Promise<Task[]> {
  const out: Task[] = [];
  for (const part of chunks(arns, 100)) out.push(...((await ecs().send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [...part] }))).tasks ?? []));
  return out;
}

async function serviceTaskArns(): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs().send(new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE, ...(nextToken ? { nextToken } : {}) }));
    arns.push(...(page.taskArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return arns;
}

async function setUpCluster(): Promise<string> {
  t = await startTestServer(NETWORK);
  countQueries(t);
  countDockerCalls();
  const { cluster } = await ecs().send(new CreateClusterCommand({ clusterName: CLUSTER }));
  const userData = Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config\n`).toString("base64");
  await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "bench-lc", ImageId: "ami-ecs", InstanceType: INSTANCE_TYPE, UserData: userData }));
  await t.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "bench-asg", LaunchConfigurationName: "bench-lc", MinSize: 0, MaxSize: INSTANCES, DesiredCapacity: INSTANCES }));
  await until(`${INSTANCES} connected container instances`, 120_000, async () => {
    const { containerInstanceArns } = await ecs().send(new ListContainerInstancesCommand({ cluster: CLUSTER }));
    if (containerInstanceArns?.length !== INSTANCES) return undefined;
    const { containerInstances } = await ecs().send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: containerInstanceArns }));
    return containerInstances?.every((c) => c.agentConnected) ? true : undefined;
  });
  return cluster!.clusterArn!;
}

async function registerDefinition(family: string): Promise<string> {
  const { taskDefinition } = await ecs().send(
    new RegisterTaskDefinitionCommand({
      family,
      containerDefinitions: [{ name: "web", image: IMAGE, memory: MEMORY_MIB, cpu: CPU_UNITS, stopTimeout: STOP_TIMEOUT_S, essential: true, portMappings: [{ containerPort: 80 }] }],
    }),
  );
  return taskDefinition!.taskDefinitionArn!;
}

async function scaleAndWait(service: string, count: number, timeoutMs: number): Promise<void> {
  await ecs().send(new UpdateServiceCommand({ cluster: CLUSTER, service, desiredCount: count }));
  await until(`${service} at ${count} running`, timeoutMs, async () => {
    const s = (await ecs().send(new DescribeServicesCommand({ cluster: CLUSTER, services: [service] }))).services![0]!;
    const listed = (await ecs().send(new ListTasksCommand({ cluster: CLUSTER, serviceName: service }))).taskArns ?? [];
    return s.runningCount === count && s.pendingCount === 0 && listed.length === count ? true : undefined;
  });
}

interface Stage {
  name: string;
  values: number[];
}

interface ScaleResult {
  /** UpdateService sent → DescribeServices runningCount N. */
  ms: number;
  /** UpdateService sent → the steady-state event, when it came. */
  steadyMs?: number;
  dockerWindowMs: number;
  stages: Stage[];
  placement: number[];
  /** Up to runningCount N. */
  usage: Usage;
}

const steadySince = (s: Service, since: number) => {
  const last = s.events?.[0];
  return (
    s.runningCount === s.desiredCount &&
    s.pendingCount === 0 &&
    s.deployments?.length === 1 &&
    s.deployments[0]!.rolloutState === "COMPLETED" &&
    !!last?.message?.endsWith("has reached a steady state.") &&
    (ms(last.createdAt) ?? 0) >= since
  );
};

/** Starts V8's CPU profiler when --profile names a folder; the function it returns stops it and saves the profile. */
async function profiler(name: string): Promise<() => Promise<string | undefined>> {
  if (!args.profile) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    session.disconnect();
    fs.mkdirSync(args.profile!, { recursive: true });
    const file = path.join(args.profile!, `${name}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    return file;
  };
}

/**
 * With --profile: counts the server's database calls (model.operation and the source line that made
 * it) by wrapping the action context's Prisma client. Counting only: the calls themselves are untouched.
 */
const queries = new Map<string, number>();
let countingQueries = false;

function countQueries(server: TestServer): void {
  if (!args.profile) return;
  const ctx = server.server.ctx as unknown as { db: object };
  const callSite = () => {
    const frames = (new Error().stack ?? "").split("\n").slice(3);
    const own = frames.find((f) => /\/(apps|packages)\/[^/]+\/src\//.test(f) && !f.includes("/generated/"));
    return own?.replace(/^.*\/(apps|packages)\/([^/]+)\/src\/([^:)]+:\d+).*$/, "$2/$3") ?? "?";
  };
  const wrapDelegate = (model: string, delegate: object) =>
    new Proxy(delegate, {
      get(target, op) {
        const value: unknown = Reflect.get(target, op);
        if (typeof value !== "function") return value;
        return (...callArgs: unknown[]) => {
          if (countingQueries) {
            const key = `${model}.${String(op)}  ${callSite()}`;
            queries.set(key, (queries.get(key) ?? 0) + 1);
          }
          return (value as (...a: unknown[]) => unknown).apply(target, callArgs);
        };
      },
    });
  const delegates = new Map<string | symbol, object>();
  ctx.db = new Proxy(ctx.db, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof key !== "string" || key.startsWith("$") || typeof value !== "object" || value === null) {
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      if (!delegates.has(key)) delegates.set(key, wrapDelegate(key, value));
      return delegates.get(key);
    },
  });
}

/** With --profile: counts the Docker Engine API calls (method and path, ids elided) made while counting. */
const dockerCalls = new Map<string, number>();

function countDockerCalls(): void {
  if (!args.profile) return;
  // Every dockerode client (the agents' too) shares its modem's prototype.
  const proto = Object.getPrototypeOf(new Docker().modem) as { dial: (options: { method?: string; path?: string }, ...rest: unknown[]) => unknown };
  const dial = proto.dial;
  proto.dial = function (this: unknown, options, ...rest) {
    if (countingQueries) {
      const route = (options.path ?? "").split("?")[0]!.replace(/\/[0-9a-f]{64}/g, "/{id}").replace(/\/containers\/[^/]+\//, "/containers/{id}/");
      const key = `${options.method ?? "GET"} ${route}`;
      dockerCalls.set(key, (dockerCalls.get(key) ?? 0) + 1);
    }
    return dial.call(this, options, ...rest);
  };
}

function printQueries(): void {
  if (!args.profile) return;
  if (dockerCalls.size) {
    const total = [...dockerCalls.values()].reduce((a, b) => a + b, 0);
    say(`
Docker Engine API calls during the scale-up(s): ${total} (${(total / (TASKS * RUNS)).toFixed(1)} per task):`);
    for (const [key, n] of [...dockerCalls].sort((a, b) => b[1] - a[1])) say(`  ${String(n).padStart(6)}  ${key}`);
  }
  if (queries.size === 0) return;
  const total = [...queries.values()].reduce((a, b) => a + b, 0);
  say(`
database calls during the scale-up(s): ${total} (${(total / (TASKS * RUNS)).toFixed(1)} per task); the most frequent:`);
  for (const [key, n] of [...queries].sort((a, b) => b[1] - a[1]).slice(0, 25)) say(`  ${String(n).padStart(6)}  ${key}`);
}

async function stevedoreRun(events: DockerEvents, clusterArn: string, run: number): Promise<ScaleResult> {
  const stopProfile = await profiler(`scale-up-${run}`);
  countingQueries = true;
  const measure = meter();
  const t0 = Date.now();
  await ecs().send(new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, desiredCount: TASKS }));
  let running: number | undefined;
  let usage: Usage | undefined;
  let steady: number | undefined;
  const deadline = t0 + 120_000 + TASKS * 2_000;
  // After runningCount N, the steady state needs every task up 5 s (STABLE_AFTER_MS) and a scheduler tick.
  while (steady === undefined && Date.now() < (running ? running + 30_000 : deadline)) {
    const s = await describeService();
    const now = Date.now();
    if (running === undefined && s.runningCount === TASKS && s.pendingCount === 0) {
      running = now;
      usage = measure();
      countingQueries = false;
      const file = await stopProfile();
      if (file) say(`  CPU profile of the scale-up: ${file}`);
    }
    if (running !== undefined && steadySince(s, t0)) steady = now;
    else await sleep(POLL_MS);
  }
  if (running === undefined) throw new Error(`the service did not reach runningCount ${TASKS} in ${(deadline - t0) / 1000} s`);

  const tasks = (await describeTasks(await serviceTaskArns())).filter((x) => (ms(x.createdAt) ?? 0) >= t0);
  const creates = events.matching("create", t0, LABELS.cluster, clusterArn).map((e) => e.at);
  const starts = events.matching("start", t0, LABELS.cluster, clusterArn).map((e) => e.at);
  const byInstance = new Map<string, number>();
  for (const x of tasks) byInstance.set(x.containerInstanceArn ?? "", (byInstance.get(x.containerInstanceArn ?? "") ?? 0) + 1);
  // The service's runningCount reached N when its last task became RUNNING at the server; the poll
  // only finds out, so its interval neither adds to the time nor (kept long) loads the server much.
  const lastRunning = Math.max(...tasks.map((x) => ms(x.startedAt) ?? NaN));
  return {
    ms: lastRunning - t0,
    ...(steady !== undefined ? { steadyMs: steady - t0 } : {}),
    dockerWindowMs: Math.max(...starts) - Math.min(...creates),
    stages: taskStages(tasks, events, t0, "UpdateService sent → task placed (createdAt)", running),
    placement: [...byInstance.values()].sort((a, b) => b - a),
    usage: usage!,
  };
}

/**
 * From the scheduler's placement to the poll seeing RUNNING: what each task's timestamps and its
 * container's Docker events say. `from` is when the thing that asked for the task happened.
 */
function taskStages(tasks: Task[], events: DockerEvents, from: number | undefined, firstStage: string, seenAt: number): Stage[] {
  const stage = (name: string, f: (x: Task) => [number | undefined, number | undefined]): Stage => ({
    name,
    values: tasks.flatMap((x) => {
      const [a, b] = f(x);
      return a !== undefined && b !== undefined ? [b - a] : [];
    }),
  });
  const id = (x: Task) => x.containers?.[0]?.runtimeId;
  return [
    stage(firstStage, (x) => [from, ms(x.createdAt)]),
    stage("placed → agent begins the start (pullStartedAt)", (x) => [ms(x.createdAt), ms(x.pullStartedAt)]),
    stage("agent begins → Docker create event", (x) => [ms(x.pullStartedAt), events.of("create", id(x))]),
    stage("Docker create → Docker start event", (x) => [events.of("create", id(x)), events.of("start", id(x))]),
    stage("Docker start → server has RUNNING (startedAt)", (x) => [events.of("start", id(x)), ms(x.startedAt)]),
    { name: "last task RUNNING at the server → the poll sees it", values: [seenAt - Math.max(...tasks.map((x) => ms(x.startedAt) ?? NaN))] },
  ];
}

interface ReplaceResult {
  ms: number;
  stages: Stage[];
  /** Victim STOPPED at the server → replacement placed. */
  schedulingMs?: number;
  /** The service said "is unable to consistently start tasks" meanwhile (the launch throttle). */
  throttled: boolean;
}

async function replaceOnce(events: DockerEvents, docker: Docker, victim: Task): Promise<ReplaceResult> {
  const containerId = victim.containers?.[0]?.runtimeId;
  if (!containerId) throw new Error(`task ${victim.taskArn} has no container`);
  const before = new Set(await serviceTaskArns());
  const t0 = Date.now();
  await docker.getContainer(containerId).kill();
  // Long enough to see the scheduler's launch throttle (5 s, 10 s, 20 s, ...) rather than fail on it.
  const replacement = await until("a replacement task RUNNING", 120_000, async () => {
    const fresh = (await serviceTaskArns()).filter((a) => !before.has(a));
    if (fresh.length === 0) return undefined;
    return (await describeTasks(fresh)).find((x) => x.lastStatus === "RUNNING");
  });
  const seen = Date.now();
  await sleep(200); // the events of the start
  const [stopped] = await describeTasks([victim.taskArn!]);
  const [started] = await describeTasks([replacement.taskArn!]);
  const die = events.of("die", containerId);
  const throttled = ((await describeService()).events ?? []).some((e) => (ms(e.createdAt) ?? 0) >= t0 && !!e.message?.includes("is unable to consistently start tasks"));
  const schedulingMs = ms(started?.createdAt) !== undefined && ms(stopped?.stoppedAt) !== undefined ? ms(started!.createdAt)! - ms(stopped!.stoppedAt)! : undefined;
  const stages = taskStages([started!], events, ms(stopped?.stoppedAt), "server has the victim STOPPED → replacement placed", seen);
  return {
    ms: (ms(started?.startedAt) ?? seen) - t0,
    ...(schedulingMs !== undefined ? { schedulingMs } : {}),
    throttled,
    stages: [
      { name: "docker kill sent → Docker die event", values: die !== undefined ? [die - t0] : [] },
      { name: "die event → server has the victim STOPPED (stoppedAt)", values: die !== undefined && stopped?.stoppedAt ? [ms(stopped.stoppedAt)! - die] : [] },
      ...stages,
    ],
  };
}

// ---------------------------------------------------------------------------------------------------
// Printing

function printStages(title: string, lists: Stage[][]): void {
  say(title);
  const names = lists[0]?.map((s) => s.name) ?? [];
  for (const [i, name] of names.entries()) {
    const values = lists.flatMap((l) => l[i]?.values ?? []);
    say(`  ${name.padEnd(56)} median ${secs(median(values), 3).padStart(6)} s   max ${secs(max(values), 3).padStart(6)} s`);
  }
}

// ---------------------------------------------------------------------------------------------------
// The run

const docker = new Docker();
const events = new DockerEvents();
let cleaned = false;

async function cleanUp(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  events.stop();
  await removeReferenceContainers(docker).catch((err: unknown) => say(`could not remove the reference containers: ${String(err)}`));
  await t?.close().catch((err: unknown) => say(`could not close the server: ${String(err)}`));
}

process.once("SIGINT", () => {
  say("\ninterrupted: cleaning up");
  void cleanUp().finally(() => process.exit(130));
});

async function main(): Promise<number> {
  const engine = await docker.version();
  try {
    await docker.getImage(IMAGE).inspect();
  } catch {
    throw new Error(`${IMAGE} is not built: run \`npm start\` (or \`npm test\`) once, which builds the sample images`);
  }
  const cpu = os.cpus();
  say(`service benchmark: node ${process.version}, ${cpu.length} cores, ${cpu[0]?.model ?? "unknown CPU"}, Docker Engine ${engine.Version}`);
  say(`${TASKS} tasks of ${IMAGE} (${MEMORY_MIB} MiB, ${CPU_UNITS} CPU units, container port 80 on a dynamic host port of a 127.x address) on ${INSTANCES} ${INSTANCE_TYPE} instances`);
  say(`polling every ${POLL_MS} ms; server and agent logs: ${logFile}`);
  await events.start(docker);

  say("\nsetting up: server, cluster, Auto Scaling group, service at desiredCount 0");
  const clusterArn = await setUpCluster();
  const arn = await registerDefinition("bench-web");
  await ecs().send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: SERVICE, taskDefinition: arn, desiredCount: 0 }));

  // Warm-up, untimed: Docker with a few containers, the server's start path with a one-task service.
  say("warming up");
  await referenceRun(docker, events, "warmup", Math.min(TASKS, 3));
  await removeReferenceContainers(docker);
  await ecs().send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: "warmup", taskDefinition: await registerDefinition("bench-warmup"), desiredCount: 0 }));
  await scaleAndWait("warmup", 1, 60_000);
  await scaleAndWait("warmup", 0, 60_000);
  await ecs().send(new DeleteServiceCommand({ cluster: CLUSTER, service: "warmup" }));
  await sleep(1_000);

  const references: ReferenceResult[] = [];
  const stevedores: ScaleResult[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const tag = RUNS > 1 ? ` (run ${run} of ${RUNS})` : "";
    say(`reference: ${TASKS} containers through dockerode${tag}`);
    references.push(await referenceRun(docker, events, `run${run}`, TASKS));
    say(`  ${secs(references.at(-1)!.ms)} s; removing them`);
    await removeReferenceContainers(docker);
    await sleep(1_000);
    say(`Stevedore: UpdateService desiredCount 0 → ${TASKS}${tag}`);
    stevedores.push(await stevedoreRun(events, clusterArn, run));
    say(`  ${secs(stevedores.at(-1)!.ms)} s to runningCount ${TASKS}`);
    if (run < RUNS) {
      say("  scaling back to 0");
      await scaleAndWait(SERVICE, 0, 120_000);
      await sleep(1_000);
    }
  }

  const replacements: ReplaceResult[] = [];
  for (let k = 1; k <= KILLS; k++) {
    const running = (await describeTasks(await serviceTaskArns())).filter((x) => x.lastStatus === "RUNNING");
    const victim = running[Math.floor(Math.random() * running.length)]!;
    const result = await replaceOnce(events, docker, victim);
    replacements.push(result);
    const note = result.throttled
      ? ` (throttled: the service said it "is unable to consistently start tasks"; placed ${secs(result.schedulingMs)} s after the victim stopped)`
      : (result.schedulingMs ?? 0) > 1_000
        ? ` (placed ${secs(result.schedulingMs)} s after the victim stopped)`
        : "";
    say(`replacement ${k} of ${KILLS}: ${secs(result.ms)} s from docker kill to a new task RUNNING${note}`);
    // Back to N running, the victim gone from the list, before the next kill.
    await until(`the service back at ${TASKS} running`, 60_000, async () => {
      const s = await describeService();
      return s.runningCount === TASKS && s.pendingCount === 0 && (await serviceTaskArns()).length === TASKS ? true : undefined;
    });
    await sleep(1_000);
  }

  // The figures
  const refMs = median(references.map((r) => r.ms));
  const oursMs = median(stevedores.map((r) => r.ms));
  const ratio = oursMs / refMs;
  const replaceMs = replacements.map((r) => r.ms);
  const runs = RUNS > 1 ? ` (median of ${RUNS} runs)` : "";
  say(`\n${TASKS} tasks on ${INSTANCES} instances${runs}`);
  say(`                                      to all running   Docker: first create → last start`);
  say(`  reference (dockerode, concurrent)   ${secs(refMs).padStart(8)} s       ${secs(median(references.map((r) => r.dockerWindowMs))).padStart(8)} s   (create+start calls done at ${secs(median(references.map((r) => r.callsMs)))} s)`);
  say(`  Stevedore (UpdateService 0 → ${String(TASKS).padEnd(3)})   ${secs(oursMs).padStart(8)} s       ${secs(median(stevedores.map((r) => r.dockerWindowMs))).padStart(8)} s   (steady-state event at ${secs(median(stevedores.flatMap((r) => (r.steadyMs !== undefined ? [r.steadyMs] : []))))} s)`);
  say(`  ratio Stevedore / reference          ${ratio.toFixed(2).padStart(8)}         bar ≤ ${RATIO_BAR}: ${verdict(ratio <= RATIO_BAR)}`);
  const refCreateToStart = references.flatMap((r) => r.createToStartMs);
  const oursCreateToStart = stevedores.flatMap((r) => r.stages.find((x) => x.name.startsWith("Docker create → Docker start"))?.values ?? []);
  say(`  Docker create → start, per container: reference median ${secs(median(refCreateToStart), 3)} s (max ${secs(max(refCreateToStart), 3)} s), Stevedore median ${secs(median(oursCreateToStart), 3)} s (max ${secs(max(oursCreateToStart), 3)} s)`);
  say(`  tasks per instance: ${stevedores.at(-1)!.placement.join(" / ")}`);
  say(`  CPU, reference:  ${usageLine(references.at(-1)!.usage)}`);
  say(`  CPU, Stevedore:  ${usageLine(stevedores.at(-1)!.usage)}`);
  say(`\nreplacement, docker kill → new task RUNNING (${KILLS} kills)`);
  say(`  median ${secs(median(replaceMs))} s, max ${secs(max(replaceMs))} s   bar < ${REPLACE_BAR_S} s: ${verdict(max(replaceMs) < REPLACE_BAR_S * 1000)} (median ${verdict(median(replaceMs) < REPLACE_BAR_S * 1000)})`);
  say(`  each: ${replaceMs.map((x) => secs(x)).join(", ")} s`);
  const throttledKills = replacements.filter((r) => r.throttled || (r.schedulingMs ?? 0) > 1_000).length;
  if (throttledKills) say(`  ${throttledKills} of ${KILLS} replacements waited over 1 s between the victim's STOPPED and the replacement's placement (launch throttle)`);
  say();
  printStages(`Stevedore scale-up, per task (${TASKS * RUNS} tasks):`, stevedores.map((r) => r.stages));
  say();
  printStages(`replacement, per kill (${KILLS} kills):`, replacements.map((r) => r.stages));
  printQueries();
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  say(`\nbenchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
} finally {
  say("\ncleaning up");
  await cleanUp();
}
await new Promise<void>((resolve) => logStream.end(resolve));
process.exit(code);
