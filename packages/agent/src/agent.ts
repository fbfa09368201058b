/**
 * The agent's loops: register, long-poll the desired state, and reconcile it with Docker after every
 * answer, every Docker event of its containers and every few seconds. Reconciling is level-triggered:
 * plan() compares the whole desired state with what Docker has, so lost messages and restarts converge.
 */
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { AGENT_POLL_WAIT_MS, AGENT_STATS_INTERVAL_MS, callEcs, clusterArn, clusterName, NO_SAFETY_SWITCHES, type AgentTask, type AgentOptions, type TaskStateChangeRequest } from "@stevedore/shared";
import { runContainerAction } from "./container-actions.ts";
import { ContainerLogs } from "./container-logs.ts";
import { DockerClient } from "./docker.ts";
import { createLogger, errorText, type Logger } from "./log.ts";
import { LogShipper } from "./log-shipper.ts";
import { MetadataServer, sharedMetadataServer } from "./metadata-server.ts";
import { applyChange, currentByName, isPauseContainer, plan, taskContainers, type Action, type ObservedContainer, type TaskStateChange } from "./plan.ts";
import { pollDesiredState } from "./poll.ts";
import { ServerLink } from "./server-link.ts";
import { registerContainerInstance } from "./register.ts";
import { sleep } from "./sleep.ts";
import { startTask, type StartContext } from "./start-task.ts";
import { DockerStatsSource, StatsSampler } from "./stats-sampler.ts";
import { StatsShipper } from "./stats-shipper.ts";
import { containerMetadata, taskMetadata } from "./task-metadata.ts";
import { clusterFromUserData } from "./user-data.ts";
import { withContainerStopTimeout } from "./ecs-config.ts";


const REGISTER_RETRY_MS = 3_000;
const RECONCILE_EVERY_MS = 10_000;
const POLL_BACKOFF_MAX_MS = 10_000;
const EVENTS_RETRY_MS = 1_000;
const METADATA_URI = /:(\d+)\/v4\/([^/]+)$/;

type PullTimes = Pick<TaskStateChange, "pullStartedAt" | "pullStoppedAt">;

/**
 * Tasks with an action under way: plan() leaves them alone, so nothing is started or stopped twice.
 * Per process, so an agent object replacing a stopped one for the same instance waits for its actions.
 */
const inFlight = new Set<string>();

export class Agent {
  private readonly log: Logger;
  private readonly link: ServerLink;
  private readonly docker: DockerClient;
  private readonly cluster: string;
  private arn?: string;
  private running?: { abort: AbortController; timer: NodeJS.Timeout; done: Promise<unknown>; logs: ContainerLogs };
  private seenVersion?: string;
  /** The server's last answer with the reports it accepted since applied; undefined until one came. */
  private tasks?: AgentTask[];
  /** Reports the server accepted, re-applied to every answer so an answer older than them cannot undo them. */
  private readonly accepted = new Map<string, TaskStateChange[]>();
  /** Task metadata endpoint tokens of this agent's containers → their task ARN. */
  private readonly tokens = new Map<string, string>();
  private readonly pullTimes = new Map<string, PullTimes>();
  private reconciling?: Promise<void>;
  private reconcileAgain = false;
  /** The periodic round also lists the task volumes, for those a failed start left without containers. */
  private fullRoundDue = true;
  private eventStream?: AbortController;

  constructor(private readonly opts: AgentOptions) {
    this.cluster = opts.cluster ?? clusterFromUserData(opts.userData) ?? "default";
    this.log = createLogger(opts.log ?? ((line) => console.log(`[stevedore-agent ${opts.identity.instanceId}] ${line}`)));
    this.docker = new DockerClient(opts.dockerSocketPath ?? "/var/run/docker.sock");
    this.link = new ServerLink(opts.endpoint, { region: opts.identity.region, ...opts.proof });
  }

  get agentToken(): string | undefined {
    return this.link.agentToken;
  }

  get containerInstanceArn(): string | undefined {
    return this.arn;
  }

  private get clusterArn(): string {
    return clusterArn(this.opts.identity, clusterName(this.cluster));
  }

  /** Starts the loops and returns; registration is retried in the background until it succeeds. */
  async start(): Promise<void> {
    if (this.running) return;
    const abort = new AbortController();
    // Every log stream, report and poll in flight listens to this one signal: dozens at once is by design.
    setMaxListeners(0, abort.signal);
    const timer = setInterval(() => {
      this.fullRoundDue = true;
      void this.reconcile();
    }, RECONCILE_EVERY_MS);
    timer.unref();
    const done = Promise.all([this.run(abort.signal), this.watchEvents(abort.signal), this.sampleStats(abort.signal)]).catch((err: unknown) =>
      this.log.error("Agent loop failed", { error: errorText(err) }),
    );
    const logs = new ContainerLogs(this.docker, new LogShipper(this.link, this.log, abort.signal), this.log, abort.signal);
    this.running = { abort, timer, done, logs };
  }

  /** Stops polling and watching; the task containers keep running and are adopted at the next start. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    running.abort.abort();
    clearInterval(running.timer);
    await running.done;
  }

  /** Samples the containers' use and ships it, in the background of the other loops. */
  private async sampleStats(signal: AbortSignal): Promise<void> {
    const intervalMs = this.opts.statsIntervalMs ?? AGENT_STATS_INTERVAL_MS;
    if (intervalMs <= 0) return;
    const source = new DockerStatsSource(this.opts.dockerSocketPath ?? "/var/run/docker.sock");
    const shipper = new StatsShipper(this.link, this.log, signal);
    await new StatsSampler(source, shipper, this.log, signal, intervalMs, () => this.arn).run();
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    let arn: string | undefined;
    while ((arn = await this.register(signal))) {
      while (!signal.aborted) {
        let answer;
        try {
          answer = await pollDesiredState(
            this.link,
            { cluster: this.cluster, containerInstanceArn: arn, waitMs: AGENT_POLL_WAIT_MS, ...(this.seenVersion ? { seenVersion: this.seenVersion } : {}) },
            signal,
          );
          failures = 0;
        } catch (err) {
          if (signal.aborted) return;
          failures++;
          const backoff = Math.min(1000 * 2 ** (failures - 1), POLL_BACKOFF_MAX_MS);
          this.log.warn("Poll for tasks failed; retrying", { error: errorText(err), retryInMs: backoff });
          await sleep(backoff, signal);
          continue;
        }
        if (!answer.registered) {
          // Deregistered: its tasks are stopped on the server, so their containers go as orphans, and
          // the agent stops, as the ECS agent does (it does not come back as a new instance).
          this.log.error("Container instance is deregistered; removing its containers and stopping the agent", { containerInstanceArn: arn });
          this.setDesired([]);
          await this.reconcile();
          this.arn = this.tasks = this.seenVersion = undefined;
          return;
        }
        this.seenVersion = answer.version;
        this.setDesired(answer.tasks);
        void this.reconcile();
      }
    }
  }

  /** Registers (again) until it succeeds; the container instance ARN, or undefined when stopped first. */
  private async register(signal: AbortSignal): Promise<string | undefined> {
    if (this.opts.fargateHostArn) return (this.arn = signal.aborted ? undefined : this.opts.fargateHostArn);
    while (!signal.aborted) {
      try {
        this.log.info("Registering Instance with ECS");
        const engine = await this.docker.version();
        const instance = await registerContainerInstance(
          this.link,
          {
            cluster: this.cluster,
            identity: this.opts.identity,
            resources: this.opts.resources,
            dockerVersion: engine.version,
            dockerApiVersion: engine.apiVersion,
            ...(this.opts.attributes ? { attributes: this.opts.attributes } : {}),
            ...(this.arn ? { containerInstanceArn: this.arn } : {}),
          },
          signal,
        );
        const memory = instance.remainingResources?.find((r) => r.name === "MEMORY")?.integerValue ?? this.opts.resources.memoryMiB;
        this.log.info(`Remaining mem: ${memory}`);
        if (instance.containerInstanceArn !== this.arn) this.eventStream?.abort(); // watch the new ARN's label
        this.arn = instance.containerInstanceArn;
        if (this.link.agentToken) this.opts.onAgentToken?.(this.link.agentToken);
        this.log.info("Registered container instance with cluster!", { cluster: this.cluster, containerInstanceArn: this.arn });
        return this.arn;
      } catch (err) {
        if (signal.aborted) break;
        if (this.link.forgetRefusedToken(err)) this.log.warn("The server does not know this agent's token; registering afresh");
        this.log.error("Unable to register as a container instance with ECS", { error: errorText(err) });
        await sleep(REGISTER_RETRY_MS, signal);
      }
    }
    return undefined;
  }

  private async watchEvents(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const arn = this.arn;
      if (!arn) {
        await sleep(EVENTS_RETRY_MS, signal);
        continue;
      }
      const stream = new AbortController();
      this.eventStream = stream;
      void this.reconcile(); // events may have been missed while not watching
      try {
        // A task being started reports its own containers' starts; the round after its start sees the rest.
        const onEvent = ({ taskArn }: { taskArn?: string }) => {
          if (!taskArn || !inFlight.has(taskArn)) void this.reconcile();
        };
        await this.docker.watchEvents(arn, onEvent, AbortSignal.any([signal, stream.signal]));
      } catch (err) {
        if (!signal.aborted && !stream.signal.aborted) this.log.warn("Docker event stream failed", { error: errorText(err) });
      }
      if (!stream.signal.aborted) await sleep(EVENTS_RETRY_MS, signal);
    }
  }

  private setDesired(tasks: AgentTask[]): void {
    const arns = new Set(tasks.map((t) => t.taskArn));
    for (const map of [this.accepted, this.pullTimes]) {
      for (const taskArn of map.keys()) if (!arns.has(taskArn)) map.delete(taskArn);
    }
    this.tasks = tasks.map((t) => (this.accepted.get(t.taskArn) ?? []).reduce(applyChange, withContainerStopTimeout(t, this.opts.containerStopTimeoutSec)));
  }

  /** Runs a reconcile round; a request during one runs another after it. Resolves when they are done. */
  private reconcile(): Promise<void> {
    if (this.reconciling) {
      this.reconcileAgain = true;
      return this.reconciling;
    }
    this.reconciling = (async () => {
      do {
        this.reconcileAgain = false;
        await this.reconcileOnce().catch((err: unknown) => this.log.warn("Reconcile failed", { error: errorText(err) }));
      } while (this.reconcileAgain && this.running);
    })().finally(() => (this.reconciling = undefined));
    return this.reconciling;
  }

  private async reconcileOnce(): Promise<void> {
    const arn = this.arn;
    const running = this.running;
    if (!arn || !this.tasks || !running) return;
    // Taken before observing: an action that ends meanwhile has changed Docker after the observation.
    const busy = new Set(inFlight);
    // A task being started is left out: its containers are its start's business until it is done.
    const observed = await this.docker.containers(arn, undefined, busy);
    const desired = new Set(this.tasks.map((t) => t.taskArn));
    const full = this.fullRoundDue || observed.some((c) => !desired.has(c.taskArn));
    this.fullRoundDue = false;
    const volumes = full ? await this.docker.taskVolumes(arn) : [];
    // A pause container prints nothing: only the task's own containers are followed.
    running.logs.sync(observed.filter((c) => !isPauseContainer(c)), busy);
    await this.adoptTokens(observed, busy);
    const byTask = new Map<string, Action[]>();
    for (const action of plan(this.tasks, observed, busy, volumes)) byTask.set(action.taskArn, [...(byTask.get(action.taskArn) ?? []), action]);
    for (const [taskArn, actions] of byTask) this.dispatch(taskArn, actions);
  }

  /**
   * Runs a task's actions in order in the background (a refused report does not hold up the stop after
   * it); reconciles again when they all succeeded.
   */
  private dispatch(taskArn: string, actions: Action[]): void {
    inFlight.add(taskArn);
    void (async () => {
      let ok = true;
      try {
        for (const action of actions) ok = (await this.execute(action)) && ok;
      } catch (err) {
        ok = false;
        this.log.error("Task action failed", { task: taskArn, error: errorText(err) });
      } finally {
        inFlight.delete(taskArn);
      }
      // After a failure the periodic round retries, so a broken server or engine is not hammered.
      if (ok) void this.reconcile();
    })();
  }

  private async execute(action: Action): Promise<boolean> {
    switch (action.kind) {
      case "report":
        return this.report(action.change);
      case "start":
        if (!this.running || !this.arn) return false;
        await startTask(this.startContext(this.arn, this.running.abort.signal, action.taskArn), action.task, action.existing);
        return true;
      default:
        await runContainerAction(this.docker, this.log, action);
        return true;
    }
  }

  private startContext(containerInstanceArn: string, signal: AbortSignal, taskArn: string): StartContext {
    return {
      docker: this.docker,
      log: this.log,
      clusterArn: this.clusterArn,
      containerInstanceArn,
      ...(this.opts.hostRoot ? { hostRoot: this.opts.hostRoot } : {}),
      safety: this.opts.safety ?? NO_SAFETY_SWITCHES,
      signal,
      report: (change) => this.report(change),
      metadataFor: (arn) => this.newMetadataToken(arn),
      wanted: () => {
        const task = this.tasks?.find((t) => t.taskArn === taskArn);
        return !signal.aborted && task !== undefined && task.desiredStatus !== "STOPPED";
      },
    };
  }

  /** SubmitTaskStateChange; on success the change also becomes part of the server view held here. */
  private async report(change: TaskStateChange): Promise<boolean> {
    const signal = this.running?.abort.signal;
    if (!signal) return false;
    if (change.pullStartedAt !== undefined || change.pullStoppedAt !== undefined) {
      this.pullTimes.set(change.task, { ...this.pullTimes.get(change.task), ...pick(change) });
    }
    const containers = change.containers.map(
      (c) => `${c.containerName}->${c.status}${c.exitCode !== undefined ? `(${c.exitCode})` : ""}${c.healthStatus ? `[${c.healthStatus}]` : ""}`,
    );
    this.log.info("Sending state change to ECS", { task: change.task, status: change.status, reason: change.reason, containers: containers.join(",") });
    try {
      const request: TaskStateChangeRequest = { cluster: this.cluster, ...change };
      await callEcs(this.opts.endpoint, "SubmitTaskStateChange", request, signal, this.link.headers);
    } catch (err) {
      if (!signal.aborted) this.log.warn("Could not submit task state change", { task: change.task, error: errorText(err) });
      return false;
    }
    this.accepted.set(change.task, [...(this.accepted.get(change.task) ?? []), change]);
    this.tasks = this.tasks?.map((t) => (t.taskArn === change.task ? applyChange(t, change) : t));
    return true;
  }

  /** The process's metadata server; on a restart, preferably on the port running containers already use. */
  private metadataServer(preferredPort?: number): Promise<MetadataServer | undefined> {
    return sharedMetadataServer(async () => {
      const host = await this.docker.bridgeGateway();
      if (!host) throw new Error("the bridge network has no gateway address");
      const server = await MetadataServer.listen(host, preferredPort);
      this.log.info("Task metadata endpoint listening", { url: server.baseUrl });
      return server;
    }).catch((err: unknown) => {
      this.log.warn("Task metadata endpoint unavailable; containers get no ECS_CONTAINER_METADATA_URI", { error: errorText(err) });
      return undefined;
    });
  }

  private async newMetadataToken(taskArn: string): Promise<{ baseUrl: string; token: string } | undefined> {
    const server = await this.metadataServer();
    if (!server) return undefined;
    const token = randomUUID();
    this.tokens.set(token, taskArn);
    server.register(token, (t) => this.describe(t));
    return { baseUrl: server.baseUrl, token };
  }

  /** Serves the tokens found in the containers' environment (so they survive a restart), drops gone ones. */
  private async adoptTokens(observed: readonly ObservedContainer[], busy: ReadonlySet<string>): Promise<void> {
    const seen = new Map<string, string>();
    let port: number | undefined;
    for (const c of observed) {
      const match = METADATA_URI.exec(c.metadataUri ?? "");
      if (!match) continue;
      seen.set(match[2]!, c.taskArn);
      port ??= Number(match[1]);
    }
    if (!seen.size && !this.tokens.size) return;
    const server = await this.metadataServer(port);
    for (const [token, taskArn] of this.tokens) {
      if (seen.has(token) || busy.has(taskArn)) continue; // a container being created is not listed yet
      this.tokens.delete(token);
      server?.unregister(token);
    }
    for (const [token, taskArn] of seen) {
      if (this.tokens.has(token)) continue;
      this.tokens.set(token, taskArn);
      server?.register(token, (t) => this.describe(t));
    }
  }

  private async describe(token: string) {
    const taskArn = this.tokens.get(token);
    const task = this.tasks?.find((t) => t.taskArn === taskArn);
    if (!taskArn || !task || !this.arn) return undefined;
    const containers = taskContainers(task, [...currentByName(await this.docker.containers(this.arn, taskArn)).values()]);
    const own = containers.find((c) => c.metadataUri?.endsWith(`/${token}`));
    if (!own) return undefined;
    return {
      container: containerMetadata(task, own),
      task: taskMetadata(task, containers, {
        clusterArn: this.clusterArn,
        availabilityZone: task.availabilityZone ?? this.opts.identity.availabilityZone,
        ...this.pullTimes.get(taskArn),
      }),
    };
  }
}

const pick = (change: TaskStateChange): PullTimes => ({
  ...(change.pullStartedAt !== undefined ? { pullStartedAt: change.pullStartedAt } : {}),
  ...(change.pullStoppedAt !== undefined ? { pullStoppedAt: change.pullStoppedAt } : {}),
});
