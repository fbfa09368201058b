/**
 * The operator's keys file (STEVEDORE_KEYS_FILE): the accounts and access keys Stevedore knows besides
 * the default account. Read once at start; its keys replace the ones an earlier version of it gave.
 *
 *   {"accounts": [{"accountId": "210987654321", "name": "team-a",
 *                  "keys": [{"accessKeyId": "AKIA...", "secretAccessKey": "...", "userName": "alice", "operator": false}]}]}
 */
import fs from "node:fs";

export interface KeysFile {
  accounts: { id: string; name: string }[];
  keys: { accessKeyId: string; secretAccessKey: string; accountId: string; userName: string; operator: boolean }[];
}

const ACCOUNT_ID = /^\d{12}$/;
const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
const USER_NAME = /^[\w+=,.@-]{1,64}$/;

export function readKeysFile(file: string | undefined): KeysFile {
  if (!file || !fs.existsSync(file)) return { accounts: [], keys: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`The keys file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const fail = (what: string) => new Error(`The keys file ${file}: ${what}`);
  const accounts = (raw as { accounts?: unknown }).accounts;
  if (!Array.isArray(accounts)) throw fail(`"accounts" must be a list.`);
  const out: KeysFile = { accounts: [], keys: [] };
  for (const [i, a] of accounts.entries()) {
    const { accountId, name, keys } = (a ?? {}) as Record<string, unknown>;
    if (typeof accountId !== "string" || !ACCOUNT_ID.test(accountId)) throw fail(`accounts[${i}].accountId must be 12 digits.`);
    if (typeof name !== "string" || !name) throw fail(`accounts[${i}].name must be a name.`);
    out.accounts.push({ id: accountId, name });
    for (const [j, k] of (Array.isArray(keys) ? keys : []).entries()) {
      const { accessKeyId, secretAccessKey, userName = "root", operator = false } = (k ?? {}) as Record<string, unknown>;
      const at = `accounts[${i}].keys[${j}]`;
      if (typeof accessKeyId !== "string" || !ACCESS_KEY_ID.test(accessKeyId)) throw fail(`${at}.accessKeyId must be 16 to 128 upper-case letters and digits.`);
      if (typeof secretAccessKey !== "string" || secretAccessKey.length < 16) throw fail(`${at}.secretAccessKey must be at least 16 characters.`);
      if (typeof userName !== "string" || !USER_NAME.test(userName)) throw fail(`${at}.userName is not an IAM user name.`);
      if (typeof operator !== "boolean") throw fail(`${at}.operator must be true or false.`);
      if (out.keys.some((x) => x.accessKeyId === accessKeyId)) throw fail(`${at}.accessKeyId appears twice.`);
      out.keys.push({ accessKeyId, secretAccessKey, accountId, userName, operator });
    }
  }
  return out;
}
