import type { AwsScope } from "@stevedore/shared";
import type { Db } from "../db/client.ts";
import type { ScopedDb } from "../store/account-scope.ts";
import type { Config } from "../config.ts";
import type { Notifier } from "../agents/notifier.ts";
import type { Fleet } from "../ec2/fleet.ts";
import type { FargateHosts } from "../fargate/hosts.ts";
import type { ServiceScheduler } from "../services/scheduler.ts";
import type { Caller, Identities } from "../identity/identities.ts";
import type { ClusterStates } from "../ecs/cluster-state.ts";
import type { RawSql } from "../store/raw-sql.ts";
import type { EcrRegistry } from "../ecr/registry/registry-server.ts";
import type { LoadBalancing } from "../elb/data-plane/load-balancing.ts";

/**
 * What every API action receives besides its input. `scope`, `caller` and `db` are the request's: the
 * caller's account is the one every ARN, lookup and new record of the action belongs to, and `db`
 * sees that account's records only (store/account-scope.ts).
 */
export interface ActionContext {
  db: ScopedDb;
  /** Every account's records: for the server's own rounds across accounts only (they then scope to each record's account). */
  allAccounts: Db;
  /** The client scoped to an account. */
  dbFor(accountId: string): ScopedDb;
  scope: AwsScope;
  caller: Caller;
  config: Config;
  identities: Identities;
  notifier: Notifier;
  fleet: Fleet;
  fargate: FargateHosts;
  services: ServiceScheduler;
  /** The store's fast path: prepared statements for the calls every RunTask, report and poll makes. Not scoped: give the account. */
  sql: RawSql;
  /** Clusters' instances and what their tasks hold, in memory (ecs/cluster-state.ts). */
  clusterStates: ClusterStates;
  /** The ECR registries' listener: repository URIs, registry passwords. */
  ecr: EcrRegistry;
  /** The load balancers' data plane: changed() after every change to ELB's records. */
  elb: LoadBalancing;
}

/** The context of one request made by `caller`. */
export const forCaller = (base: ActionContext, caller: Caller): ActionContext => ({
  ...forAccount(base, caller.accountId),
  caller,
});

/** The context of the server's own work on a record of `accountId` (a service's reconcile, an instance's agent). */
export const forAccount = (base: ActionContext, accountId: string): ActionContext =>
  accountId === base.scope.accountId
    ? base
    : { ...base, db: base.dbFor(accountId), scope: { region: base.scope.region, accountId }, caller: { ...base.caller, accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId } };
