/**
 * The registry's front door. Every request passes, in order:
 *  1. the perimeter: its Host must be one of the registries' names (a DNS-rebinding page's own name
 *     never is), and it must not come from a web page (Origin, or Sec-Fetch-Site other than "none":
 *     the Docker Engine sends neither, browsers always do);
 *  2. the path: parsed and checked (routes.ts) before anything else reads it;
 *  3. auth (registry-auth.ts): ECR's Basic passwords for the account the Host names, ECR Public's
 *     bearer tokens (anyone pulls, the alias's account pushes);
 *  4. its route, on the repository it names in the registry's account.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthTokens } from "../auth-tokens.ts";
import { publicRegistryAlias, registryOfHost } from "../registry-hosts.ts";
import { accountsWithRepositories } from "../../store/ecr-repositories.ts";
import { deleteBlob, getBlob } from "./blob-routes.ts";
import type { RegistryDeps, RegistryRequest } from "./context.ts";
import { denied, nameInvalid, nameUnknown, RegistryError, unsupported } from "./errors.ts";
import { authorizePrivate, authorizePublic, issuePublicToken, PUBLIC_TOKEN_PATH } from "./registry-auth.ts";
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
  if (!registry) throw new RegistryError(404, "NOT_FOUND", "This address serves registries under their own names only");
  // The raw path, not a URL's: a URL would resolve `..` before the route could refuse it.
  const [rawPath = "/", rawQuery = ""] = (req.url ?? "/").split("?", 2);
  const query = new URLSearchParams(rawQuery);
  if (registry.kind === "private") {
    const route = parseRoute(rawPath);
    authorizePrivate(deps.tokens, deps.region, req, registry.accountId, route);
    return dispatch({ req, res, deps, accountId: registry.accountId, registry: "private", query, pathPrefix: "" }, route);
  }
  if (rawPath === PUBLIC_TOKEN_PATH && (req.method === "GET" || req.method === "POST")) return issuePublicToken(deps.tokens, req, res);
  const { route, alias, accountId } = await publicRoute(deps, parseRoute(rawPath));
  authorizePublic(deps.tokens, req, accountId, route, "name" in route ? route.name : undefined);
  if (route.kind !== "ping" && !accountId) throw nameUnknown("name" in route ? route.name : "", alias);
  return dispatch({ req, res, deps, accountId: accountId ?? "", registry: "public", query, pathPrefix: `${alias}/` }, route);
}

/** ECR Public's paths name `<alias>/<repository>`: the route on the repository, and the account whose alias it is. */
async function publicRoute(deps: RegistryFrontDoor, route: Route): Promise<{ route: Route; alias: string; accountId?: string }> {
  if (route.kind === "ping") return { route, alias: "" };
  const slash = route.name.indexOf("/");
  if (slash < 0) throw nameInvalid();
  const alias = route.name.slice(0, slash);
  const accountId = (await accountsWithRepositories(deps.db, "public")).find((a) => publicRegistryAlias(a) === alias);
  return { route: { ...route, name: route.name.slice(slash + 1) }, alias, ...(accountId ? { accountId } : {}) };
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

function isClientGone(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === "ERR_STREAM_PREMATURE_CLOSE" || code === "ECONNRESET" || code === "EPIPE";
}
