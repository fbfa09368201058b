/**
 * Task definitions by ARN, parsed, kept in memory: a revision's definition never changes once
 * registered (only its status and tags do, in other columns), and every task report, placement and
 * agent poll needs the definitions of the tasks at hand.
 */
import type { TaskDefinition } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import type { Db } from "../db/client.ts";

const MAX_ENTRIES = 2_000;
const caches = new WeakMap<Db, Map<string, TaskDefinition>>();

/**
 * The definitions of ARNs the caller holds (its tasks', its services'): one cache per database, since
 * an ARN names its account; a miss is read within the caller's account.
 */
export async function taskDefinitionsByArn({ db, allAccounts }: Pick<ActionContext, "db" | "allAccounts">, arns: readonly string[]): Promise<Map<string, TaskDefinition>> {
  let cache = caches.get(allAccounts);
  if (!cache) caches.set(allAccounts, (cache = new Map()));
  const wanted = [...new Set(arns)];
  const missing = wanted.filter((arn) => !cache.has(arn));
  if (missing.length) {
    const rows = await db.taskDefinition.findMany({ where: { arn: { in: missing } }, select: { arn: true, definition: true } });
    for (const r of rows) cache.set(r.arn, JSON.parse(r.definition) as TaskDefinition);
    // Oldest first out: a Map iterates in insertion order.
    for (const arn of cache.keys()) {
      if (cache.size <= MAX_ENTRIES) break;
      cache.delete(arn);
    }
  }
  const found = new Map<string, TaskDefinition>();
  for (const arn of wanted) {
    const def = cache.get(arn);
    if (def) found.set(arn, def);
  }
  return found;
}

/** The account was reset: its revisions' ARNs will name new definitions. */
export function forgetTaskDefinitionsOf({ allAccounts }: Pick<ActionContext, "allAccounts">, accountId: string): void {
  const cache = caches.get(allAccounts);
  for (const arn of cache?.keys() ?? []) if (arn.split(":")[4] === accountId) cache!.delete(arn);
}
