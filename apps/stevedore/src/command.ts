/**
 * `npm run stevedore -- <command>`: the operator's commands, which talk to the RUNNING server (never
 * to its database behind its back) with the operator token of its data folder.
 *
 *   account create NAME [--instances N] [--tasks N] [--memory MiB]   (each quota a number or "unlimited")
 *   account list [--json]
 *   account reset ACCOUNT_ID
 *   account delete ACCOUNT_ID
 *   account link ACCOUNT_ID [--minutes N]                           (a sign-in link for the student)
 *
 * `create` prints {"accountId", "accessKeyId", "secretAccessKey", ...} as JSON on its last line.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "@stevedore/server/config";

const USAGE = `Usage: npm run stevedore -- account create NAME [--instances N] [--tasks N] [--memory MiB]
       npm run stevedore -- account list [--json]
       npm run stevedore -- account reset ACCOUNT_ID
       npm run stevedore -- account delete ACCOUNT_ID
       npm run stevedore -- account link ACCOUNT_ID [--minutes N]`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    instances: { type: "string" },
    tasks: { type: "string" },
    memory: { type: "string" },
    minutes: { type: "string" },
    json: { type: "boolean" },
  },
});

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const config = loadConfig();
// A server bound to every address is reached on loopback; STEVEDORE_URL names another.
const host = ["0.0.0.0", "::", ""].includes(config.host) ? "127.0.0.1" : config.host.includes(":") ? `[${config.host}]` : config.host;
const base = process.env.STEVEDORE_URL ?? `http://${host}:${config.port}`;
const tokenFile = `${config.dataDir}/operator.token`;

function operatorToken(): string {
  try {
    return fs.readFileSync(tokenFile, "utf8").trim();
  } catch (err) {
    fail(`Cannot read the operator token ${tokenFile} (${(err as NodeJS.ErrnoException).code}): run this as the user who runs the server, with the same STEVEDORE_DATA_DIR, after the server has started once.`, 1);
  }
}

async function call(method: string, path: string, body?: unknown): Promise<any> {
  let res: Response;
  try {
    res = await fetch(`${base}/stevedore/v1/operator${path}`, {
      method,
      headers: { authorization: `Bearer ${operatorToken()}`, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch (err) {
    fail(`No Stevedore server answers at ${base} (${(err as Error).cause ?? (err as Error).message}). Start it with npm start (or set STEVEDORE_URL).`, 1);
  }
  const text = await res.text();
  let answer: any;
  try {
    answer = JSON.parse(text);
  } catch {
    fail(`${base} answered ${res.status} with something other than JSON: is it a Stevedore server?`, 1);
  }
  if (!res.ok) fail(`${answer.__type ?? res.status}: ${answer.message ?? text}`, 1);
  return answer;
}

const quota = (text: string | undefined, flag: string) => {
  if (text === undefined) return undefined;
  if (text === "unlimited") return text;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) fail(`--${flag} must be a whole number or "unlimited".`);
  return n;
};

const [group, action, arg] = positionals;
if (group !== "account") fail(USAGE);

switch (action) {
  case "create": {
    if (!arg) fail(USAGE);
    const quotas = { instances: quota(values.instances, "instances"), runningTasks: quota(values.tasks, "tasks"), memoryMiB: quota(values.memory, "memory") };
    const created = await call("POST", "/accounts", { name: arg, quotas });
    console.log(`Created account ${created.accountId} (${created.name}) with access key ${created.accessKeyId}; the secret key is shown only now.`);
    console.log(JSON.stringify({ accountId: created.accountId, accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey, name: created.name, quotas: created.quotas }));
    break;
  }
  case "list": {
    const { accounts } = await call("GET", "/accounts");
    if (values.json) {
      console.log(JSON.stringify(accounts));
      break;
    }
    const limit = (n: number | null) => (n === null ? "-" : String(n));
    console.log(["ACCOUNT", "NAME", "KEYS", "CLUSTERS", "INSTANCES", "SERVICES", "RUNNING", "MEMORY MiB", "QUOTAS (inst/tasks/MiB)"].join("\t"));
    for (const a of accounts) {
      const u = a.usage ?? {};
      console.log(
        [a.accountId, a.name + (a.default ? " (default)" : ""), a.accessKeys.map((k: { accessKeyId: string }) => k.accessKeyId).join(","), u.clusters, u.instances, u.services, u.runningTasks, u.memoryMiB, `${limit(a.quotas.instances)}/${limit(a.quotas.runningTasks)}/${limit(a.quotas.memoryMiB)}`].join("\t"),
      );
    }
    break;
  }
  case "reset":
  case "delete": {
    if (!arg) fail(USAGE);
    const done = action === "reset" ? await call("POST", `/accounts/${encodeURIComponent(arg)}/reset`) : await call("DELETE", `/accounts/${encodeURIComponent(arg)}`);
    console.log(`${action === "reset" ? "Reset" : "Deleted"} account ${arg}: ${done.containersRemoved} container(s) removed${action === "reset" ? "; its access keys still work" : ""}.`);
    console.log(JSON.stringify(done));
    break;
  }
  case "link": {
    if (!arg) fail(USAGE);
    const minutes = values.minutes === undefined ? undefined : Number(values.minutes);
    const link = await call("POST", `/accounts/${encodeURIComponent(arg)}/sign-in-links`, minutes === undefined ? {} : { expiresInMinutes: minutes });
    console.log(`Sign-in link for ${link.name} (${link.accountId}), valid until ${link.expiresAt}:`);
    console.log(link.url);
    break;
  }
  default:
    fail(USAGE);
}
