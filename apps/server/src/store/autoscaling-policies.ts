/**
 * Auto Scaling's scaling policies and lifecycle hooks of a group, each one's settings kept as the
 * API gave them. Every function takes its account explicitly: pass the unscoped client.
 */
import type { Db } from "../db/client.ts";
import { fromJson, toJson } from "../db/json.ts";

export interface ScalingPolicyRecord {
  accountId: string;
  asgName: string;
  name: string;
  arn: string;
  type: string;
  settings: Record<string, unknown>;
  createdAt: Date;
}

export interface LifecycleHookRecord {
  asgName: string;
  name: string;
  settings: Record<string, unknown>;
}

/** Creates the policy or replaces its settings (PutScalingPolicy does both); its ARN stays. */
export async function putScalingPolicy(db: Db, p: Omit<ScalingPolicyRecord, "createdAt">): Promise<ScalingPolicyRecord> {
  const row = await db.scalingPolicy.upsert({
    where: { accountId_asgName_name: { accountId: p.accountId, asgName: p.asgName, name: p.name } },
    create: { ...p, settings: toJson(p.settings) },
    update: { type: p.type, settings: toJson(p.settings) },
  });
  return { ...row, settings: fromJson(row.settings, {}) };
}

export async function listScalingPolicies(db: Db, accountId: string, asgName?: string): Promise<ScalingPolicyRecord[]> {
  const rows = await db.scalingPolicy.findMany({ where: { accountId, ...(asgName ? { asgName } : {}) }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => ({ ...row, settings: fromJson(row.settings, {}) }));
}

export async function deleteScalingPolicy(db: Db, accountId: string, by: { asgName?: string; name: string }): Promise<number> {
  const arn = by.name.startsWith("arn:") ? by.name : undefined;
  const { count } = await db.scalingPolicy.deleteMany({ where: { accountId, ...(arn ? { arn } : { name: by.name, ...(by.asgName ? { asgName: by.asgName } : {}) }) } });
  return count;
}

export async function putLifecycleHook(db: Db, accountId: string, h: LifecycleHookRecord): Promise<void> {
  await db.lifecycleHook.upsert({
    where: { accountId_asgName_name: { accountId, asgName: h.asgName, name: h.name } },
    create: { accountId, asgName: h.asgName, name: h.name, settings: toJson(h.settings) },
    update: { settings: toJson(h.settings) },
  });
}

export async function listLifecycleHooks(db: Db, accountId: string, asgName: string): Promise<LifecycleHookRecord[]> {
  const rows = await db.lifecycleHook.findMany({ where: { accountId, asgName }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({ asgName: r.asgName, name: r.name, settings: fromJson(r.settings, {}) }));
}

export async function deleteLifecycleHook(db: Db, accountId: string, asgName: string, name: string): Promise<number> {
  return (await db.lifecycleHook.deleteMany({ where: { accountId, asgName, name } })).count;
}

/** A deleted group's policies and hooks go with it. */
export async function deleteGroupPolicies(db: Db, accountId: string, asgName: string): Promise<void> {
  await db.$transaction([db.scalingPolicy.deleteMany({ where: { accountId, asgName } }), db.lifecycleHook.deleteMany({ where: { accountId, asgName } })]);
}
