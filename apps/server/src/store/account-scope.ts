/**
 * Every record of an AWS resource belongs to one account. A client scoped to an account adds it to
 * every query of those models: reads, counts and changes see that account's rows only, and new rows
 * are that account's. Forgetting an account in a where clause is therefore impossible: isolation is
 * decided here, once, not at each of the store's call sites.
 */
import type { PrismaClient } from "../generated/prisma/client.ts";

/** The models whose rows belong to an account (Deployment and ServiceEvent are reached through their service). */
const ACCOUNT_MODELS = new Set([
  "Cluster",
  "CapacityProvider",
  "ContainerInstance",
  "TaskDefinition",
  "Task",
  "LaunchConfiguration",
  "AutoScalingGroup",
  "Ec2Instance",
  "LogGroup",
  "LogEvent",
  "ScalingActivity",
  "Service",
  "MetricSample",
  "IdempotentRequest",
  "AccountSetting",
]);

type Args = Record<string, unknown> & { where?: unknown; data?: unknown; create?: unknown };

function scoped(operation: string, args: Args, accountId: string): Args {
  const within = (where: unknown) => ({ ...(where as object), accountId });
  switch (operation) {
    case "create":
      return { ...args, data: { ...(args.data as object), accountId } };
    case "createMany":
    case "createManyAndReturn":
      return { ...args, data: (Array.isArray(args.data) ? args.data : [args.data]).map((d) => ({ ...(d as object), accountId })) };
    case "upsert":
      return { ...args, where: within(args.where), create: { ...(args.create as object), accountId } };
    default:
      // Reads, counts, groupBy, aggregate, update(Many), delete(Many): within the account.
      return { ...args, where: within(args.where) };
  }
}

export function scopeToAccount(db: PrismaClient, accountId: string) {
  return db.$extends({
    name: `account ${accountId}`,
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          return query((ACCOUNT_MODELS.has(model) ? scoped(operation, args as Args, accountId) : args) as never);
        },
      },
    },
  });
}

export type ScopedDb = ReturnType<typeof scopeToAccount>;

/** One scoped client per account, made once. */
export function accountClients(db: PrismaClient) {
  const clients = new Map<string, ScopedDb>();
  return (accountId: string): ScopedDb => {
    let client = clients.get(accountId);
    if (!client) clients.set(accountId, (client = scopeToAccount(db, accountId)));
    return client;
  };
}
