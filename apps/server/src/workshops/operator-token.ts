/**
 * The operator's token: what `npm run stevedore -- account ...` proves itself with to the running
 * server. It lives in the data folder, readable by its owner only (0600), so only who runs the server
 * (or root) has it; the server makes it at its first start.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const operatorTokenFile = (dataDir: string) => path.join(dataDir, "operator.token");

/** Reads the token, making it (0600) when missing, and tightening a file others could read. */
export function ensureOperatorToken(dataDir: string): string {
  const file = operatorTokenFile(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const token = fs.readFileSync(file, "utf8").trim();
  if (token.length < 32) throw new Error(`The operator token in ${file} is too short: delete the file and start again.`);
  return token;
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** `Authorization: Bearer <token>` with the operator's token (compared in constant time). */
export function isOperatorBearer(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer (\S+)$/.exec(authorization ?? "");
  return !!match && timingSafeEqual(digest(match[1]!), digest(token));
}
