/**
 * The operator's routes (not AWS APIs): accounts for a workshop, each with its own keys and quotas,
 * their reset and deletion, per-student sign-in links, and every account's resources at a glance (the
 * instructor's view). Only the operator reaches them: the operator token of the data folder
 * (`Authorization: Bearer`, what `npm run stevedore -- account ...` sends) or an operator key's
 * signature or console session. README "Running a workshop" documents them.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import type { Caller, Identities } from "../identity/identities.ts";
import type { ActionContext } from "../aws/context.ts";
import type { Quotas, WorkshopAccountsStore } from "../store/workshop-accounts.ts";
import type { AccountResets } from "./reset-account.ts";
import { isOperatorBearer } from "./operator-token.ts";
import { describeSession, setSessionCookie } from "../identity/session-route.ts";

export const OPERATOR_PATH = "/stevedore/v1/operator";
/** Where the console's sign-in page exchanges a sign-in link's token for a session and the student's keys. */
export const LINK_SIGN_IN_PATH = "/stevedore/v1/session/link";
/** The console's page a sign-in link opens; the token travels in the fragment (never sent to a server, never in a Referer). */
export const SIGN_IN_PAGE = "/signin";

/** A workshop account's quotas unless the operator gives others: a class's laptops-worth of lab each. */
export const DEFAULT_QUOTAS: Quotas = { instances: 4, runningTasks: 20, memoryMiB: 8192 };
const DEFAULT_LINK_MINUTES = 8 * 60;
const MAX_LINK_MINUTES = 7 * 24 * 60;
const NAME = /^[\w .@+=,-]{1,64}$/;

export interface OperatorDeps {
  ctx: ActionContext;
  identities: Identities;
  store: WorkshopAccountsStore;
  resets: AccountResets;
  operatorToken: string;
  authenticate(req: Request): Promise<Caller>;
}

class OperatorError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** AKIA and 16 characters, as IAM's access key ids look; the secret as IAM's: 40 characters. */
function newKeyPair() {
  const id = [...randomBytes(16)].map((b) => BASE32[b % 32]).join("");
  return { accessKeyId: `AKIA${id}`, secretAccessKey: randomBytes(30).toString("base64") };
}

function readJson(req: Request): Record<string, unknown> {
  const text = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
  if (!text.trim()) return {};
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new OperatorError(400, "SerializationException", "The request body is not a JSON object.");
}

function quotaValue(value: unknown, field: string, fallback: number | null): number | null {
  if (value === undefined) return fallback;
  if (value === null || value === "unlimited") return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) throw new OperatorError(400, "ValidationError", `quotas.${field} must be a whole number of 0 or more, or "unlimited".`);
  return value;
}

export function operatorRouter(deps: OperatorDeps): Router {
  const { ctx, identities, store, resets } = deps;
  const router = express.Router();
  const rawBody = express.raw({ type: () => true, limit: "64kb" });

  const route =
    (handler: (req: Request, res: Response) => Promise<unknown>) =>
    async (req: Request, res: Response): Promise<void> => {
      res.setHeader("Cache-Control", "no-store");
      try {
        if (!isOperatorBearer(req.headers.authorization, deps.operatorToken)) {
          const caller = await deps.authenticate(req).catch(() => undefined);
          if (!caller?.operator) throw new OperatorError(403, "AccessDeniedException", "Only the operator manages accounts: use `npm run stevedore -- account ...` on the server's machine, or an operator key.");
        }
        res.json(await handler(req, res));
      } catch (err) {
        if (!(err instanceof OperatorError)) throw err;
        res.status(err.status).json({ __type: err.code, message: err.message });
      }
    };

  const requireAccount = async (id: string) => {
    const account = await store.find(id);
    if (!account) throw new OperatorError(404, "NoSuchEntity", `The account ${id} does not exist.`);
    return account;
  };
  const requireWorkshopAccount = async (id: string) => {
    if (id === ctx.config.accountId) throw new OperatorError(400, "ValidationError", `The default account (${id}) is the server's own: it is neither reset nor deleted here.`);
    return requireAccount(id);
  };

  router.get(
    "/accounts",
    route(async () => {
      const usage = new Map(store.overview().map((u) => [u.accountId, u]));
      const accounts = await store.list();
      return {
        accounts: accounts.map((a) => ({
          accountId: a.id,
          name: a.name,
          createdAt: a.createdAt,
          default: a.id === ctx.config.accountId,
          quotas: { instances: a.quotaInstances, runningTasks: a.quotaRunningTasks, memoryMiB: a.quotaMemoryMiB },
          accessKeys: a.keys.map((k) => ({ accessKeyId: k.accessKeyId, userName: k.userName })),
          usage: usage.get(a.id),
          resetting: resets.isResetting(a.id),
        })),
      };
    }),
  );

  router.post(
    "/accounts",
    rawBody,
    route(async (req) => {
      const body = readJson(req);
      const name = body.name;
      if (typeof name !== "string" || !NAME.test(name)) throw new OperatorError(400, "ValidationError", "name must be 1 to 64 letters, digits, spaces or _ .@+=,- characters.");
      const given = (body.quotas ?? {}) as Record<string, unknown>;
      const quotas: Quotas = {
        instances: quotaValue(given.instances, "instances", DEFAULT_QUOTAS.instances),
        runningTasks: quotaValue(given.runningTasks, "runningTasks", DEFAULT_QUOTAS.runningTasks),
        memoryMiB: quotaValue(given.memoryMiB, "memoryMiB", DEFAULT_QUOTAS.memoryMiB),
      };
      let id: string;
      do id = String(randomInt(100_000, 1_000_000)) + String(randomInt(0, 1_000_000)).padStart(6, "0");
      while (await store.find(id));
      const key = newKeyPair();
      await store.create({ id, name, quotas, key: { ...key, userName: "student" } });
      // The second account turns signatures on (README "Security model").
      await identities.refresh();
      return { accountId: id, name, ...key, quotas };
    }),
  );

  router.post(
    "/accounts/:accountId/reset",
    route(async (req) => {
      const id = String(req.params.accountId);
      await requireWorkshopAccount(id);
      if (resets.isResetting(id)) throw new OperatorError(409, "ConcurrentModification", `The account ${id} is being reset already.`);
      const { containersRemoved } = await resets.reset(ctx, id);
      return { accountId: id, reset: true, containersRemoved };
    }),
  );

  router.delete(
    "/accounts/:accountId",
    route(async (req) => {
      const id = String(req.params.accountId);
      await requireWorkshopAccount(id);
      if (resets.isResetting(id)) throw new OperatorError(409, "ConcurrentModification", `The account ${id} is being reset.`);
      const { containersRemoved } = await resets.reset(ctx, id);
      await store.remove(id);
      await identities.refresh();
      return { accountId: id, deleted: true, containersRemoved };
    }),
  );

  router.post(
    "/accounts/:accountId/sign-in-links",
    rawBody,
    route(async (req) => {
      const id = String(req.params.accountId);
      const account = await requireAccount(id);
      const body = readJson(req);
      const minutes = body.expiresInMinutes ?? DEFAULT_LINK_MINUTES;
      if (typeof minutes !== "number" || !Number.isInteger(minutes) || minutes < 1 || minutes > MAX_LINK_MINUTES) {
        throw new OperatorError(400, "ValidationError", `expiresInMinutes must be a whole number from 1 to ${MAX_LINK_MINUTES}.`);
      }
      const key = (await store.list()).find((a) => a.id === id)?.keys.find((k) => body.accessKeyId === undefined || k.accessKeyId === body.accessKeyId);
      if (!key) throw new OperatorError(404, "NoSuchEntity", `The account ${id} has no such access key.`);
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(Date.now() + minutes * 60_000);
      await store.createSignInLink({ tokenHash: sha256(token), accessKeyId: key.accessKeyId, accountId: id, expiresAt });
      return { accountId: id, name: account.name, accessKeyId: key.accessKeyId, token, url: `${publicBase(req, ctx.config.allowedHosts)}${SIGN_IN_PAGE}#link=${token}`, expiresAt };
    }),
  );

  return router;
}

/** The server's address as students reach it: the first allowed host name when one is set, else the request's. */
function publicBase(req: Request, allowedHosts: readonly string[]): string {
  const host = String(req.headers.host ?? "");
  const named = allowedHosts.find((h) => !h.startsWith("*."));
  const port = /:(\d+)$/.exec(host)?.[1];
  return `http://${named ? `${named}${port ? `:${port}` : ""}` : host}`;
}

/**
 * POST {"link": "<token>"}: a sign-in link's exchange. Answers the session (and sets its cookie, as a
 * sign-in with keys does) with the student's access key pair for the AWS CLI; 403 once expired.
 */
export function linkSignInRoute(deps: Pick<OperatorDeps, "ctx" | "identities" | "store">) {
  const rawBody = express.raw({ type: () => true, limit: "4kb" });
  const handler = async (req: Request, res: Response) => {
    res.setHeader("Cache-Control", "no-store");
    const refuse = (status: number, code: string, message: string) => void res.status(status).json({ __type: code, message });
    if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) return refuse(415, "UnsupportedMediaType", 'Send a JSON body: {"link": "<token>"}.');
    let token: unknown;
    try {
      token = (JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "{}") as { link?: unknown }).link;
    } catch {
      return refuse(400, "SerializationException", "The request body is not valid JSON.");
    }
    if (typeof token !== "string" || !/^[\w-]{20,100}$/.test(token)) return refuse(400, "ValidationError", "The sign-in link is not valid.");
    const link = await deps.store.findSignInLink(sha256(token));
    const pair = link && deps.identities.keyPair(link.accessKeyId);
    if (!link || !pair) return refuse(403, "ExpiredTokenException", "This sign-in link has expired or is not valid. Ask your instructor for a new one.");
    const { token: session, caller } = await deps.identities.signInWithLink(link.accessKeyId);
    setSessionCookie(res, session);
    res.json({ ...describeSession(deps.ctx.config, deps.identities, caller), credentials: pair, linkExpiresAt: link.expiresAt });
  };
  return [rawBody, handler] as const;
}
