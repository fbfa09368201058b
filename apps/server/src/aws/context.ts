import type { AwsScope } from "@stevedore/shared";
import type { Db } from "../db/client.ts";
import type { Config } from "../config.ts";
import type { Notifier } from "../agents/notifier.ts";
import type { Fleet } from "../ec2/fleet.ts";
import type { FargateHosts } from "../fargate/hosts.ts";
import type { ServiceScheduler } from "../services/scheduler.ts";

/** What every API action receives besides its input. */
export interface ActionContext {
  db: Db;
  scope: AwsScope;
  config: Config;
  notifier: Notifier;
  fleet: Fleet;
  fargate: FargateHosts;
  services: ServiceScheduler;
}

export type Action<I = any, O = unknown> = (input: I, ctx: ActionContext) => Promise<O>;
