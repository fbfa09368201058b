// `npm start`: prepare this machine (dependencies, Docker, builds, sample images), then serve the
// console and every API until Ctrl-C. The server applies the database migrations as it starts.
import path from "node:path";
import { spawn } from "node:child_process";
import { prepare, ROOT } from "./lib/prepare.mjs";
import { step } from "./lib/run.mjs";

try {
  await prepare();
} catch (err) {
  console.error(`\nStevedore could not start: ${err.message}`);
  process.exit(1);
}

step("Starting the Stevedore server");
const server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "apps/stevedore/src/main.ts")], {
  cwd: ROOT,
  stdio: "inherit",
});
// Ctrl-C reaches the server through the terminal's process group; a plain kill is passed on.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
