/**
 * Who may do what on the registries, as ECR and ECR Public decide it.
 *
 * ECR: HTTP Basic `AWS:<password>` with a password GetAuthorizationToken gave the account the Host
 * names (another account's is denied in IAM's words; an expired one with ECR's "Your authorization
 * token has expired").
 *
 * ECR Public: bearer tokens, as public.ecr.aws hands them out: GET /token gives one for ECR Public's
 * `AWS:<password>` (the account's own), or an anonymous one without credentials. Anyone may pull;
 * only the registry's own account may push or delete.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ecrPublicRepositoryArn, ecrRepositoryArn } from "@stevedore/shared";
import { REGISTRY_USER, TOKEN_LIFETIME_MS, type AuthTokens, type TokenAudience, type TokenCheck } from "../auth-tokens.ts";
import { denied, unauthorized } from "./errors.ts";
import { sendJson } from "./http.ts";
import type { Route } from "./routes.ts";

export const PUBLIC_TOKEN_PATH = "/token";

/** The password of a `Basic AWS:<password>` header for `audience`, checked. */
function basicPassword(tokens: AuthTokens, header: string | undefined, audience: TokenAudience): TokenCheck | undefined {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? "");
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 1 || decoded.slice(0, colon) !== REGISTRY_USER) return { ok: false, reason: "invalid" };
  return tokens.check(decoded.slice(colon + 1), audience);
}

/** ECR: the caller must hold a live password of the registry's account. */
export function authorizePrivate(tokens: AuthTokens, region: string, req: IncomingMessage, accountId: string, route: Route): void {
  const challenge = `Basic realm="http://${req.headers.host}/",service="ecr.amazonaws.com"`;
  const check = basicPassword(tokens, req.headers.authorization, "ecr");
  if (!check?.ok) {
    if (check?.reason === "expired") throw denied("Your authorization token has expired. Reauthenticate and try again.");
    throw unauthorized("Not Authorized", challenge);
  }
  if (check.claims.accountId !== accountId) {
    const resource = "name" in route ? ecrRepositoryArn({ region, accountId }, route.name) : `arn:aws:ecr:${region}:${accountId}:registry`;
    throw notAuthorized(check.claims.accountId, `ecr:${iamAction(req.method ?? "GET", route)}`, resource);
  }
}

/** ECR Public: reads for anyone with a token (anonymous ones too), writes for the registry's own account. */
export function authorizePublic(tokens: AuthTokens, req: IncomingMessage, owner: string | undefined, route: Route, name?: string): void {
  const challenge = `Bearer realm="http://${req.headers.host}${PUBLIC_TOKEN_PATH}",service="public.ecr.aws",scope="aws"`;
  const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
  const check = bearer ? tokens.check(bearer, "ecr-public") : undefined;
  if (!check?.ok) throw unauthorized("authentication required", challenge);
  const method = req.method ?? "GET";
  const reads = method === "GET" || method === "HEAD";
  if (reads || route.kind === "ping") return;
  if (!check.claims.accountId) throw unauthorized("authentication required", challenge);
  if (check.claims.accountId !== owner) {
    throw notAuthorized(check.claims.accountId, `ecr-public:${iamAction(method, route)}`, ecrPublicRepositoryArn(owner ?? "", name ?? ""));
  }
}

/**
 * GET /token on ECR Public's host: a bearer token for the account whose `AWS:<password>` came with the
 * request, or an anonymous one (pulls only) without credentials, in the token service's shape.
 */
export function issuePublicToken(tokens: AuthTokens, req: IncomingMessage, res: ServerResponse): void {
  const check = basicPassword(tokens, req.headers.authorization, "ecr-public");
  if (check && !check.ok) throw unauthorized(check.reason === "expired" ? "Your authorization token has expired. Reauthenticate and try again." : "Not Authorized", 'Basic realm="public.ecr.aws"');
  const token = tokens.issue(check?.ok ? check.claims.accountId : "", "ecr-public").password;
  sendJson(req, res, 200, { token, access_token: token, expires_in: TOKEN_LIFETIME_MS / 1000, issued_at: new Date().toISOString() });
}

const notAuthorized = (caller: string, action: string, resource: string) =>
  denied(`User: arn:aws:iam::${caller}:root is not authorized to perform: ${action} on resource: ${resource} because no resource-based policy allows the ${action} action`);

/** The IAM action (without its service prefix) ECR names when it denies a request on this route. */
function iamAction(method: string, route: Route): string {
  switch (route.kind) {
    case "manifest":
      return method === "PUT" ? "PutImage" : method === "DELETE" ? "BatchDeleteImage" : "BatchGetImage";
    case "blob":
      return method === "HEAD" ? "BatchCheckLayerAvailability" : method === "DELETE" ? "BatchDeleteImage" : "GetDownloadUrlForLayer";
    case "uploads":
      return "InitiateLayerUpload";
    case "upload":
      return method === "PUT" ? "CompleteLayerUpload" : "UploadLayerPart";
    case "tags":
      return "ListImages";
    case "referrers":
      return "ListImageReferrers";
    case "ping":
      return "GetAuthorizationToken";
  }
}
