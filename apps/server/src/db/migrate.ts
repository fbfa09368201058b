/** Applies the Prisma migrations to the data folder's database with Prisma's own CLI (offline mode). */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../config.ts";

export async function migrate(dataDir: string): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const prismaCli = path.join(REPO_ROOT, "node_modules/prisma/build/index.js");
  // The engine variables only stop the CLI from downloading engines; the JS engine never runs them.
  const env = { ...process.env, STEVEDORE_DATA_DIR: dataDir, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_QUERY_ENGINE_LIBRARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  await promisify(execFile)(process.execPath, [prismaCli, "migrate", "deploy"], { cwd: REPO_ROOT, env });
}
