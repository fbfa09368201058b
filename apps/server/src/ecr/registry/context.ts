/** What every registry handler receives: the request, the registry it addresses and the repository it names. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "../../db/client.ts";
import { findRepository, type EcrRepositoryRecord, type RegistryKind } from "../../store/ecr-repositories.ts";
import type { BlobStore } from "./blob-store.ts";
import { nameUnknown } from "./errors.ts";
import type { Uploads } from "./uploads.ts";

export interface RegistryDeps {
  db: Db;
  blobs: BlobStore;
  uploads: Uploads;
  maxManifestBytes: number;
  /** A blob read marks its link used when the last use is older than this (well within the collector's grace). */
  touchAfterMs: number;
  /** Asks the garbage collector for a sweep soon (images or links went away). */
  collectSoon(): void;
}

export interface RegistryRequest {
  req: IncomingMessage;
  res: ServerResponse;
  deps: RegistryDeps;
  /** The account that owns the registry addressed. */
  accountId: string;
  registry: RegistryKind;
  /** The URL's query. */
  query: URLSearchParams;
  /** What comes before a repository's name in this registry's paths: "" (ECR), "<alias>/" (ECR Public). */
  pathPrefix: string;
}

/** `/v2/<name>...` as this registry's URLs spell it (ECR Public's with the registry alias). */
export const v2Path = (r: RegistryRequest, name: string, rest: string) => `/v2/${r.pathPrefix}${name}/${rest}`;

export async function requireRepository(r: RegistryRequest, name: string): Promise<EcrRepositoryRecord> {
  const repo = await findRepository(r.deps.db, r.accountId, r.registry, name);
  if (!repo) throw nameUnknown(name, r.accountId);
  return repo;
}

/** The store's key of a repository. */
export const repositoryRef = (repo: EcrRepositoryRecord) => ({ accountId: repo.accountId, repositoryId: repo.id });
