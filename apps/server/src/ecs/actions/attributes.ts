/** PutAttributes, ListAttributes, DeleteAttributes: custom attributes on container instances. */
import { resourceId, type Attribute } from "@stevedore/shared";
import type { ActionContext } from "../../aws/context.ts";
import type { EcsAction } from "../service.ts";
import { AwsError, invalidParameter } from "../../aws/errors.ts";
import { paginate } from "../../aws/pagination.ts";
import { fromJson, toJson } from "../../db/json.ts";
import { instanceAttributes } from "../cluster-state.ts";
import { requireCluster } from "../lookup.ts";

const NAME = /^[a-zA-Z0-9_/\\.-]{1,128}$/;
const VALUE = /^[a-zA-Z0-9_.@/\\: -]{1,128}$/;
const MAX_CUSTOM_ATTRIBUTES = 10;

function readAttributes(value: unknown, withValues: boolean): Attribute[] {
  if (!Array.isArray(value) || value.length === 0) throw invalidParameter("attributes can not be empty.");
  if (value.length > 10) throw invalidParameter("attributes can have at most 10 items.");
  return value.map((a) => {
    const name = String(a?.name ?? "");
    if (!NAME.test(name)) {
      throw invalidParameter(`Attribute name '${name}' is invalid. It must contain between 1 and 128 characters: letters, numbers, hyphens, underscores, forward slashes, back slashes, or periods.`);
    }
    const v = a?.value;
    if (withValues && v !== undefined && (typeof v !== "string" || !VALUE.test(v) || v.trim() !== v)) {
      throw invalidParameter(`Attribute value '${String(v)}' is invalid. It must contain between 1 and 128 characters: letters, numbers, hyphens, underscores, periods, at signs, forward slashes, back slashes, colons, or spaces, without leading or trailing whitespace.`);
    }
    if (a?.targetType !== undefined && a.targetType !== "container-instance") throw invalidParameter("targetType must be container-instance.");
    if (typeof a?.targetId !== "string" || !a.targetId) throw invalidParameter("targetId is required.");
    return { name, ...(withValues && v !== undefined ? { value: v } : {}), targetType: "container-instance", targetId: a.targetId };
  });
}

async function requireTarget(ctx: ActionContext, cluster: string, targetId: string) {
  const row = await ctx.db.containerInstance.findFirst({ where: { id: resourceId(targetId), cluster, status: { not: "INACTIVE" } } });
  if (!row) throw new AwsError("TargetNotFoundException", `Could not find ${targetId}.`);
  return row;
}

export const putAttributes: EcsAction<"PutAttributes"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const attributes = readAttributes(input.attributes, true);
  for (const targetId of new Set(attributes.map((a) => a.targetId!))) {
    const row = await requireTarget(ctx, cluster.name, targetId);
    const stored = fromJson<Attribute[]>(row.attributes, []);
    for (const a of attributes.filter((x) => x.targetId === targetId)) {
      const i = stored.findIndex((s) => s.name === a.name);
      const entry = { name: a.name, ...(a.value !== undefined ? { value: a.value } : {}) };
      if (i >= 0) stored[i] = entry;
      else stored.push(entry);
    }
    if (stored.filter((s) => !s.name.startsWith("ecs.") && !s.name.startsWith("com.amazonaws.ecs.")).length > MAX_CUSTOM_ATTRIBUTES) {
      throw new AwsError("AttributeLimitExceededException", `You can apply up to ${MAX_CUSTOM_ATTRIBUTES} custom attributes to a resource.`);
    }
    ctx.clusterStates.noteInstances([await ctx.db.containerInstance.update({ where: { id: row.id }, data: { attributes: toJson(stored) } })]);
  }
  return { attributes: attributes.map((a) => ({ ...a, targetId: a.targetId })) };
};

export const deleteAttributes: EcsAction<"DeleteAttributes"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const attributes = readAttributes(input.attributes, false);
  for (const targetId of new Set(attributes.map((a) => a.targetId!))) {
    const row = await requireTarget(ctx, cluster.name, targetId);
    const names = new Set(attributes.filter((a) => a.targetId === targetId).map((a) => a.name));
    const stored = fromJson<Attribute[]>(row.attributes, []).filter((s) => !names.has(s.name));
    ctx.clusterStates.noteInstances([await ctx.db.containerInstance.update({ where: { id: row.id }, data: { attributes: toJson(stored) } })]);
  }
  return { attributes };
};

export const listAttributes: EcsAction<"ListAttributes"> = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  if (input.targetType !== "container-instance") throw invalidParameter("targetType must be container-instance.");
  if (input.attributeValue !== undefined && input.attributeName === undefined) {
    throw invalidParameter("attributeValue can only be specified with attributeName.");
  }
  const rows = await ctx.db.containerInstance.findMany({ where: { cluster: cluster.name, status: { not: "INACTIVE" } }, orderBy: { registeredAt: "asc" } });
  const all = rows.flatMap((row) =>
    instanceAttributes(row)
      .filter((a) => input.attributeName === undefined || a.name === input.attributeName)
      .filter((a) => input.attributeValue === undefined || a.value === input.attributeValue)
      .map((a) => ({ ...a, targetType: "container-instance" as const, targetId: row.arn })),
  );
  const { page, nextToken } = paginate(all, input.maxResults, input.nextToken);
  return { attributes: page, ...(nextToken ? { nextToken } : {}) };
};
