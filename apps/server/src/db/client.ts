/** The Prisma client over the SQLite file in the data folder. Only the data layer imports Prisma. */
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.ts";

export type Db = PrismaClient;
export type * from "../generated/prisma/client.ts";

export const databaseFile = (dataDir: string) => path.join(dataDir, "stevedore.db");

export function openDb(dataDir: string): Db {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${databaseFile(dataDir)}` }) });
}
