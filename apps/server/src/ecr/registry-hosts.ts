/**
 * The registries' host names. ECR's private registry of an account is
 * `<account>.dkr.ecr.<region>.amazonaws.com`; here it is `<account>.dkr.ecr.<region>.localhost`, and
 * ECR Public's `public.ecr.aws` is `public.ecr.localhost`. `.localhost` names are reserved for the
 * local machine (RFC 6761); the Docker Engine speaks plain HTTP to them once /etc/hosts resolves
 * them to a loopback address (etc-hosts.ts writes those lines).
 */
import { createHash } from "node:crypto";
import { REGISTRY_ID_PATTERN } from "@stevedore/shared";

export const REGISTRY_DOMAIN = "localhost";
export const PUBLIC_REGISTRY_HOST = `public.ecr.${REGISTRY_DOMAIN}`;

export const privateRegistryHost = (accountId: string, region: string) => `${accountId}.dkr.ecr.${region}.${REGISTRY_DOMAIN}`;

export type RegistryIdentity = { kind: "private"; accountId: string } | { kind: "public" };

/** Which registry a request's Host names (port aside), or undefined when it names none of this region's. */
export function registryOfHost(hostHeader: string | undefined, region: string): RegistryIdentity | undefined {
  if (!hostHeader) return undefined;
  const host = hostHeader.toLowerCase().replace(/:\d+$/, "");
  if (host === PUBLIC_REGISTRY_HOST) return { kind: "public" };
  const suffix = `.dkr.ecr.${region}.${REGISTRY_DOMAIN}`;
  if (!host.endsWith(suffix)) return undefined;
  const accountId = host.slice(0, -suffix.length);
  return REGISTRY_ID_PATTERN.test(accountId) ? { kind: "private", accountId } : undefined;
}

/** `host:port`, as repository URIs and `docker login` name the registry. */
export const registryAddress = (host: string, port: number) => `${host}:${port}`;

/**
 * An account's ECR Public registry alias. ECR Public gives each registry a default alias of eight
 * letters and digits; Stevedore derives it from the account id, so it needs no table and never moves.
 */
export function publicRegistryAlias(accountId: string): string {
  const n = BigInt(`0x${createHash("sha256").update(`ecr-public:${accountId}`).digest("hex").slice(0, 15)}`);
  return `s${n.toString(36).padStart(7, "0").slice(-7)}`;
}
