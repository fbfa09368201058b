/** CreateCluster, DescribeClusters, ListClusters, DeleteCluster, UpdateCluster, UpdateClusterSettings. */
import { clusterArn, clusterName, type Tag } from "@stevedore/shared";
import type { ActionContext } from "../../aws/context.ts";
import type { EcsAction } from "../service.ts";
import { AwsError, invalidParameter } from "../../aws/errors.ts";
import { paginate } from "../../aws/pagination.ts";
import { toJson } from "../../db/json.ts";
import { clusterCounts } from "../cluster-counts.ts";
import { ownRef, requireCluster, stringList } from "../lookup.ts";
import { clusterView } from "../views/cluster.ts";
import { validateTags } from "../tags.ts";
import { settingFor } from "./account-settings.ts";

const CLUSTER_NAME = /^[a-zA-Z0-9_-]{1,255}$/;

async function describeOne(ctx: ActionContext, name: string, include: string[] = []) {
  const row = await ctx.db.cluster.findFirstOrThrow({ where: { name } });
  const counts = await clusterCounts(ctx, [name]);
  return clusterView(row, counts.get(name)!, include);
}

export const createCluster: EcsAction<"CreateCluster"> = async (input, ctx) => {
  const name = input.clusterName === undefined ? "default" : String(input.clusterName);
  if (!CLUSTER_NAME.test(name)) {
    throw invalidParameter("Invalid cluster name. Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.");
  }
  const tags: Tag[] = validateTags(input.tags);
  // Without settings, the cluster takes the account's Container Insights setting, as ECS does.
  const settings = Array.isArray(input.settings) ? clusterSettings(input.settings) : [{ name: "containerInsights", value: await settingFor(ctx, "containerInsights") }];
  const configuration = input.configuration === undefined ? {} : clusterConfiguration(input.configuration);
  const capacityProviders = stringList(input.capacityProviders, "capacityProviders");
  await ensureCapacityProvidersExist(ctx, capacityProviders);
  const existing = await ctx.db.cluster.findFirst({ where: { name } });
  // CreateCluster is idempotent for an ACTIVE cluster, and brings an INACTIVE one back.
  if (!existing || existing.status === "INACTIVE") {
    const data = {
      arn: clusterArn(ctx.scope, name),
      status: "ACTIVE",
      tags: toJson(tags),
      settings: toJson(settings),
      configuration: toJson(configuration),
      serviceConnectDefaults: toJson(input.serviceConnectDefaults?.namespace ? { namespace: namespaceArn(ctx, input.serviceConnectDefaults.namespace) } : {}),
      capacityProviders: toJson(capacityProviders),
      defaultStrategy: toJson(input.defaultCapacityProviderStrategy ?? []),
    };
    await ctx.db.cluster.upsert({ where: { accountId_name: { accountId: ctx.scope.accountId, name: name } }, create: { name, ...data }, update: { ...data, createdAt: new Date() } });
  }
  return { cluster: await describeOne(ctx, name, ["TAGS"]) };
};

export const describeClusters: EcsAction<"DescribeClusters"> = async (input, ctx) => {
  const refs = stringList(input.clusters, "clusters");
  const include = stringList(input.include, "include");
  const given = refs.length ? refs : ["default"];
  const names = given.map((ref) => clusterName(ownRef(ctx, ref)));
  const rows = await ctx.db.cluster.findMany({ where: { name: { in: names }, status: { not: "INACTIVE" } } });
  const inactive = await ctx.db.cluster.findMany({ where: { name: { in: names }, status: "INACTIVE" } });
  const counts = await clusterCounts(ctx, names);
  const clusters = names.flatMap((n) => {
    const row = rows.find((r) => r.name === n) ?? inactive.find((r) => r.name === n);
    return row ? [clusterView(row, counts.get(n)!, include)] : [];
  });
  const failures = names
    .map((n, i) => ({ n, ref: given[i]! }))
    .filter(({ n }) => !clusters.some((c) => c.clusterName === n))
    .map(({ n, ref }) => ({ arn: ref.startsWith("arn:") ? ref : clusterArn(ctx.scope, n), reason: "MISSING" }));
  return { clusters, failures };
};

export const listClusters: EcsAction<"ListClusters"> = async (input, ctx) => {
  const rows = await ctx.db.cluster.findMany({ where: { status: "ACTIVE" }, orderBy: { createdAt: "asc" } });
  const { page, nextToken } = paginate(rows.map((r) => r.arn), input.maxResults, input.nextToken);
  return { clusterArns: page, ...(nextToken ? { nextToken } : {}) };
};

export const deleteCluster: EcsAction<"DeleteCluster"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const instances = await ctx.db.containerInstance.count({ where: { cluster: cluster.name, status: { in: ["ACTIVE", "DRAINING"] } } });
  if (instances > 0) {
    throw new AwsError("ClusterContainsContainerInstancesException", "The Cluster cannot be deleted while Container Instances are active or draining.");
  }
  const services = await ctx.db.service.count({ where: { cluster: cluster.name, status: { in: ["ACTIVE", "DRAINING"] } } });
  if (services > 0) throw new AwsError("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.");
  const tasks = await ctx.db.task.count({ where: { cluster: cluster.name, lastStatus: { not: "STOPPED" } } });
  if (tasks > 0) throw new AwsError("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.");
  await ctx.db.cluster.update({ where: { accountId_name: { accountId: ctx.scope.accountId, name: cluster.name } }, data: { status: "INACTIVE" } });
  await ctx.fargate.stop(ctx, cluster.name);
  return { cluster: await describeOne(ctx, cluster.name) };
};

export async function ensureCapacityProvidersExist(ctx: ActionContext, names: string[]) {
  for (const name of names) {
    if (name === "FARGATE" || name === "FARGATE_SPOT") continue;
    const cp = await ctx.db.capacityProvider.findFirst({ where: { name } });
    if (!cp || cp.status !== "ACTIVE") throw invalidParameter(`The specified capacity provider '${name}' does not exist.`);
  }
}

const INSIGHTS = ["enhanced", "enabled", "disabled"];

/** ClusterSetting[] as ECS accepts it: containerInsights only, enhanced, enabled or disabled. */
function clusterSettings(raw: unknown): { name: string; value: string }[] {
  if (!Array.isArray(raw)) throw invalidParameter("settings must be a list.");
  return raw.map((s: { name?: unknown; value?: unknown }) => {
    if (s?.name !== "containerInsights") throw invalidParameter(`Invalid cluster setting name: ${String(s?.name)}. The only valid name is containerInsights.`);
    if (!INSIGHTS.includes(String(s.value))) throw invalidParameter(`Invalid value for containerInsights: ${String(s.value)}. Valid values: ${INSIGHTS.join(", ")}.`);
    return { name: "containerInsights", value: String(s.value) };
  });
}

/** ClusterConfiguration: ECS Exec's logging choice is checked; the rest is kept as given. */
function clusterConfiguration(raw: unknown): Record<string, unknown> {
  const config = (raw ?? {}) as { executeCommandConfiguration?: { logging?: unknown; logConfiguration?: unknown } };
  const logging = config.executeCommandConfiguration?.logging;
  if (logging !== undefined && !["NONE", "DEFAULT", "OVERRIDE"].includes(String(logging))) {
    throw invalidParameter(`Invalid value for executeCommandConfiguration.logging: ${String(logging)}. Valid values: NONE, DEFAULT, OVERRIDE.`);
  }
  if (logging === "OVERRIDE" && !config.executeCommandConfiguration?.logConfiguration) {
    throw invalidParameter("When logging is OVERRIDE, a logConfiguration must be specified.");
  }
  return config as Record<string, unknown>;
}

/** A Cloud Map namespace as ECS answers it: the ARN, made from a name when a name was given. */
const namespaceArn = (ctx: ActionContext, namespace: string) =>
  namespace.startsWith("arn:") ? namespace : `arn:aws:servicediscovery:${ctx.scope.region}:${ctx.scope.accountId}:namespace/${namespace}`;

export const updateCluster: EcsAction<"UpdateCluster"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const data: Record<string, string> = {};
  if (input.settings !== undefined) data.settings = toJson(mergeSettings(cluster.settings, clusterSettings(input.settings)));
  if (input.configuration !== undefined) data.configuration = toJson(clusterConfiguration(input.configuration));
  if (input.serviceConnectDefaults !== undefined) {
    const namespace = input.serviceConnectDefaults?.namespace;
    data.serviceConnectDefaults = toJson(namespace ? { namespace: namespaceArn(ctx, String(namespace)) } : {});
  }
  await ctx.db.cluster.update({ where: { accountId_name: { accountId: ctx.scope.accountId, name: cluster.name } }, data });
  return { cluster: await describeOne(ctx, cluster.name, ["SETTINGS", "CONFIGURATIONS", "TAGS"]) };
};

export const updateClusterSettings: EcsAction<"UpdateClusterSettings"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  if (!Array.isArray(input.settings) || input.settings.length === 0) throw invalidParameter("settings must contain at least one setting.");
  const settings = mergeSettings(cluster.settings, clusterSettings(input.settings));
  await ctx.db.cluster.update({ where: { accountId_name: { accountId: ctx.scope.accountId, name: cluster.name } }, data: { settings: toJson(settings) } });
  return { cluster: await describeOne(ctx, cluster.name, ["SETTINGS"]) };
};

/** The cluster's settings with the new values replacing those of the same name. */
function mergeSettings(storedJson: string, changes: { name: string; value: string }[]) {
  const current = JSON.parse(storedJson || "[]") as { name: string; value: string }[];
  return [...current.filter((s) => !changes.some((c) => c.name === s.name)), ...changes];
}
