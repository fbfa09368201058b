/** RegisterContainerInstance, ListContainerInstances, DescribeContainerInstances, DeregisterContainerInstance. */
import { containerInstanceArn, resourceId, STOPPED_REASONS, type Attribute, type Resource } from "@stevedore/shared";
import type { EcsAction } from "../service.ts";
import type { ActionContext } from "../../aws/context.ts";
import type { ContainerInstance as InstanceRow } from "../../db/client.ts";
import { newToken, tokenHash } from "../../identity/agent-callers.ts";
import { AwsError, clientException, invalidParameter } from "../../aws/errors.ts";
import { paginate } from "../../aws/pagination.ts";
import { fromJson, toJson } from "../../db/json.ts";
import { loadInstances } from "../cluster-state.ts";
import { parseQuery } from "../placement-input.ts";
import { evaluate } from "@stevedore/scheduler";
import { requireCluster, stringList } from "../lookup.ts";
import { containerInstanceView } from "../views/container-instance.ts";
import { validateTags } from "../tags.ts";
import { sequentialHexId } from "../../store/sequential-ids.ts";

interface IdentityDocument {
  instanceId?: string;
  imageId?: string;
  instanceType?: string;
  availabilityZone?: string;
  privateIp?: string;
}

export const registerContainerInstance: EcsAction<"RegisterContainerInstance"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  let identity: IdentityDocument = {};
  try {
    identity = input.instanceIdentityDocument ? (JSON.parse(String(input.instanceIdentityDocument)) as IdentityDocument) : {};
  } catch {
    throw clientException("The instance identity document is not valid JSON.");
  }
  if (!identity.instanceId || !identity.privateIp || !identity.availabilityZone || !identity.instanceType) {
    throw clientException("The instance identity document must name instanceId, instanceType, availabilityZone and privateIp.");
  }
  const resources = (input.totalResources ?? []) as Resource[];
  if (!resources.some((r) => r.name === "CPU") || !resources.some((r) => r.name === "MEMORY")) {
    throw clientException("totalResources must include CPU and MEMORY.");
  }
  const bad = resources.find((r) => r.integerValue !== undefined && (r.integerValue < 0 || r.integerValue > MAX_RESOURCE));
  if (bad) throw clientException(`totalResources ${bad.name} must be between 0 and ${MAX_RESOURCE}.`);
  // An agent that restarts registers again: it gets the same container instance back.
  // Agents register often and workshops register many: the store's fast path.
  const existing = ctx.sql.get<InstanceRow>(
    "ContainerInstance",
    `SELECT * FROM "ContainerInstance" WHERE "accountId" = ? AND "cluster" = ? AND "ec2InstanceId" = ? AND "status" IN ('ACTIVE', 'DRAINING')`,
    [ctx.scope.accountId, cluster.name, identity.instanceId],
  );
  await checkRegistrant(ctx, identity.instanceId, existing ?? null);
  const agentToken = newToken();
  const agentAttributes: Attribute[] = [
    ...(identity.imageId ? [{ name: "ecs.ami-id", value: identity.imageId }] : []),
    ...((input.attributes ?? []) as Attribute[]).map(({ name, value }) => ({ name, ...(value !== undefined ? { value } : {}) })),
  ];
  // Attributes the user put (PutAttributes) outlive the agent's re-registration.
  const custom = fromJson<Attribute[]>(existing?.attributes, []).filter((a) => !agentAttributes.some((b) => b.name === a.name) && !isAgentAttribute(a.name));
  const data = {
    registeredResources: toJson(resources),
    versionInfo: toJson(input.versionInfo ?? {}),
    attributes: toJson([...agentAttributes, ...custom]),
    agentLastSeenAt: new Date(),
    agentTokenHash: tokenHash(agentToken),
  };
  const id = existing?.id ?? sequentialHexId("container-instance");
  const row: InstanceRow = existing
    ? { ...existing, ...data, version: existing.version + 1 }
    : {
        id,
        accountId: ctx.scope.accountId,
        arn: containerInstanceArn(ctx.scope, cluster.name, id),
        cluster: cluster.name,
        ec2InstanceId: identity.instanceId,
        status: "ACTIVE",
        statusReason: null,
        version: 1,
        address: identity.privateIp,
        availabilityZone: identity.availabilityZone,
        instanceType: identity.instanceType,
        registeredAt: new Date(),
        deregisteredAt: null,
        tags: toJson(validateTags(input.tags)),
        ...data,
      };
  await ctx.sql.write(() => {
    if (!existing) return ctx.sql.insert("ContainerInstance", [row]);
    ctx.sql.run(
      `UPDATE "ContainerInstance" SET "registeredResources" = ?, "versionInfo" = ?, "attributes" = ?, "agentLastSeenAt" = ?, "agentTokenHash" = ?, "version" = "version" + 1 WHERE "id" = ?`,
      [data.registeredResources, data.versionInfo, data.attributes, data.agentLastSeenAt, data.agentTokenHash, id],
    );
  });
  ctx.clusterStates.noteInstances([row]);
  const [state] = await loadInstances(ctx, cluster.name, { ids: [row.id] });
  // Beside ECS's answer, the token the agent proves itself with from now on (see agent-callers.ts).
  return { containerInstance: containerInstanceView(state!), agentToken };
};

/** The most any registered resource may count (CPU units, MiB): a 448-vCPU, 24 TiB machine. */
const MAX_RESOURCE = 25_165_824;

/**
 * Who may register an EC2 instance: a registered one only by its own agent (its agent token, or its
 * EC2 instance's launch token), so no caller takes over another's instance; a virtual EC2 instance only
 * by its own agent; an instance registered before agent tokens by anyone once (its agent gets one now).
 */
async function checkRegistrant(ctx: ActionContext, ec2InstanceId: string, existing: { id: string; agentTokenHash: string | null } | null) {
  const agent = ctx.caller.agent;
  if (agent?.ec2InstanceId !== undefined && agent.ec2InstanceId !== ec2InstanceId) {
    throw clientException(`This agent runs on EC2 instance ${agent.ec2InstanceId}; it cannot register ${ec2InstanceId}.`);
  }
  const own = agent?.ec2InstanceId === ec2InstanceId || (existing !== null && agent?.containerInstanceId === existing.id);
  if (own) return;
  if (existing?.agentTokenHash) {
    throw clientException(`EC2 instance ${ec2InstanceId} is registered to this cluster by its own agent: only that agent (its token) may register it again.`);
  }
  if (ctx.sql.get("Ec2Instance", `SELECT "id" FROM "Ec2Instance" WHERE "accountId" = ? AND "id" = ? AND "state" != 'terminated'`, [ctx.scope.accountId, ec2InstanceId])) {
    throw clientException(`EC2 instance ${ec2InstanceId} is one of this account's instances: only its own agent may register it.`);
  }
}

const isAgentAttribute = (name: string) => name.startsWith("ecs.") || name.startsWith("com.amazonaws.ecs.");

const INSTANCE_STATUSES = ["ACTIVE", "DRAINING", "REGISTERING", "DEREGISTERING", "REGISTRATION_FAILED"];

export const listContainerInstances: EcsAction<"ListContainerInstances"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const filter = input.filter === undefined ? undefined : parseQuery(String(input.filter));
  const status = input.status === undefined ? undefined : String(input.status);
  if (status && !INSTANCE_STATUSES.includes(status)) throw invalidParameter(`status must be one of ${INSTANCE_STATUSES.join(", ")}.`);
  const states = await loadInstances(ctx, cluster.name, { status: status ? [status] : ["ACTIVE", "DRAINING"] });
  const arns = states.filter((s) => !filter || evaluate(filter, s.candidate)).map((s) => s.row.arn);
  const { page, nextToken } = paginate(arns, input.maxResults, input.nextToken);
  return { containerInstanceArns: page, ...(nextToken ? { nextToken } : {}) };
};

export const describeContainerInstances: EcsAction<"DescribeContainerInstances"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const refs = stringList(input.containerInstances, "containerInstances");
  if (refs.length === 0) throw invalidParameter("ContainerInstances cannot be empty.");
  if (refs.length > 100) throw invalidParameter("ContainerInstances can have at most 100 items.");
  const ids = refs.map(resourceId);
  const states = await loadInstances(ctx, cluster.name, { ids });
  const includeTags = stringList(input.include, "include").includes("TAGS");
  return {
    containerInstances: ids.flatMap((id) => states.filter((s) => s.row.id === id).map((s) => containerInstanceView(s, includeTags))),
    failures: refs
      .filter((ref) => !states.some((s) => s.row.id === resourceId(ref)))
      .map((ref) => ({ arn: ref.startsWith("arn:") ? ref : containerInstanceArn(ctx.scope, cluster.name, ref), reason: "MISSING" })),
  };
};

export const deregisterContainerInstance: EcsAction<"DeregisterContainerInstance"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const id = resourceId(String(input.containerInstance ?? ""));
  const row = await ctx.db.containerInstance.findFirst({ where: { id, cluster: cluster.name } });
  if (!row) throw invalidParameter("The referenced container instance was not found.");
  const running = await ctx.db.task.count({ where: { containerInstanceId: id, lastStatus: { not: "STOPPED" } } });
  if (running > 0 && input.force !== true) {
    throw new AwsError("InvalidParameterException", "Found running tasks on the instance. Use force to deregister it anyway.");
  }
  // The instance's agent stops with its registration, so nothing will report these tasks again.
  const now = new Date();
  await ctx.db.task.updateMany({
    where: { containerInstanceId: id, lastStatus: { not: "STOPPED" } },
    data: { desiredStatus: "STOPPED", lastStatus: "STOPPED", stoppedReason: STOPPED_REASONS.deregistrationForced, stopCode: "UserInitiated", stoppingAt: now, stoppedAt: now, executionStoppedAt: now },
  });
  ctx.notifier.bump(id);
  await ctx.db.containerInstance.update({ where: { id }, data: { status: "INACTIVE", deregisteredAt: new Date() } });
  ctx.clusterStates.noteInstancesChanged(ctx.scope.accountId, cluster.name);
  const [state] = await loadInstances(ctx, cluster.name, { ids: [id] });
  return { containerInstance: containerInstanceView(state!) };
};

/** DRAINING takes an instance out of placement; its standalone tasks keep running (services move theirs). */
export const updateContainerInstancesState: EcsAction<"UpdateContainerInstancesState"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const status = String(input.status ?? "");
  if (!["ACTIVE", "DRAINING"].includes(status)) throw invalidParameter("Container instance status should be one of [ACTIVE, DRAINING].");
  const refs = stringList(input.containerInstances, "containerInstances");
  if (refs.length === 0 || refs.length > 10) throw invalidParameter("containerInstances must have between 1 and 10 items.");
  const ids = refs.map(resourceId);
  await ctx.db.containerInstance.updateMany({
    where: { cluster: cluster.name, id: { in: ids }, status: { in: ["ACTIVE", "DRAINING"] } },
    data: { status, version: { increment: 1 } },
  });
  ctx.clusterStates.noteInstances(await ctx.db.containerInstance.findMany({ where: { cluster: cluster.name, id: { in: ids } } }));
  const states = await loadInstances(ctx, cluster.name, { ids });
  return {
    containerInstances: states.filter((s) => s.row.status !== "INACTIVE").map((s) => containerInstanceView(s)),
    failures: refs
      .filter((ref) => !states.some((s) => s.row.id === resourceId(ref) && s.row.status !== "INACTIVE"))
      .map((ref) => ({ arn: ref.startsWith("arn:") ? ref : containerInstanceArn(ctx.scope, cluster.name, ref), reason: "MISSING" })),
  };
};
