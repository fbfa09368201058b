/**
 * POST /agent/v1/poll: an agent's long poll for the desired state of its instance. Each answer is the
 * whole state (see agent-protocol.ts); holding the poll also counts as the agent's heartbeat.
 */
import { AGENT_POLL_WAIT_MS, fargateHostArn, type AgentPollRequest, type AgentPollResponse, type AgentTask, type Container, type RegistryCredential, type TaskOverride } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import type { AgentPrincipal } from "../identity/agent-callers.ts";
import type { AgentRouteHandler } from "./agent-route.ts";
import { fromJson } from "../db/json.ts";
import { taskDefinitionsByArn } from "../ecs/task-definition-cache.ts";
import type { Task as TaskRow } from "../db/client.ts";
import { fargateHostKey } from "./host-key.ts";
import { registryCredentialsFor } from "../ecr/registry-credentials.ts";

export const handleAgentPoll: AgentRouteHandler<AgentPollRequest> = async (body, agent, res, ctx) => {
  const host = await pollingHost(ctx, agent, body.containerInstanceArn);
  if (host === "another") {
    res.status(403).json({ __type: "AccessDeniedException", message: "An agent polls for its own container instance only." });
    return;
  }
  if (!host) {
    res.json({ version: "", registered: false, tasks: [] } satisfies AgentPollResponse);
    return;
  }
  await host.touch();
  const closed = new AbortController();
  res.on("close", () => closed.abort());
  const wait = Math.min(Math.max(Number(body.waitMs ?? AGENT_POLL_WAIT_MS), 0), AGENT_POLL_WAIT_MS);
  await ctx.notifier.waitForChange(host.key, body.seenVersion, wait, closed.signal);
  if (closed.signal.aborted) return;
  const version = ctx.notifier.version(host.key);
  await host.touch();
  const since = new Date(Date.now() - ctx.config.stoppedTaskRetentionMs);
  const rows = host.tasks(since);
  const defs = await taskDefinitionsByArn(ctx, rows.map((r) => r.taskDefinitionArn));
  const tasks = rows.flatMap((row) => {
    const def = defs.get(row.taskDefinitionArn);
    if (!def) return [];
    const credentials = registryCredentialsFor(def.containerDefinitions.map((c) => c.image), row.accountId, ctx.ecr);
    return [agentTask(row, def, host.address, credentials)];
  });
  res.json({ version, registered: true, tasks } satisfies AgentPollResponse);
};

interface PollingHost {
  /** The notifier's key for it (see host-key.ts). */
  key: string;
  /** Its tasks not stopped before `since`, oldest first: every poll reads them, on the store's fast path. */
  tasks(since: Date): TaskRow[];
  address: string;
  /** Holding a poll is the agent's heartbeat. */
  touch(): Promise<unknown>;
}

/**
 * The agent's host, which the ARN it polls with must name: a registered container instance, or a
 * cluster's Fargate host while the cluster is active; undefined when gone, "another" when not its own.
 */
async function pollingHost(ctx: ActionContext, agent: AgentPrincipal, arn: string): Promise<PollingHost | "another" | undefined> {
  if (agent.fargateCluster !== undefined) {
    const cluster = agent.fargateCluster;
    if (arn !== fargateHostArn(ctx.scope, cluster)) return "another";
    const row = await ctx.db.cluster.findFirst({ where: { name: cluster } });
    if (!row || row.status === "INACTIVE") return undefined;
    const tasks = (since: Date) =>
      ctx.sql.all<TaskRow>(
        "Task",
        `SELECT * FROM "Task" WHERE "accountId" = ? AND "cluster" = ? AND "containerInstanceId" IS NULL AND "launchType" = 'FARGATE' AND ("lastStatus" != 'STOPPED' OR "stoppedAt" >= ?) ORDER BY "createdAt"`,
        [ctx.scope.accountId, cluster, since],
      );
    return { key: fargateHostKey({ accountId: ctx.scope.accountId, cluster }), tasks, address: "", touch: async () => undefined };
  }
  const instance = await ctx.db.containerInstance.findUnique({ where: { arn } });
  if (instance && instance.id !== agent.containerInstanceId) return "another";
  if (!instance || instance.status === "INACTIVE") return undefined;
  return {
    key: instance.id,
    tasks: (since) =>
      ctx.sql.all<TaskRow>(
        "Task",
        `SELECT * FROM "Task" WHERE "accountId" = ? AND "containerInstanceId" = ? AND ("lastStatus" != 'STOPPED' OR "stoppedAt" >= ?) ORDER BY "createdAt"`,
        [ctx.scope.accountId, instance.id, since],
      ),
    address: instance.address,
    touch: async () => {
      const at = new Date();
      await ctx.sql.write(() => ctx.sql.run(`UPDATE "ContainerInstance" SET "agentLastSeenAt" = ? WHERE "id" = ?`, [at, instance.id]));
      ctx.clusterStates.noteAgentSeen(instance.accountId, instance.cluster, instance.id, at);
    },
  };
}

function agentTask(row: TaskRow, taskDefinition: AgentTask["taskDefinition"], instanceAddress: string, registryCredentials: RegistryCredential[]): AgentTask {
  const containers = fromJson<Container[]>(row.containers, []);
  return {
    taskArn: row.arn,
    desiredStatus: row.desiredStatus as AgentTask["desiredStatus"],
    lastStatus: row.lastStatus as AgentTask["lastStatus"],
    containers: containers.map((c) => ({
      name: c.name,
      lastStatus: c.lastStatus,
      ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
      ...(c.runtimeId ? { runtimeId: c.runtimeId } : {}),
      healthStatus: c.healthStatus,
    })),
    taskDefinition,
    containerOverrides: fromJson<TaskOverride>(row.overrides, {}).containerOverrides ?? [],
    bindIP: row.bindIP ?? instanceAddress,
    ...(row.cpu ? { cpu: row.cpu } : {}),
    ...(row.memory ? { memory: row.memory } : {}),
    ...(row.group ? { group: row.group } : {}),
    ...(row.startedBy ? { startedBy: row.startedBy } : {}),
    createdAt: row.createdAt.getTime() / 1000,
    ...(row.launchType === "FARGATE" ? { launchType: "FARGATE" as const, ...(row.availabilityZone ? { availabilityZone: row.availabilityZone } : {}) } : {}),
    ...(registryCredentials.length ? { registryCredentials } : {}),
  };
}
