/**
 * Who is calling: the one key store (accounts and their principals' access keys, from the database and
 * the operator's keys file) and the rules that decide a request's caller. Signatures are verified when
 * the server listens beyond loopback, when a second account exists, or when the operator says so;
 * otherwise every request acts as the default account, as Stevedore always has on a laptop.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Config } from "../config.ts";
import type { AccessKeyRecord, AccountsStore } from "../store/accounts.ts";
import { readKeysFile } from "./keys-file.ts";
import type { AgentPrincipal } from "./agent-callers.ts";
import { parseAuthorization, verifySignature, type RequestToVerify } from "./sigv4.ts";

export interface Caller {
  accountId: string;
  /** The principal: `arn:aws:iam::<account>:root` or `...:user/<name>`. */
  arn: string;
  /** As GetCallerIdentity's UserId gives it. */
  userId: string;
  accessKeyId?: string;
  operator: boolean;
  /** Set when the caller is a container agent (see agent-callers.ts). */
  agent?: AgentPrincipal;
}

export type AuthFailureKind = "missing" | "incomplete" | "unknown-key" | "mismatch" | "expired";

export class AuthFailure extends Error {
  constructor(
    readonly kind: AuthFailureKind,
    message?: string,
  ) {
    super(message ?? kind);
  }
}

/** How long a console sign-in lasts (AWS's console: 12 hours). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;
export const isLoopbackHost = (host: string) => LOOPBACK.test(host);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(sha256(a));
  const y = Buffer.from(sha256(b));
  return timingSafeEqual(x, y);
}

export class Identities {
  private keys = new Map<string, AccessKeyRecord>();
  private accounts = new Set<string>();

  constructor(
    private readonly store: AccountsStore,
    private readonly config: Config,
  ) {}

  /** Makes sure the default account exists, applies the keys file, and loads every key into memory. */
  async load(): Promise<void> {
    await this.store.ensureAccount(this.config.accountId, "default");
    const file = readKeysFile(this.config.keysFile);
    await this.store.replaceFileKeys(file.accounts, file.keys);
    await this.refresh();
  }

  /** Reads the store again (after accounts or keys change). */
  async refresh(): Promise<void> {
    this.keys = new Map((await this.store.listKeys()).map((k) => [k.accessKeyId, k]));
    this.accounts = new Set((await this.store.listAccounts()).map((a) => a.id));
  }

  signaturesRequired(): boolean {
    return this.config.requireSignatures || !isLoopbackHost(this.config.host) || this.accounts.size > 1;
  }

  defaultCaller(): Caller {
    return rootOf(this.config.accountId);
  }

  /** The caller of an API request signed with SigV4, or as the default account when signatures are not required. */
  async authenticate(req: RequestToVerify): Promise<Caller> {
    const header = req.headers.authorization;
    const authorization = typeof header === "string" ? header : undefined;
    if (!this.signaturesRequired()) {
      const key = this.keys.get(parseAuthorization(authorization)?.accessKeyId ?? "");
      return key ? callerOf(key) : this.defaultCaller();
    }
    if (!authorization) throw new AuthFailure("missing");
    const parsed = parseAuthorization(authorization);
    if (!parsed) throw new AuthFailure("incomplete", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters in the AWS4-HMAC-SHA256 form.");
    const key = this.keys.get(parsed.accessKeyId);
    if (!key) throw new AuthFailure("unknown-key");
    const verdict = await verifySignature(req, parsed, key.secretAccessKey);
    if (!verdict.ok) throw new AuthFailure(verdict.reason, verdict.message);
    return callerOf(key);
  }

  /** Console sign-in: the keys must be a known pair. Returns the session's token (for the cookie) and its caller. */
  async signIn(accessKeyId: string, secretAccessKey: string): Promise<{ token: string; caller: Caller; expiresAt: Date }> {
    const key = this.keys.get(accessKeyId);
    if (!key) throw new AuthFailure("unknown-key");
    if (!sameSecret(key.secretAccessKey, secretAccessKey)) throw new AuthFailure("mismatch");
    return this.startSession(key);
  }

  /** A key's pair, for a sign-in link's exchange (the student's credentials for the AWS CLI). */
  keyPair(accessKeyId: string): { accessKeyId: string; secretAccessKey: string } | undefined {
    const key = this.keys.get(accessKeyId);
    return key && { accessKeyId, secretAccessKey: key.secretAccessKey };
  }

  /** A console session of a known key (a sign-in link's): as signIn() without the secret. */
  async signInWithLink(accessKeyId: string): Promise<{ token: string; caller: Caller; expiresAt: Date }> {
    const key = this.keys.get(accessKeyId);
    if (!key) throw new AuthFailure("unknown-key");
    return this.startSession(key);
  }

  private async startSession(key: AccessKeyRecord): Promise<{ token: string; caller: Caller; expiresAt: Date }> {
    const accessKeyId = key.accessKeyId;
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await this.store.deleteExpiredSessions(new Date());
    await this.store.createSession({ tokenHash: sha256(token), accessKeyId, accountId: key.accountId, expiresAt });
    return { token, caller: callerOf(key), expiresAt };
  }

  /** The caller of a console session cookie, while it is valid and its key still exists. */
  async fromSession(token: string | undefined): Promise<Caller | undefined> {
    if (!token) return undefined;
    const session = await this.store.findSession(sha256(token));
    const key = session && this.keys.get(session.accessKeyId);
    if (!session || !key || session.expiresAt.getTime() <= Date.now()) return undefined;
    return callerOf(key);
  }

  async signOut(token: string | undefined): Promise<void> {
    if (token) await this.store.deleteSession(sha256(token));
  }
}

function rootOf(accountId: string): Caller {
  return { accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId, operator: true };
}

function callerOf(key: AccessKeyRecord): Caller {
  if (key.userName === "root") return { ...rootOf(key.accountId), accessKeyId: key.accessKeyId, operator: key.operator };
  return {
    accountId: key.accountId,
    arn: `arn:aws:iam::${key.accountId}:user/${key.userName}`,
    // AWS gives users an opaque unique id (AIDA...); derived from the key so it stays the same.
    userId: `AIDA${sha256(`${key.accountId}/${key.userName}`).slice(0, 17).toUpperCase()}`,
    accessKeyId: key.accessKeyId,
    operator: key.operator,
  };
}
