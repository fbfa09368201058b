/** CreateCapacityProvider, DescribeCapacityProviders, PutClusterCapacityProviders: how a cluster knows its Auto Scaling group. */
import type { EcsAction } from "../service.ts";
import { AwsError, clientException, invalidParameter } from "../../aws/errors.ts";
import { fromJson, toJson } from "../../db/json.ts";
import type { CapacityProvider as CapacityProviderRow } from "../../db/client.ts";
import { ecsArn } from "@stevedore/shared";
import { describeClusters, ensureCapacityProvidersExist } from "./clusters.ts";
import { requireCluster, stringList } from "../lookup.ts";
import { validateTags } from "../tags.ts";

const NAME = /^[a-zA-Z0-9_-]{1,255}$/;
const BUILT_IN = ["FARGATE", "FARGATE_SPOT"];

function view(row: CapacityProviderRow, updateStatus = "CREATE_COMPLETE") {
  return {
    capacityProviderArn: row.arn,
    name: row.name,
    status: row.status,
    autoScalingGroupProvider: {
      autoScalingGroupArn: row.autoScalingGroupArn,
      managedScaling: fromJson(row.managedScaling, { status: "DISABLED" }),
      managedTerminationProtection: row.managedTermination,
    },
    updateStatus,
    tags: fromJson(row.tags, []),
  };
}

export const createCapacityProvider: EcsAction<"CreateCapacityProvider"> = async (input, ctx) => {
  const name = String(input.name ?? "");
  if (!NAME.test(name) || /^(aws|ecs|fargate)/i.test(name)) {
    throw clientException("The capacity provider name is invalid. Up to 255 letters, numbers, underscores and hyphens are allowed, and it cannot start with 'aws', 'ecs' or 'fargate'.");
  }
  const asgArn = input.autoScalingGroupProvider?.autoScalingGroupArn;
  if (typeof asgArn !== "string") throw clientException("autoScalingGroupProvider.autoScalingGroupArn is required.");
  const asg = await ctx.db.autoScalingGroup.findFirst({ where: { OR: [{ arn: asgArn }, { name: asgArn }] } });
  if (!asg) throw clientException(`The specified Auto Scaling group ARN '${asgArn}' is not valid.`);
  if (await ctx.db.capacityProvider.findFirst({ where: { name } })) {
    throw clientException(`The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.`);
  }
  const row = await ctx.db.capacityProvider.create({
    data: {
      name,
      arn: ecsArn(ctx.scope, `capacity-provider/${name}`),
      autoScalingGroupArn: asg.arn,
      managedScaling: toJson({ status: "DISABLED", targetCapacity: 100, minimumScalingStepSize: 1, maximumScalingStepSize: 10000, instanceWarmupPeriod: 300, ...(input.autoScalingGroupProvider?.managedScaling ?? {}) }),
      managedTermination: String(input.autoScalingGroupProvider?.managedTerminationProtection ?? "DISABLED"),
      tags: toJson(validateTags(input.tags)),
    },
  });
  return { capacityProvider: view(row) };
};

export const describeCapacityProviders: EcsAction<"DescribeCapacityProviders"> = async (input, ctx) => {
  const names = stringList(input.capacityProviders, "capacityProviders").map((n) => n.slice(n.lastIndexOf("/") + 1));
  const rows = await ctx.db.capacityProvider.findMany({ where: names.length ? { name: { in: names } } : {}, orderBy: { createdAt: "asc" } });
  const builtIn = BUILT_IN.filter((n) => !names.length || names.includes(n)).map((name) => ({
    capacityProviderArn: ecsArn(ctx.scope, `capacity-provider/${name}`),
    name,
    status: "ACTIVE",
    tags: [],
  }));
  const failures = names.filter((n) => !BUILT_IN.includes(n) && !rows.some((r) => r.name === n)).map((n) => ({ arn: ecsArn(ctx.scope, `capacity-provider/${n}`), reason: "MISSING" }));
  return { capacityProviders: [...builtIn, ...rows.map((r) => view(r))], failures };
};

export const putClusterCapacityProviders: EcsAction<"PutClusterCapacityProviders"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  if (!Array.isArray(input.capacityProviders)) throw invalidParameter("capacityProviders is required.");
  const names = stringList(input.capacityProviders, "capacityProviders");
  await ensureCapacityProvidersExist(ctx, names);
  const strategy = Array.isArray(input.defaultCapacityProviderStrategy) ? input.defaultCapacityProviderStrategy : [];
  for (const s of strategy) {
    if (!names.includes(s?.capacityProvider)) {
      throw new AwsError("InvalidParameterException", `The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster.`);
    }
  }
  await ctx.db.cluster.update({ where: { accountId_name: { accountId: ctx.scope.accountId, name: cluster.name } }, data: { capacityProviders: toJson(names), defaultStrategy: toJson(strategy) } });
  const { clusters } = (await describeClusters({ clusters: [cluster.name] }, ctx)) as { clusters: unknown[] };
  return { cluster: clusters[0] };
};

export const deleteCapacityProvider: EcsAction<"DeleteCapacityProvider"> = async (input, ctx) => {
  const name = String(input.capacityProvider ?? "").replace(/^.*capacity-provider\//, "");
  if (BUILT_IN.includes(name)) throw clientException("The FARGATE and FARGATE_SPOT capacity providers cannot be deleted.");
  const row = await ctx.db.capacityProvider.findFirst({ where: { name } });
  if (!row) throw clientException("The specified capacity provider does not exist. Specify a valid name or ARN and try again.");
  const clusters = await ctx.db.cluster.findMany({ where: { status: "ACTIVE" }, select: { capacityProviders: true } });
  if (clusters.some((c) => fromJson<string[]>(c.capacityProviders, []).includes(name))) {
    throw clientException("The specified capacity provider is in use and cannot be removed.");
  }
  await ctx.db.capacityProvider.delete({ where: { accountId_name: { accountId: ctx.scope.accountId, name: name } } });
  return { capacityProvider: { ...view(row), status: "INACTIVE", updateStatus: "DELETE_COMPLETE" } };
};

/** ECS's bounds of managed scaling's numbers. */
function checkManagedScaling(s: Record<string, unknown>) {
  const within = (key: string, min: number, max: number) => {
    const v = s[key];
    if (v !== undefined && (!Number.isInteger(v) || (v as number) < min || (v as number) > max)) {
      throw invalidParameter(`managedScaling.${key} must be an integer between ${min} and ${max}.`);
    }
  };
  if (s.status !== undefined && !["ENABLED", "DISABLED"].includes(String(s.status))) throw invalidParameter("managedScaling.status must be ENABLED or DISABLED.");
  within("targetCapacity", 1, 100);
  within("minimumScalingStepSize", 1, 10000);
  within("maximumScalingStepSize", 1, 10000);
  within("instanceWarmupPeriod", 0, 10000);
  if (Number(s.minimumScalingStepSize ?? 1) > Number(s.maximumScalingStepSize ?? 10000)) {
    throw invalidParameter("managedScaling.minimumScalingStepSize cannot be greater than maximumScalingStepSize.");
  }
}

export const updateCapacityProvider: EcsAction<"UpdateCapacityProvider"> = async (input, ctx) => {
  const name = String(input.name ?? "").replace(/^.*capacity-provider\//, "");
  if (BUILT_IN.includes(name)) throw clientException("The FARGATE and FARGATE_SPOT capacity providers cannot be updated.");
  const row = await ctx.db.capacityProvider.findFirst({ where: { name, status: "ACTIVE" } });
  if (!row) throw clientException("The specified capacity provider does not exist. Specify a valid name or ARN and try again.");
  const update = input.autoScalingGroupProvider ?? {};
  const managedScaling = { ...fromJson<Record<string, unknown>>(row.managedScaling, {}), ...(update.managedScaling ?? {}) };
  checkManagedScaling(managedScaling);
  const termination = update.managedTerminationProtection === undefined ? row.managedTermination : String(update.managedTerminationProtection);
  if (!["ENABLED", "DISABLED"].includes(termination)) throw invalidParameter("managedTerminationProtection must be ENABLED or DISABLED.");
  if (termination === "ENABLED" && managedScaling.status !== "ENABLED") {
    throw clientException("Managed termination protection can only be enabled when managed scaling is enabled.");
  }
  const updated = await ctx.db.capacityProvider.update({
    where: { accountId_name: { accountId: ctx.scope.accountId, name } },
    data: { managedScaling: toJson(managedScaling), managedTermination: termination },
  });
  return { capacityProvider: view(updated, "UPDATE_COMPLETE") as never };
};
