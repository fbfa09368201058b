/**
 * The registry's front door. Every request passes, in order:
 *  1. the perimeter: its Host must be one of the registries' names (a DNS-rebinding page's own name
 *     never is), and it must not come from a web page (Origin, or Sec-Fetch-Site other than "none":
 *     the Docker Engine sends neither, browsers always do);
 *  2. the path: parsed and checked (routes.ts) before anything else reads it;
 *  3. auth: HTTP Basic `AWS:<password from GetAuthorizationToken>`, for the account the Host names;
 *  4. its route.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ecrRepositoryArn } from "@stevedore/shared";
import { REGISTRY_USER, type AuthTokens } from "../auth-tokens.ts";
import { registryOfHost } from "../registry-hosts.ts";
import { deleteBlob, getBlob } from "./blob-routes.ts";
import type { RegistryDeps, RegistryRequest } from "./context.ts";
import { denied, RegistryError, unauthorized, unsupported } from "./errors.ts";
import { sendError, sendJson } from "./http.ts";
import { deleteManifest, getManifest, getReferrers, putManifest } from "./manifest-routes.ts";
import { parseRoute, type Route } from "./routes.ts";
import { getTags } from "./tag-routes.ts";
import { appendChunk, cancelUpload, finishUpload, startUpload, uploadStatus } from "./upload-routes.ts";

export interface RegistryFrontDoor extends RegistryDeps {
  region: string;
  tokens: AuthTokens;
}

export function registryHandler(deps: RegistryFrontDoor) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    res.setHeader("Docker-Distribution-API-Version", "registry/2.0");
    handle(deps, req, res).catch((err: unknown) => {
      if (err instanceof RegistryError) return sendError(req, res, err);
      if (isClientGone(err)) return res.destroy();
      console.error("registry:", err);
      sendError(req, res, new RegistryError(500, "UNKNOWN", "An internal error occurred. Try again."));
    });
  };
}

async function handle(deps: RegistryFrontDoor, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const fetchSite = req.headers["sec-fetch-site"];
  if (req.headers.origin !== undefined || (fetchSite !== undefined && fetchSite !== "none")) {
    throw denied("The registry does not answer requests made by web pages");
  }
  const registry = registryOfHost(req.headers.host, deps.region);
  if (!registry || registry.kind !== "private") throw new RegistryError(404, "NOT_FOUND", "This address serves registries under their own names only");
  // The raw path, not a URL's: a URL would resolve `..` before the route could refuse it.
  const [rawPath = "/", rawQuery = ""] = (req.url ?? "/").split("?", 2);
  const route = parseRoute(rawPath);
  authorize(deps, req, registry.accountId, route);
  const r: RegistryRequest = { req, res, deps, accountId: registry.accountId, registry: "private", query: new URLSearchParams(rawQuery) };
  return dispatch(r, route);
}

function dispatch(r: RegistryRequest, route: Route): Promise<void> | void {
  const method = r.req.method ?? "GET";
  const is = (...methods: string[]) => methods.includes(method);
  switch (route.kind) {
    case "ping":
      if (is("GET", "HEAD")) return sendJson(r.req, r.res, 200, {});
      break;
    case "tags":
      if (is("GET", "HEAD")) return getTags(r, route.name);
      break;
    case "manifest":
      if (is("GET", "HEAD")) return getManifest(r, route.name, route.reference);
      if (is("PUT")) return putManifest(r, route.name, route.reference);
      if (is("DELETE")) return deleteManifest(r, route.name, route.reference);
      break;
    case "blob":
      if (is("GET", "HEAD")) return getBlob(r, route.name, route.digest);
      if (is("DELETE")) return deleteBlob(r, route.name, route.digest);
      break;
    case "uploads":
      if (is("POST")) return startUpload(r, route.name);
      break;
    case "upload":
      if (is("GET")) return uploadStatus(r, route.name, route.id);
      if (is("PATCH")) return appendChunk(r, route.name, route.id);
      if (is("PUT")) return finishUpload(r, route.name, route.id);
      if (is("DELETE")) return cancelUpload(r, route.name, route.id);
      break;
    case "referrers":
      if (is("GET")) return getReferrers(r, route.name, route.digest);
      break;
  }
  throw unsupported(`The operation is unsupported: ${method}`);
}

/** The IAM action ECR names when it denies a request on this route. */
function iamAction(method: string, route: Route): string {
  switch (route.kind) {
    case "manifest":
      return method === "PUT" ? "ecr:PutImage" : method === "DELETE" ? "ecr:BatchDeleteImage" : "ecr:BatchGetImage";
    case "blob":
      return method === "HEAD" ? "ecr:BatchCheckLayerAvailability" : method === "DELETE" ? "ecr:BatchDeleteImage" : "ecr:GetDownloadUrlForLayer";
    case "uploads":
      return "ecr:InitiateLayerUpload";
    case "upload":
      return method === "PUT" ? "ecr:CompleteLayerUpload" : "ecr:UploadLayerPart";
    case "tags":
      return "ecr:ListImages";
    case "referrers":
      return "ecr:ListImageReferrers";
    case "ping":
      return "ecr:GetAuthorizationToken";
  }
}

/** Basic `AWS:<password>`, where the password opens the registry's account. */
function authorize(deps: RegistryFrontDoor, req: IncomingMessage, accountId: string, route: Route): void {
  const challenge = `Basic realm="http://${req.headers.host}/",service="ecr.amazonaws.com"`;
  const header = req.headers.authorization ?? "";
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
  if (!m) throw unauthorized("Not Authorized", challenge);
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  const check = colon > 0 && user === REGISTRY_USER ? deps.tokens.check(password) : { ok: false as const, reason: "invalid" as const };
  if (!check.ok) {
    if (check.reason === "expired") throw denied("Your authorization token has expired. Reauthenticate and try again.");
    throw unauthorized("Not Authorized", challenge);
  }
  if (check.claims.accountId !== accountId) {
    const action = iamAction(req.method ?? "GET", route);
    const resource = "name" in route ? ecrRepositoryArn({ region: deps.region, accountId }, route.name) : `arn:aws:ecr:${deps.region}:${accountId}:registry`;
    throw denied(`User: arn:aws:iam::${check.claims.accountId}:root is not authorized to perform: ${action} on resource: ${resource} because no resource-based policy allows the ${action} action`);
  }
}

function isClientGone(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === "ERR_STREAM_PREMATURE_CLOSE" || code === "ECONNRESET" || code === "EPIPE";
}
