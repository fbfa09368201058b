/** Lifecycle policy previews (one per repository, the last started) and the history of what policies did. *
 * Every function takes its account explicitly (the registry and the server's own rounds work across
 * accounts, and raw SQL is beyond the scoped client's reach): pass the unscoped client.
 */
import type { Db } from "../db/client.ts";
import { fromJson, toJson } from "../db/json.ts";
import type { RepositoryRef } from "./ecr-images.ts";

export interface PreviewResult {
  imageDigest: string;
  imageTags: string[];
  imagePushedAt: Date;
  appliedRulePriority: number;
  action: "expire" | "transition";
  /** The image's storage class when evaluated. */
  storageClass: "standard" | "archive";
}

export interface PreviewRecord {
  status: string;
  policyText: string;
  results: PreviewResult[];
  createdAt: Date;
}

export async function savePreview(db: Db, repo: RepositoryRef, preview: Omit<PreviewRecord, "createdAt">, now = new Date()): Promise<void> {
  const data = { status: preview.status, policyText: preview.policyText, results: toJson(preview.results), createdAt: now };
  await db.ecrLifecyclePreview.upsert({ where: { accountId_repositoryId: repo }, create: { ...repo, ...data }, update: data });
}

export async function findPreview(db: Db, repo: RepositoryRef): Promise<PreviewRecord | undefined> {
  const row = await db.ecrLifecyclePreview.findUnique({ where: { accountId_repositoryId: repo } });
  if (!row) return undefined;
  const results = fromJson<(Omit<PreviewResult, "imagePushedAt"> & { imagePushedAt: string })[]>(row.results, []);
  return { status: row.status, policyText: row.policyText, createdAt: row.createdAt, results: results.map((r) => ({ ...r, imagePushedAt: new Date(r.imagePushedAt) })) };
}

export interface LifecycleEventRecord {
  imageDigest: string;
  imageTags: string[];
  imagePushedAt: Date;
  rulePriority: number;
  action: string;
  occurredAt: Date;
}

/** What the repository's lifecycle policies did, newest first. */
export async function listLifecycleEvents(db: Db, repo: RepositoryRef, limit = 100): Promise<LifecycleEventRecord[]> {
  const rows = await db.ecrLifecycleEvent.findMany({ where: repo, orderBy: { occurredAt: "desc" }, take: limit });
  return rows.map((r) => ({ imageDigest: r.imageDigest, imageTags: fromJson(r.imageTags, []), imagePushedAt: r.imagePushedAt, rulePriority: r.rulePriority, action: r.action, occurredAt: r.occurredAt }));
}
