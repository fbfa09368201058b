// Starts a Stevedore server for the run, in a fresh data folder, and stops it (and removes the task
// containers it made) afterwards.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
// Overridable so that two runs (the lead's full suite and a helper's) can share the machine.
export const E2E_PORT = Number(process.env.STEVEDORE_E2E_PORT ?? 4491);
export const E2E_REGISTRY_PORT = Number(process.env.STEVEDORE_E2E_REGISTRY_PORT ?? 4492);
export const E2E_NETWORK = process.env.STEVEDORE_E2E_NETWORK ?? "127.91";
// The account also tells this run's task containers apart at teardown.
export const E2E_ACCOUNT = process.env.STEVEDORE_E2E_ACCOUNT ?? "210987654321";

export default async function globalSetup() {
  if (process.env.STEVEDORE_E2E_URL) return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-e2e-"));
  const server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "apps/stevedore/src/main.ts")], {
    cwd: ROOT,
    env: { ...process.env, STEVEDORE_PORT: String(E2E_PORT), STEVEDORE_REGISTRY_PORT: String(E2E_REGISTRY_PORT), STEVEDORE_DATA_DIR: dataDir, STEVEDORE_INSTANCE_NETWORK: E2E_NETWORK, STEVEDORE_ACCOUNT_ID: E2E_ACCOUNT },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const log = fs.createWriteStream(path.join(dataDir, "server.log"));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("The server did not start within 60 s")), 60_000);
    server.stdout!.on("data", (chunk: Buffer) => {
      log.write(chunk);
      if (chunk.toString().includes("Stevedore is ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.on("exit", (code) => reject(new Error(`The server exited (${code})`)));
  });
  return async () => {
    server.kill("SIGINT");
    await new Promise((r) => server.once("exit", r));
    const ids = execFileSync("docker", ["ps", "-aq", "--filter", "label=stevedore.container-instance-arn"], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .filter((id) => execFileSync("docker", ["inspect", "-f", '{{index .Config.Labels "stevedore.container-instance-arn"}}', id], { encoding: "utf8" }).includes(`:${E2E_ACCOUNT}:`));
    if (ids.length) execFileSync("docker", ["rm", "-f", ...ids], { stdio: "ignore" });
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
