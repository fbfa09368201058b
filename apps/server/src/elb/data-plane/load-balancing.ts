/**
 * The load balancers' data plane: from the store's load balancers, listeners, rules, target groups
 * and targets, it keeps one HAProxy per load balancer configured (haproxy-config.ts), each load
 * balancer's DNS name in the hosts file, a health checker per registered target (health.ts), and
 * draining targets until their in-flight requests end or the deregistration delay passes. Every
 * change to the store calls changed(): one sync at a time, the last change always seen.
 *
 * Which targets get traffic: healthy ones (and unchecked ones when health checks are disabled);
 * when none of a target group is healthy, all its registered targets (ALB fails open).
 */
import path from "node:path";
import type { TargetHealthDescription } from "@stevedore/shared/aws/models/elbv2";
import type { Config } from "../../config.ts";
import type { ActionContext } from "../../aws/context.ts";
import { EtcHosts } from "../../host-names/etc-hosts.ts";
import { listListeners, listLoadBalancers, listRules, listTargetGroups, listTargets, removeTarget, type TargetGroupRecord, type TargetRecord } from "../../store/elb.ts";
import { ownedAddresses, type OwnedAddresses } from "../../store/elb-target-addresses.ts";
import { afterCheck, checkOnce, healthView, newHealthState, type HealthState } from "./health.ts";
import { renderConfig, type BackendModel, type LoadBalancerModel } from "./haproxy-config.ts";
import { HaproxyProcess } from "./haproxy-process.ts";

type Db = ActionContext["allAccounts"];

/** A registered target as the data plane holds it. */
interface Checked {
  key: string;
  targetGroupArn: string;
  targetId: string;
  port: number;
  address: string | undefined;
  health: HealthState;
  timer?: NodeJS.Timeout;
  /** The settings its checks use (a change restarts them). */
  settings: string;
}

export interface HealthChange {
  accountId: string;
  targetGroupArn: string;
  targetId: string;
  port: number;
  health: HealthState;
}

const keyOf = (tgArn: string, id: string, port: number) => `${tgArn}|${id}|${port}`;
const serverName = (id: string, port: number) => `t_${id.replace(/[^A-Za-z0-9]/g, "_")}_${port}`;
const backendNameOf = (tgArn: string) => `tg_${tgArn.slice(tgArn.lastIndexOf("/") + 1)}`;

export class LoadBalancing {
  private readonly checked = new Map<string, Checked>();
  private readonly proxies = new Map<string, HaproxyProcess>();
  private readonly hosts: EtcHosts | undefined;
  private readonly listeners = new Set<(change: HealthChange) => void>();
  private syncing: Promise<void> | undefined;
  private again = false;
  private drainTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Per target group: its account and whether it routes (fail-open) to all. */
  private groups = new Map<string, TargetGroupRecord>();

  constructor(
    private readonly config: Config,
    private readonly db: Db,
    private readonly log: (message: string) => void = (m) => console.log(m),
  ) {
    this.hosts = config.etcHostsFile ? new EtcHosts(config.etcHostsFile, process.pid, log) : undefined;
  }

  async start(): Promise<void> {
    await this.sync();
    this.drainTimer = setInterval(() => void this.finishDraining().catch((err) => this.log(`Draining check failed: ${String(err)}`)), 1000);
    this.drainTimer.unref();
  }

  /** Something in the store changed: sync (coalesced). */
  changed(): void {
    if (this.closed) return;
    void this.sync().catch((err) => this.log(`Load balancer sync failed: ${String(err)}`));
  }

  /** Resolves once every change made before the call is in the data plane. */
  async settled(): Promise<void> {
    await this.sync();
  }

  onHealthChange(listener: (change: HealthChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private sync(): Promise<void> {
    if (this.syncing) {
      this.again = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        do {
          this.again = false;
          await this.syncOnce();
        } while (this.again && !this.closed);
      } finally {
        this.syncing = undefined;
      }
    })();
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    const [lbs, listeners, rules, groups, targets] = await Promise.all([listLoadBalancers(this.db), listListeners(this.db), listRules(this.db), listTargetGroups(this.db), listTargets(this.db)]);
    this.groups = new Map(groups.map((g) => [g.arn, g]));
    const owned = new Map<string, OwnedAddresses>();
    const ownedBy = async (accountId: string) => {
      if (!owned.has(accountId)) owned.set(accountId, await ownedAddresses(this.db, accountId));
      return owned.get(accountId)!;
    };
    // Health checkers: one per registered target, stopped for the ones gone.
    const live = new Set<string>();
    for (const t of targets) {
      const tg = this.groups.get(t.targetGroupArn);
      if (!tg) continue;
      const key = keyOf(t.targetGroupArn, t.targetId, t.port);
      live.add(key);
      const address = this.addressOf(tg, t, await ownedBy(t.accountId));
      const settings = JSON.stringify([tg.healthCheck, address]);
      let c = this.checked.get(key);
      if (!c) {
        c = { key, targetGroupArn: t.targetGroupArn, targetId: t.targetId, port: t.port, address, health: newHealthState(), settings };
        this.checked.set(key, c);
      }
      c.address = address;
      if (t.deregisteredAt) this.stopChecks(c);
      else if (!c.timer || c.settings !== settings) {
        c.settings = settings;
        this.scheduleChecks(c, tg);
      }
    }
    for (const [key, c] of this.checked) {
      if (!live.has(key)) {
        this.stopChecks(c);
        this.checked.delete(key);
      }
    }
    // Each load balancer's configuration.
    const present = new Set<string>();
    for (const lb of lbs) {
      present.add(lb.arn);
      const own = listeners.filter((l) => l.loadBalancerArn === lb.arn).sort((a, b) => a.port - b.port);
      const dir = path.join(this.config.dataDir, "elb", lb.arn.slice(lb.arn.lastIndexOf("/") + 1));
      const backends = new Map<string, BackendModel>();
      const model: LoadBalancerModel = {
        address: lb.address,
        idleTimeoutSeconds: Number(lb.attributes["idle_timeout.timeout_seconds"] ?? 60),
        dir,
        backends,
        listeners: own.map((l) => ({
          port: l.port,
          defaultActions: l.defaultActions,
          rules: rules.filter((r) => r.listenerArn === l.arn).sort((a, b) => a.priority - b.priority),
        })),
      };
      const used = new Set(model.listeners.flatMap((l) => [...l.defaultActions, ...l.rules.flatMap((r) => r.actions)]).flatMap((a) => (a.Type === "forward" ? [a.TargetGroupArn, ...(a.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn)] : [])).filter((x): x is string => !!x));
      for (const arn of used) {
        const tg = this.groups.get(arn);
        if (!tg) continue;
        const members = targets.filter((t) => t.targetGroupArn === arn);
        backends.set(arn, {
          name: backendNameOf(arn),
          algorithm: tg.attributes["load_balancing.algorithm.type"] ?? "round_robin",
          slowStartSeconds: Number(tg.attributes["slow_start.duration_seconds"] ?? 0),
          ...(tg.attributes["stickiness.enabled"] === "true" ? { stickinessSeconds: Number(tg.attributes["stickiness.lb_cookie.duration_seconds"] ?? 86400) } : {}),
          servers: this.routing(tg, members)
            .filter((s) => s.address)
            .map((s) => ({ name: serverName(s.targetId, s.port), address: s.address!, port: s.port, routable: s.routable })),
        });
      }
      let proxy = this.proxies.get(lb.arn);
      if (!proxy) this.proxies.set(lb.arn, (proxy = new HaproxyProcess(dir, this.log)));
      if (model.listeners.length) {
        const { text, files } = renderConfig(model);
        await proxy.apply(text, files);
      } else await proxy.close();
      this.hosts?.add(lb.dnsName, lb.address);
    }
    for (const [arn, proxy] of this.proxies) {
      if (present.has(arn)) continue;
      await proxy.close();
      this.proxies.delete(arn);
    }
    for (const name of this.namesGone(lbs.map((lb) => lb.dnsName))) this.hosts?.remove(name);
    // Only now does every proxy send nothing new to the deregistered targets: they may finish draining.
    this.drainApplied = new Set(targets.filter((t) => t.deregisteredAt).map((t) => `${keyOf(t.targetGroupArn, t.targetId, t.port)}|${t.deregisteredAt!.getTime()}`));
  }

  /** Deregistered targets (with the time) that every proxy has stopped sending new requests to. */
  private drainApplied = new Set<string>();

  private mappedNames = new Set<string>();
  private namesGone(names: string[]): string[] {
    const gone = [...this.mappedNames].filter((n) => !names.includes(n));
    this.mappedNames = new Set(names);
    return gone;
  }

  /** An instance target's address is its instance's; an ip target's its own; either only while the account still owns it. */
  private addressOf(tg: TargetGroupRecord, t: TargetRecord, owned: OwnedAddresses): string | undefined {
    if (tg.targetType === "instance") return owned.instances.get(t.targetId)?.address;
    return owned.addresses.has(t.targetId) ? t.targetId : undefined;
  }

  /** Each registered target of a group with whether it gets new requests. */
  private routing(tg: TargetGroupRecord, members: TargetRecord[]) {
    const active = members.filter((t) => !t.deregisteredAt);
    const state = (t: TargetRecord) => this.checked.get(keyOf(tg.arn, t.targetId, t.port));
    const healthy = (t: TargetRecord) => !tg.healthCheck.enabled || state(t)?.health.state === "healthy";
    const failOpen = !active.some(healthy);
    return members.map((t) => ({ targetId: t.targetId, port: t.port, address: state(t)?.address, routable: !t.deregisteredAt && (failOpen || healthy(t)) }));
  }

  private scheduleChecks(c: Checked, tg: TargetGroupRecord): void {
    this.stopChecks(c);
    if (!tg.healthCheck.enabled) return;
    const hc = tg.healthCheck;
    const port = hc.port === "traffic-port" ? c.port : Number(hc.port);
    const tick = async () => {
      if (!this.checked.has(c.key) || c.timer === undefined) return;
      const result = c.address ? await checkOnce(c.address, port, hc) : ({ ok: false, reason: "Target.FailedHealthChecks" } as const);
      if (!this.checked.has(c.key) || c.timer === undefined) return;
      const before = c.health.state;
      c.health = afterCheck(c.health, result, hc);
      if (c.health.state !== before) {
        this.changed();
        const tgNow = this.groups.get(c.targetGroupArn);
        for (const l of this.listeners) l({ accountId: tgNow?.accountId ?? "", targetGroupArn: c.targetGroupArn, targetId: c.targetId, port: c.port, health: c.health });
      }
    };
    // The first check at once: a new target is healthy one check after it answers.
    c.timer = setInterval(() => void tick(), hc.intervalSeconds * 1000);
    c.timer.unref();
    void tick();
  }

  private stopChecks(c: Checked): void {
    if (c.timer) clearInterval(c.timer);
    c.timer = undefined;
  }

  /** Forgets drained targets: no request left in flight (old workers gone too), or the delay passed. */
  private async finishDraining(): Promise<void> {
    const draining = (await listTargets(this.db)).filter((t) => t.deregisteredAt && this.drainApplied.has(`${keyOf(t.targetGroupArn, t.targetId, t.port)}|${t.deregisteredAt.getTime()}`));
    if (!draining.length) return;
    const sessions = new Map<string, number>();
    let oldWorkers = false;
    for (const proxy of this.proxies.values()) {
      if (!proxy.running()) continue;
      if (proxy.workers() > 1) oldWorkers = true;
      for (const [k, v] of await proxy.sessions().catch(() => new Map<string, number>())) sessions.set(k, (sessions.get(k) ?? 0) + v);
    }
    let removed = false;
    for (const t of draining) {
      const tg = this.groups.get(t.targetGroupArn);
      const delayMs = Number(tg?.attributes["deregistration_delay.timeout_seconds"] ?? 300) * 1000;
      const inFlight = sessions.get(`${backendNameOf(t.targetGroupArn)}/${serverName(t.targetId, t.port)}`) ?? 0;
      if (Date.now() - t.deregisteredAt!.getTime() >= delayMs || (inFlight === 0 && !oldWorkers)) {
        await removeTarget(this.db, t.targetGroupArn, t.targetId, t.port);
        removed = true;
      }
    }
    if (removed) this.changed();
  }

  /** DescribeTargetHealth's descriptions for a target group's targets (or the ones asked about). */
  targetHealth(tg: TargetGroupRecord, targets: TargetRecord[], inUse: boolean, asked?: ReadonlyArray<{ targetId: string; port: number }>): TargetHealthDescription[] {
    const port = (p: number) => (tg.healthCheck.port === "traffic-port" ? String(p) : tg.healthCheck.port);
    const list = asked ?? targets.map((t) => ({ targetId: t.targetId, port: t.port }));
    return list.map((a) => {
      const t = targets.find((x) => x.targetId === a.targetId && x.port === a.port);
      const Target = { Id: a.targetId, Port: a.port, ...(t?.availabilityZone ? { AvailabilityZone: t.availabilityZone } : {}) };
      if (!t) return { Target, HealthCheckPort: port(a.port), TargetHealth: { State: "unused", Reason: "Target.NotRegistered", Description: "Target is not registered to the target group" } };
      if (t.deregisteredAt) return { Target, HealthCheckPort: port(t.port), TargetHealth: { State: "draining", Reason: "Target.DeregistrationInProgress", Description: "Target deregistration is in progress" } };
      if (!inUse) return { Target, HealthCheckPort: port(t.port), TargetHealth: { State: "unused", Reason: "Target.NotInUse", Description: "Target group is not configured to receive traffic from the load balancer" } };
      if (!tg.healthCheck.enabled) return { Target, HealthCheckPort: port(t.port), TargetHealth: { State: "unavailable", Reason: "Target.HealthCheckDisabled", Description: "Health checks are disabled" } };
      const c = this.checked.get(keyOf(tg.arn, t.targetId, t.port));
      if (c && !c.address) return { Target, HealthCheckPort: port(t.port), TargetHealth: { State: "unused", Reason: "Target.InvalidState", Description: "Target is in the stopped or terminated state" } };
      return { Target, HealthCheckPort: port(t.port), TargetHealth: healthView(c?.health ?? newHealthState()) };
    });
  }

  /** The health state of a registered target (undefined before the data plane has seen it). */
  healthOf(targetGroupArn: string, targetId: string, port: number): HealthState["state"] | undefined {
    return this.checked.get(keyOf(targetGroupArn, targetId, port))?.health.state;
  }

  healthStateOf(targetGroupArn: string, targetId: string, port: number): HealthState | undefined {
    return this.checked.get(keyOf(targetGroupArn, targetId, port))?.health;
  }

  /** Whether a registered target is in service: healthy, or in a group whose health checks are off. */
  inService(targetGroupArn: string, targetId: string, port: number): boolean {
    const c = this.checked.get(keyOf(targetGroupArn, targetId, port));
    if (!c?.address) return false;
    return this.groups.get(targetGroupArn)?.healthCheck.enabled === false || c.health.state === "healthy";
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.drainTimer) clearInterval(this.drainTimer);
    await this.syncing?.catch(() => undefined);
    for (const c of this.checked.values()) this.stopChecks(c);
    for (const proxy of this.proxies.values()) await proxy.close();
    this.proxies.clear();
    this.hosts?.removeAll();
  }
}
