/**
 * ECR repositories of an account (its private registry, or its ECR Public registry): typed records
 * with their JSON columns decoded, and the changes that span a repository's images in one transaction.
 *
 * Every function takes its account explicitly (the registry and the server's own rounds work across
 * accounts, and raw SQL is beyond the scoped client's reach): pass the unscoped client.
 */
import { idUuid } from "../reproducible.ts";
import type { TagMutability, TagMutabilityExclusionFilter } from "@stevedore/shared";
import type { Db, EcrRepository } from "../db/client.ts";
import { fromJson, toJson } from "../db/json.ts";

export type RegistryKind = "private" | "public";

export interface EncryptionConfiguration {
  encryptionType: "AES256" | "KMS" | "KMS_DSSE";
  kmsKey?: string;
}

export interface ResourceTag {
  Key: string;
  Value: string;
}

export interface EcrRepositoryRecord {
  id: string;
  accountId: string;
  registry: RegistryKind;
  name: string;
  region: string;
  createdAt: Date;
  imageTagMutability: TagMutability;
  tagMutabilityExclusions: TagMutabilityExclusionFilter[];
  scanOnPush: boolean;
  encryption: EncryptionConfiguration;
  policyText: string | null;
  lifecyclePolicyText: string | null;
  lifecyclePolicyUpdatedAt: Date | null;
  lifecycleEvaluatedAt: Date | null;
  catalogData: Record<string, unknown>;
  tags: ResourceTag[];
  version: number;
}

const record = (row: EcrRepository): EcrRepositoryRecord => ({
  ...row,
  registry: row.registry as RegistryKind,
  imageTagMutability: row.imageTagMutability as TagMutability,
  tagMutabilityExclusions: fromJson(row.tagMutabilityExclusions, []),
  encryption: fromJson(row.encryption, { encryptionType: "AES256" }),
  catalogData: fromJson(row.catalogData, {}),
  tags: fromJson(row.tags, []),
});

/** Every registry request looks its repository up: raw SQL, a fifth of a model query's time (measured). */
export async function findRepository(db: Db, accountId: string, registry: RegistryKind, name: string): Promise<EcrRepositoryRecord | undefined> {
  const [row] = await db.$queryRaw<EcrRepository[]>`
    SELECT * FROM "EcrRepository" WHERE "accountId" = ${accountId} AND "registry" = ${registry} AND "name" = ${name}`;
  return row ? record(row) : undefined;
}

export async function listRepositories(db: Db, accountId: string, registry: RegistryKind, names?: readonly string[]): Promise<EcrRepositoryRecord[]> {
  const rows = await db.ecrRepository.findMany({
    where: { accountId, registry, ...(names ? { name: { in: [...names] } } : {}) },
    orderBy: { name: "asc" },
  });
  return rows.map(record);
}

export interface NewRepository {
  accountId: string;
  registry: RegistryKind;
  name: string;
  region: string;
  imageTagMutability?: TagMutability;
  tagMutabilityExclusions?: TagMutabilityExclusionFilter[];
  scanOnPush?: boolean;
  encryption?: EncryptionConfiguration;
  catalogData?: Record<string, unknown>;
  tags?: ResourceTag[];
}

/** The new repository, or undefined when the account's registry already has one of that name. */
export async function createRepository(db: Db, repo: NewRepository): Promise<EcrRepositoryRecord | undefined> {
  try {
    const row = await db.ecrRepository.create({
      data: {
        id: idUuid("ecr-repository"),
        accountId: repo.accountId,
        registry: repo.registry,
        name: repo.name,
        region: repo.region,
        imageTagMutability: repo.imageTagMutability ?? "MUTABLE",
        tagMutabilityExclusions: toJson(repo.tagMutabilityExclusions ?? []),
        scanOnPush: repo.scanOnPush ?? false,
        encryption: toJson(repo.encryption ?? { encryptionType: "AES256" }),
        catalogData: toJson(repo.catalogData ?? {}),
        tags: toJson(repo.tags ?? []),
      },
    });
    return record(row);
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") return undefined;
    throw err;
  }
}

/** The accounts that have repositories in a registry kind (their registry names go in /etc/hosts). */
export async function accountsWithRepositories(db: Db, registry: RegistryKind): Promise<string[]> {
  const rows = await db.ecrRepository.findMany({ where: { registry }, select: { accountId: true }, distinct: ["accountId"] });
  return rows.map((r) => r.accountId);
}

export interface RepositoryChanges {
  imageTagMutability?: TagMutability;
  tagMutabilityExclusions?: TagMutabilityExclusionFilter[];
  scanOnPush?: boolean;
  policyText?: string | null;
  lifecyclePolicyText?: string | null;
  lifecyclePolicyUpdatedAt?: Date | null;
  lifecycleEvaluatedAt?: Date | null;
  catalogData?: Record<string, unknown>;
  tags?: ResourceTag[];
}

/**
 * Read-modify-write of a repository: `change` sees the current record and returns what to change
 * (nothing: no write). A compare-and-set on `version` retries it when another write came between.
 * The updated record, or undefined when the repository does not exist.
 */
export async function modifyRepository(
  db: Db,
  accountId: string,
  registry: RegistryKind,
  name: string,
  change: (repo: EcrRepositoryRecord) => RepositoryChanges | undefined,
): Promise<EcrRepositoryRecord | undefined> {
  for (;;) {
    const repo = await findRepository(db, accountId, registry, name);
    if (!repo) return undefined;
    const changes = change(repo);
    if (!changes) return repo;
    const { tagMutabilityExclusions, catalogData, tags, ...plain } = changes;
    const { count } = await db.ecrRepository.updateMany({
      where: { id: repo.id, version: repo.version },
      data: {
        ...plain,
        ...(tagMutabilityExclusions ? { tagMutabilityExclusions: toJson(tagMutabilityExclusions) } : {}),
        ...(catalogData ? { catalogData: toJson(catalogData) } : {}),
        ...(tags ? { tags: toJson(tags) } : {}),
        version: repo.version + 1,
      },
    });
    if (count) return { ...repo, ...changes, version: repo.version + 1 };
  }
}

/**
 * Deletes a repository with its images, tags and links in one transaction: "not-empty" when it has
 * images and `force` is not given. Its blob files go with the next collection.
 */
export async function deleteRepository(db: Db, repo: EcrRepositoryRecord, force: boolean): Promise<"deleted" | "not-empty"> {
  const key = { accountId: repo.accountId, repositoryId: repo.id };
  return db.$transaction(async (tx) => {
    if (!force && (await tx.ecrImage.count({ where: key }))) return "not-empty";
    await tx.ecrImageTag.deleteMany({ where: key });
    await tx.ecrImageReference.deleteMany({ where: key });
    await tx.ecrImage.deleteMany({ where: key });
    await tx.ecrRepositoryBlob.deleteMany({ where: key });
    await tx.ecrLifecyclePreview.deleteMany({ where: key });
    await tx.ecrLifecycleEvent.deleteMany({ where: key });
    await tx.ecrRepository.delete({ where: { id: repo.id } });
    return "deleted";
  });
}

/** Every repository with a lifecycle policy, of every account (the lifecycle loop's work). */
export async function repositoriesWithLifecyclePolicies(db: Db): Promise<EcrRepositoryRecord[]> {
  return (await db.ecrRepository.findMany({ where: { lifecyclePolicyText: { not: null } } })).map(record);
}
