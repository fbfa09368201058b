// Small process helpers for the start and test scripts (plain Node: they run before npm install).
import { spawn, spawnSync } from "node:child_process";

export const step = (text) => console.log(`\x1b[1m==> ${text}\x1b[0m`);

/** Runs a command with inherited output; rejects on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", ...opts });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

/** Runs a command quietly and says whether it succeeded. */
export const succeeds = (cmd, args) => spawnSync(cmd, args, { stdio: "ignore" }).status === 0;

export const which = (cmd) => {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
};
