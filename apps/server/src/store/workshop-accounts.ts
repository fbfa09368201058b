/**
 * The operator's side of accounts: creating one with its first key and quotas, wiping what an account
 * made (its reset), deleting it, per-student sign-in links, and every account's resources counted for
 * the instructor's view.
 */
import type { Db } from "../db/client.ts";
import type { RawSql } from "./raw-sql.ts";

export interface Quotas {
  /** EC2 instances running or pending (each a virtual machine with an agent). */
  instances: number | null;
  /** Tasks not stopped (desired or last status), Fargate's included. */
  runningTasks: number | null;
  /** MiB that those tasks reserve. */
  memoryMiB: number | null;
}

export interface NewAccount {
  id: string;
  name: string;
  quotas: Quotas;
  key: { accessKeyId: string; secretAccessKey: string; userName: string };
}

/** Tables whose rows are the account's but have no accountId column: a service's deployments and events. */
const BY_SERVICE_ARN = ["Deployment", "ServiceEvent"];
/** What an account keeps through a reset: itself, its keys, its sessions and sign-in links. */
const KEPT = new Set(["Account", "AccessKey", "ConsoleSession", "SignInLink"]);

/** Every table with an accountId column, read from the database (so other features' tables are wiped too). */
function accountTables(sql: RawSql): string[] {
  const tables = sql.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'`).all() as { name: string }[];
  return tables
    .map((t) => t.name)
    .filter((name) => !KEPT.has(name) && (sql.db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).some((c) => c.name === "accountId"));
}

export function workshopAccountsStore(db: Db, sql: RawSql) {
  return {
    async create(account: NewAccount): Promise<void> {
      const { quotas } = account;
      await db.$transaction([
        db.account.create({
          data: { id: account.id, name: account.name, quotaInstances: quotas.instances, quotaRunningTasks: quotas.runningTasks, quotaMemoryMiB: quotas.memoryMiB },
        }),
        db.accessKey.create({ data: { ...account.key, accountId: account.id, operator: false, source: "api" } }),
      ]);
    },

    find(id: string) {
      return db.account.findUnique({ where: { id } });
    },

    async list() {
      const [accounts, keys] = await Promise.all([db.account.findMany({ orderBy: { createdAt: "asc" } }), db.accessKey.findMany({ select: { accountId: true, accessKeyId: true, userName: true } })]);
      return accounts.map((a) => ({ ...a, keys: keys.filter((k) => k.accountId === a.id) }));
    },

    /** Deletes every record the account made, in one transaction; its keys, sessions and links stay. */
    async wipe(accountId: string): Promise<void> {
      const tables = accountTables(sql);
      // Services' ARNs name their account: arn:aws:ecs:<region>:<account>:service/...
      const serviceArns = `arn:aws:ecs:%:${accountId}:%`;
      await sql.write(() => {
        for (const table of BY_SERVICE_ARN) sql.run(`DELETE FROM "${table}" WHERE "serviceArn" LIKE ?`, [serviceArns]);
        for (const table of tables) sql.run(`DELETE FROM "${table}" WHERE "accountId" = ?`, [accountId]);
      });
    },

    /** The account, its keys, sessions and links (after wipe()). */
    async remove(accountId: string): Promise<void> {
      await db.$transaction([
        db.signInLink.deleteMany({ where: { accountId } }),
        db.consoleSession.deleteMany({ where: { accountId } }),
        db.accessKey.deleteMany({ where: { accountId } }),
        db.account.deleteMany({ where: { id: accountId } }),
      ]);
    },

    createSignInLink(link: { tokenHash: string; accessKeyId: string; accountId: string; expiresAt: Date }) {
      return db.signInLink.create({ data: link });
    },

    async findSignInLink(tokenHash: string) {
      await db.signInLink.deleteMany({ where: { expiresAt: { lt: new Date() } } });
      return db.signInLink.findUnique({ where: { tokenHash } });
    },

    /** Each account's resources at a glance: counts and the memory its live tasks reserve. */
    overview(): AccountUsage[] {
      const rows = sql.db
        .prepare(
          `SELECT a."id" AS accountId,
             (SELECT COUNT(*) FROM "Cluster" c WHERE c."accountId" = a."id" AND c."status" = 'ACTIVE') AS clusters,
             (SELECT COUNT(*) FROM "Ec2Instance" e WHERE e."accountId" = a."id" AND e."state" IN ('pending', 'running')) AS instances,
             (SELECT COUNT(*) FROM "Service" s WHERE s."accountId" = a."id" AND s."status" = 'ACTIVE') AS services,
             (SELECT COUNT(*) FROM "Task" t WHERE t."accountId" = a."id" AND t."lastStatus" = 'RUNNING') AS runningTasks,
             (SELECT COUNT(*) FROM "Task" t WHERE t."accountId" = a."id" AND t."lastStatus" != 'STOPPED' AND t."desiredStatus" != 'STOPPED') AS liveTasks,
             (SELECT COUNT(*) FROM "TaskDefinition" d WHERE d."accountId" = a."id" AND d."status" = 'ACTIVE') AS taskDefinitions,
             (SELECT COUNT(*) FROM "EcrRepository" r WHERE r."accountId" = a."id") AS repositories,
             (SELECT COUNT(*) FROM "LogGroup" g WHERE g."accountId" = a."id") AS logGroups,
             (SELECT COUNT(*) FROM "ElbLoadBalancer" l WHERE l."accountId" = a."id") AS loadBalancers
           FROM "Account" a ORDER BY a."createdAt"`,
        )
        .all() as Omit<AccountUsage, "memoryMiB">[];
      const memory = new Map(liveTaskMemory(sql).map((m) => [m.accountId, m.memoryMiB]));
      return rows.map((r) => ({ ...r, memoryMiB: memory.get(r.accountId) ?? 0 }));
    },

  };
}

/** An account's quotas; undefined when the account does not exist. */
export function accountQuotas(sql: RawSql, id: string): Quotas | undefined {
  const row = sql.statement(`SELECT "quotaInstances", "quotaRunningTasks", "quotaMemoryMiB" FROM "Account" WHERE "id" = ?`).get(id) as
    | { quotaInstances: number | null; quotaRunningTasks: number | null; quotaMemoryMiB: number | null }
    | undefined;
  return row && { instances: row.quotaInstances, runningTasks: row.quotaRunningTasks, memoryMiB: row.quotaMemoryMiB };
}

/** What counts against an account's quotas now: live EC2 instances, live tasks and the memory they reserve. */
export function quotaUsage(sql: RawSql, accountId: string): { instances: number; liveTasks: number; memoryMiB: number } {
  const instances = (sql.statement(`SELECT COUNT(*) AS n FROM "Ec2Instance" WHERE "accountId" = ? AND "state" IN ('pending', 'running')`).get(accountId) as { n: number }).n;
  const tasks = liveTaskMemory(sql, accountId)[0];
  return { instances, liveTasks: tasks?.tasks ?? 0, memoryMiB: tasks?.memoryMiB ?? 0 };
}

export interface AccountUsage {
  accountId: string;
  clusters: number;
  instances: number;
  services: number;
  runningTasks: number;
  liveTasks: number;
  taskDefinitions: number;
  repositories: number;
  logGroups: number;
  loadBalancers: number;
  memoryMiB: number;
}

/**
 * Live tasks (neither stopped nor stopping) and the memory they reserve, per account: the task's own
 * memory when it has one, else the sum of its containers' memory (or reservation), as ECS reserves it.
 */
function liveTaskMemory(sql: RawSql, accountId?: string): { accountId: string; tasks: number; memoryMiB: number }[] {
  const rows = sql
    .statement(
      `SELECT "accountId", "memory", "containers" FROM "Task" WHERE "lastStatus" != 'STOPPED' AND "desiredStatus" != 'STOPPED'${accountId ? ` AND "accountId" = ?` : ""}`,
    )
    .all(...(accountId ? [accountId] : [])) as { accountId: string; memory: string | null; containers: string }[];
  const out = new Map<string, { accountId: string; tasks: number; memoryMiB: number }>();
  for (const row of rows) {
    const entry = out.get(row.accountId) ?? { accountId: row.accountId, tasks: 0, memoryMiB: 0 };
    entry.tasks++;
    entry.memoryMiB += taskMemory(row.memory, row.containers);
    out.set(row.accountId, entry);
  }
  return [...out.values()];
}

function taskMemory(memory: string | null, containers: string): number {
  if (memory && Number(memory) > 0) return Number(memory);
  let sum = 0;
  for (const c of JSON.parse(containers) as { memory?: string; memoryReservation?: string }[]) sum += Number(c.memoryReservation ?? c.memory ?? 0);
  return sum;
}

export type WorkshopAccountsStore = ReturnType<typeof workshopAccountsStore>;
