import type { AwsScope } from "@stevedore/shared";
import type { Db } from "../db/client.ts";
import type { Config } from "../config.ts";
import type { Notifier } from "../agents/notifier.ts";
import type { Fleet } from "../ec2/fleet.ts";
import type { FargateHosts } from "../fargate/hosts.ts";
import type { ServiceScheduler } from "../services/scheduler.ts";
import type { Caller, Identities } from "../identity/identities.ts";

/**
 * What every API action receives besides its input. `scope` and `caller` are the request's: the
 * caller's account is the one every ARN, lookup and new record of the action belongs to.
 */
export interface ActionContext {
  db: Db;
  scope: AwsScope;
  caller: Caller;
  config: Config;
  identities: Identities;
  notifier: Notifier;
  fleet: Fleet;
  fargate: FargateHosts;
  services: ServiceScheduler;
}

/** The context of one request made by `caller`. */
export const forCaller = (base: ActionContext, caller: Caller): ActionContext => ({
  ...base,
  caller,
  scope: { region: base.scope.region, accountId: caller.accountId },
});

export type Action<I = any, O = unknown> = (input: I, ctx: ActionContext) => Promise<O>;
