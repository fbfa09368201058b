/** CreateCluster, DescribeClusters, ListClusters, DeleteCluster. */
import { clusterArn, clusterName, type Tag } from "@stevedore/shared";
import type { ActionContext } from "../../aws/context.ts";
import type { EcsAction } from "../service.ts";
import { AwsError, invalidParameter } from "../../aws/errors.ts";
import { paginate } from "../../aws/pagination.ts";
import { toJson } from "../../db/json.ts";
import { clusterCounts } from "../cluster-counts.ts";
import { requireCluster, stringList } from "../lookup.ts";
import { clusterView } from "../views/cluster.ts";
import { validateTags } from "../tags.ts";

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
  const settings = Array.isArray(input.settings) ? input.settings : [{ name: "containerInsights", value: "disabled" }];
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
  const names = (refs.length ? refs : ["default"]).map(clusterName);
  const rows = await ctx.db.cluster.findMany({ where: { name: { in: names }, status: { not: "INACTIVE" } } });
  const inactive = await ctx.db.cluster.findMany({ where: { name: { in: names }, status: "INACTIVE" } });
  const counts = await clusterCounts(ctx, names);
  const clusters = names.flatMap((n) => {
    const row = rows.find((r) => r.name === n) ?? inactive.find((r) => r.name === n);
    return row ? [clusterView(row, counts.get(n)!, include)] : [];
  });
  const failures = names
    .filter((n) => !clusters.some((c) => c.clusterName === n))
    .map((n) => ({ arn: clusterArn(ctx.scope, n), reason: "MISSING" }));
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
  // A deleted service (DRAINING) no longer holds the cluster; its tasks do, until they stop.
  const services = await ctx.db.service.count({ where: { cluster: cluster.name, status: "ACTIVE" } });
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
