/**
 * The console's sign-in (a console-only route: AWS's sign-in is not an API): GET says whether
 * signatures are required and who is signed in, POST signs in with an access key pair and sets an
 * HttpOnly SameSite=Strict cookie holding a random session token (the secret key never reaches the
 * page's storage or a URL), DELETE signs out. API requests then authenticate by the cookie.
 */
import type { Request, Response } from "express";
import type { Config } from "../config.ts";
import { AuthFailure, SESSION_TTL_MS, type Caller, type Identities } from "./identities.ts";

export const SESSION_PATH = "/stevedore/v1/session";
const COOKIE = "stevedore_session";

export function sessionCookie(req: Request): string | undefined {
  for (const part of String(req.headers.cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === COOKIE) return value.join("=");
  }
  return undefined;
}

export function describeSession(config: Config, identities: Identities, caller: Caller | undefined) {
  return {
    mode: identities.signaturesRequired() ? "signed" : "open",
    signedIn: !!caller,
    region: config.region,
    ...(caller ? { accountId: caller.accountId, principalArn: caller.arn } : {}),
  };
}

/** The session's cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it). */
export function setSessionCookie(res: Response, token: string): void {
  res.setHeader("Set-Cookie", `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}`);
}

const error = (res: Response, status: number, code: string, message: string) => res.status(status).json({ __type: code, message });

export async function handleSession(req: Request, res: Response, config: Config, identities: Identities): Promise<void> {
  res.setHeader("Cache-Control", "no-store");
  const open = !identities.signaturesRequired();
  if (req.method === "GET") {
    res.json(describeSession(config, identities, open ? identities.defaultCaller() : await identities.fromSession(sessionCookie(req))));
    return;
  }
  if (req.method === "DELETE") {
    await identities.signOut(sessionCookie(req));
    res.setHeader("Set-Cookie", `${COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    res.json(describeSession(config, identities, open ? identities.defaultCaller() : undefined));
    return;
  }
  if (req.method !== "POST") return void error(res, 405, "MethodNotAllowed", "Use GET, POST or DELETE.");
  if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) {
    return void error(res, 415, "UnsupportedMediaType", "Sign in with a JSON body: {\"accessKeyId\", \"secretAccessKey\"}.");
  }
  let body: { accessKeyId?: unknown; secretAccessKey?: unknown } = {};
  try {
    body = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "{}") ?? {};
  } catch {
    return void error(res, 400, "SerializationException", "The request body is not valid JSON.");
  }
  const { accessKeyId, secretAccessKey } = body;
  if (typeof accessKeyId !== "string" || typeof secretAccessKey !== "string" || !accessKeyId || !secretAccessKey) {
    return void error(res, 400, "ValidationError", "Enter an access key ID and a secret access key.");
  }
  if (open) return void res.json(describeSession(config, identities, identities.defaultCaller()));
  try {
    const { token, caller } = await identities.signIn(accessKeyId, secretAccessKey);
    setSessionCookie(res, token);
    res.json(describeSession(config, identities, caller));
  } catch (err) {
    if (!(err instanceof AuthFailure)) throw err;
    error(res, 403, err.kind === "unknown-key" ? "UnrecognizedClientException" : "InvalidSignatureException", "The access key ID or the secret access key is not correct.");
  }
}
