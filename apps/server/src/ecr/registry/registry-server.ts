/**
 * The ECR registries' listener: its own port on the server's address, answering only under the
 * registries' names (see handler.ts for its perimeter). It has its own HTTP limits: a layer upload
 * may take as long as it needs (no whole-request timeout), headers may not.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { EtcHosts } from "../../host-names/etc-hosts.ts";
import { isBlobRecorded } from "../../store/ecr-blobs.ts";
import { accountsWithRepositories } from "../../store/ecr-repositories.ts";
import { AuthTokens } from "../auth-tokens.ts";
import { PUBLIC_REGISTRY_HOST, privateRegistryHost, registryAddress } from "../registry-hosts.ts";
import { BlobStore } from "./blob-store.ts";
import { GarbageCollector } from "./garbage-collector.ts";
import { registryHandler } from "./handler.ts";
import { Uploads } from "./uploads.ts";

export interface EcrRegistry {
  readonly port: number;
  readonly tokens: AuthTokens;
  readonly gc: GarbageCollector;
  /** `<account>.dkr.ecr.<region>.localhost:<port>`, as `docker login` and repository URIs name it. */
  privateAddress(accountId: string): string;
  /** `public.ecr.localhost:<port>`, ECR Public's registry (repositories at `<address>/<alias>/<name>`). */
  readonly publicAddress: string;
  /** Makes the account's registry name resolve (the hosts file) while the server runs. */
  publish(accountId: string): void;
  /** The same for ECR Public's name. */
  publishPublic(): void;
  close(): Promise<void>;
}

const GC_INTERVAL_MS = 60_000;

export async function startRegistry(config: Config, db: Db): Promise<EcrRegistry> {
  const blobs = new BlobStore(config.dataDir);
  await blobs.recover((accountId, digest) => isBlobRecorded(db, accountId, digest));
  const uploads = new Uploads(blobs, config.registryMaxLayerBytes);
  const gc = new GarbageCollector(db, blobs, uploads, config.registryBlobGraceMs, GC_INTERVAL_MS);
  const tokens = AuthTokens.load(config.dataDir);
  const handler = registryHandler({
    db, blobs, uploads, tokens, region: config.region, maxManifestBytes: config.registryMaxManifestBytes,
    touchAfterMs: Math.min(60_000, config.registryBlobGraceMs / 4),
    collectSoon: () => gc.collectSoon(),
  });
  const server = http.createServer({ requestTimeout: 0, headersTimeout: 60_000, keepAliveTimeout: 30_000 }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.registryPort, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const loopback = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const hosts = config.etcHostsFile ? new EtcHosts(config.etcHostsFile) : undefined;
  const registry: EcrRegistry = {
    port,
    tokens,
    gc,
    privateAddress: (accountId) => registryAddress(privateRegistryHost(accountId, config.region), port),
    publicAddress: registryAddress(PUBLIC_REGISTRY_HOST, port),
    publish: (accountId) => hosts?.add(privateRegistryHost(accountId, config.region), loopback),
    publishPublic: () => hosts?.add(PUBLIC_REGISTRY_HOST, loopback),
    async close() {
      await gc.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await uploads.discardAll();
      hosts?.removeAll();
    },
  };
  for (const accountId of await accountsWithRepositories(db, "private")) registry.publish(accountId);
  if ((await accountsWithRepositories(db, "public")).length) registry.publishPublic();
  gc.start();
  return registry;
}
