/** Accounts, their principals' access keys and the console's sessions: the identities' store. */
import type { Db } from "../db/client.ts";

export interface AccountRecord {
  id: string;
  name: string;
  createdAt: Date;
}

export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  userName: string;
  operator: boolean;
  source: "file" | "api";
}

export interface SessionRecord {
  tokenHash: string;
  accessKeyId: string;
  accountId: string;
  expiresAt: Date;
}

export function accountsStore(db: Db) {
  return {
    async ensureAccount(id: string, name: string): Promise<AccountRecord> {
      return db.account.upsert({ where: { id }, create: { id, name }, update: {} });
    },

    listAccounts(): Promise<AccountRecord[]> {
      return db.account.findMany({ orderBy: { createdAt: "asc" } });
    },

    async listKeys(): Promise<AccessKeyRecord[]> {
      const rows = await db.accessKey.findMany();
      return rows.map((r) => ({ ...r, source: r.source === "file" ? "file" : "api" }));
    },

    /**
     * Makes the keys that came from the operator's file exactly `keys` (with their accounts), in one
     * transaction: a key removed from the file stops working at the next start.
     */
    async replaceFileKeys(accounts: { id: string; name: string }[], keys: Omit<AccessKeyRecord, "source">[]): Promise<void> {
      await db.$transaction([
        ...accounts.map((a) => db.account.upsert({ where: { id: a.id }, create: a, update: { name: a.name } })),
        db.accessKey.deleteMany({ where: { source: "file" } }),
        ...keys.map((k) => db.accessKey.upsert({ where: { accessKeyId: k.accessKeyId }, create: { ...k, source: "file" }, update: { ...k, source: "file" } })),
      ]);
    },

    createSession(session: SessionRecord): Promise<unknown> {
      return db.consoleSession.create({ data: session });
    },

    findSession(tokenHash: string): Promise<SessionRecord | null> {
      return db.consoleSession.findUnique({ where: { tokenHash } });
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.consoleSession.deleteMany({ where: { tokenHash } });
    },

    async deleteExpiredSessions(now: Date): Promise<void> {
      await db.consoleSession.deleteMany({ where: { expiresAt: { lt: now } } });
    },
  };
}

export type AccountsStore = ReturnType<typeof accountsStore>;
