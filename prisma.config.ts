// Prisma's CLI configuration: the JavaScript engine with the better-sqlite3 driver adapter, so the CLI
// works offline (no native engine download). The database lives in the data folder.
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const dataDir = path.resolve(process.env.STEVEDORE_DATA_DIR ?? ".data");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    fs.mkdirSync(dataDir, { recursive: true });
    return new PrismaBetterSQLite3({ url: `file:${path.join(dataDir, "stevedore.db")}` });
  },
});
