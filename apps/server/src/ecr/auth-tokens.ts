/**
 * Registry passwords, as GetAuthorizationToken hands them out: valid 12 hours, for one account's
 * registry (ECR's, or its ECR Public one), used as HTTP Basic `AWS:<password>`; ECR Public's bearer
 * tokens are the same (anonymous ones name no account). A password is its claims and their HMAC under a key
 * kept in the data folder, so it survives restarts and needs no table; it cannot be revoked before
 * it expires, like ECR's.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** ECR's user name for every registry login. */
export const REGISTRY_USER = "AWS";

/** Which registries a token opens: an account's private ECR registry, or ECR Public. */
export type TokenAudience = "ecr" | "ecr-public";

export interface TokenClaims {
  /** The account whose registry the token opens; "" for ECR Public's anonymous pulls. */
  accountId: string;
  audience: TokenAudience;
  /** Epoch ms. */
  expiresAt: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: "invalid" | "expired" };

export class AuthTokens {
  private constructor(private readonly key: Buffer) {}

  /** The key in `<dataDir>/ecr/token.key`, made on first use (readable by its owner only). */
  static load(dataDir: string): AuthTokens {
    const file = path.join(dataDir, "ecr", "token.key");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32), { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    return new AuthTokens(fs.readFileSync(file));
  }

  issue(accountId: string, audience: TokenAudience = "ecr", now = Date.now()): { password: string; expiresAt: number } {
    const expiresAt = now + TOKEN_LIFETIME_MS;
    const claims = Buffer.from(JSON.stringify({ a: accountId, u: audience, e: expiresAt })).toString("base64url");
    return { password: `${claims}.${this.sign(claims)}`, expiresAt };
  }

  /** The claims of a password this server issued for `audience`, unless it is forged, another audience's, or expired. */
  check(password: string, audience: TokenAudience, now = Date.now()): TokenCheck {
    const [claims = "", signature = "", extra] = password.split(".");
    if (extra !== undefined || !claims || !safeEqual(signature, this.sign(claims))) return { ok: false, reason: "invalid" };
    const { a, u, e } = JSON.parse(Buffer.from(claims, "base64url").toString("utf8")) as { a: string; u: TokenAudience; e: number };
    if (u !== audience) return { ok: false, reason: "invalid" };
    if (now >= e) return { ok: false, reason: "expired" };
    return { ok: true, claims: { accountId: a, audience: u, expiresAt: e } };
  }

  private sign(claims: string): string {
    return createHmac("sha256", this.key).update(claims).digest("base64url");
  }
}

/** GetAuthorizationToken's authorizationToken: base64 of `AWS:<password>`, as `docker login` takes it apart. */
export const authorizationToken = (password: string) => Buffer.from(`${REGISTRY_USER}:${password}`).toString("base64");

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
