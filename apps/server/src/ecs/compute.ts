/**
 * Which compute a RunTask or CreateService asks for, as ECS decides it: a launch type, or a capacity
 * provider strategy (the request's, else the cluster's default), never both; Fargate's platform
 * version; and, for a strategy, which provider each new task goes to (base first, then by weight).
 */
import type { TaskDefinition } from "@stevedore/shared";
import { invalidParameter } from "../aws/errors.ts";
import type { Cluster } from "../db/client.ts";
import { fromJson } from "../db/json.ts";

export interface StrategyItem {
  capacityProvider: string;
  weight: number;
  base: number;
}

export interface Compute {
  launchType: "EC2" | "FARGATE";
  /** Empty when the request named a launch type. */
  strategy: StrategyItem[];
  /** Fargate only: the version tasks run on ("LATEST" resolved). */
  platformVersion?: string;
}

export const FARGATE_PROVIDERS = ["FARGATE", "FARGATE_SPOT"];
/** The platform version LATEST stands for on Linux. */
export const LATEST_PLATFORM_VERSION = "1.4.0";
const PLATFORM_VERSIONS = ["LATEST", "1.4.0", "1.3.0"];

export interface ComputeInput {
  launchType?: unknown;
  capacityProviderStrategy?: unknown;
  platformVersion?: unknown;
}

export function resolveCompute(input: ComputeInput, cluster: { capacityProviders: string[]; defaultStrategy: StrategyItem[] }): Compute {
  const requested = parseStrategy(input.capacityProviderStrategy);
  if (input.launchType !== undefined && requested.length) {
    throw invalidParameter("Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.");
  }
  const strategy = input.launchType === undefined ? (requested.length ? requested : cluster.defaultStrategy) : [];
  let launchType: Compute["launchType"];
  if (strategy.length) {
    if (strategy.some((s) => !cluster.capacityProviders.includes(s.capacityProvider))) {
      throw invalidParameter(
        "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.",
      );
    }
    const fargate = strategy.filter((s) => FARGATE_PROVIDERS.includes(s.capacityProvider)).length;
    if (fargate > 0 && fargate < strategy.length) {
      throw invalidParameter("The capacity provider strategy cannot contain a mix of capacity providers using Auto Scaling groups and Fargate providers. Specify one or the other and try again.");
    }
    launchType = fargate ? "FARGATE" : "EC2";
  } else {
    const named = String(input.launchType ?? "EC2");
    if (named === "EXTERNAL") throw invalidParameter("The EXTERNAL launch type needs instances registered with ECS Anywhere, which Stevedore does not offer; use EC2 or FARGATE.");
    if (named !== "EC2" && named !== "FARGATE") throw invalidParameter(`Invalid launch type '${named}'. Valid launch types are EC2, FARGATE and EXTERNAL.`);
    launchType = named;
  }
  if (launchType === "EC2") {
    if (input.platformVersion !== undefined) throw invalidParameter("The platform version must be null when specifying an EC2 launch type.");
    return { launchType, strategy };
  }
  return { launchType, strategy, platformVersion: fargatePlatformVersion(input.platformVersion) };
}

/** A Fargate platform version as asked for (LATEST when not), resolved. */
export function fargatePlatformVersion(value: unknown): string {
  const version = String(value ?? "LATEST");
  if (!PLATFORM_VERSIONS.includes(version)) throw invalidParameter(`The specified platform version (${version}) does not exist.`);
  return version === "LATEST" ? LATEST_PLATFORM_VERSION : version;
}

export const clusterCapacityProviders = (cluster: Pick<Cluster, "capacityProviders" | "defaultStrategy">) => ({
  capacityProviders: fromJson<string[]>(cluster.capacityProviders, []),
  defaultStrategy: fromJson<StrategyItem[]>(cluster.defaultStrategy, []).map((s) => ({ capacityProvider: s.capacityProvider, weight: s.weight ?? 0, base: s.base ?? 0 })),
});

/** What Fargate refuses in a RunTask or CreateService: definitions not made for it, and placement. */
export function checkFargateRequest(def: Pick<TaskDefinition, "compatibilities" | "placementConstraints">, input: { placementStrategy?: unknown; placementConstraints?: unknown }): void {
  if (!def.compatibilities?.includes("FARGATE")) throw invalidParameter("Task definition does not support launch_type FARGATE.");
  if (Array.isArray(input.placementStrategy) && input.placementStrategy.length) throw invalidParameter("Placement strategies are not supported with FARGATE launch type.");
  const constraints = [...(Array.isArray(input.placementConstraints) ? input.placementConstraints : []), ...(def.placementConstraints ?? [])];
  if (constraints.length) throw invalidParameter("Placement constraints are not supported with FARGATE launch type.");
}

function parseStrategy(value: unknown): StrategyItem[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParameter("capacityProviderStrategy must be a list.");
  if (value.length > 20) throw invalidParameter("The capacity provider strategy can contain at most 20 capacity providers.");
  const items = value.map((raw: { capacityProvider?: unknown; weight?: unknown; base?: unknown }) => {
    const weight = raw?.weight === undefined ? 0 : Number(raw.weight);
    const base = raw?.base === undefined ? 0 : Number(raw.base);
    if (typeof raw?.capacityProvider !== "string" || !raw.capacityProvider) throw invalidParameter("capacityProvider must be specified for each capacity provider strategy item.");
    if (!Number.isInteger(weight) || weight < 0 || weight > 1000) throw invalidParameter("The weight value must be between 0 and 1000.");
    if (!Number.isInteger(base) || base < 0 || base > 100000) throw invalidParameter("The base value must be between 0 and 100000.");
    return { capacityProvider: raw.capacityProvider, weight, base };
  });
  if (items.filter((i) => i.base > 0).length > 1) throw invalidParameter("Only one capacity provider in a strategy can have a base defined.");
  if (items.length && items.every((i) => i.weight === 0)) throw invalidParameter("At least one capacity provider in the strategy must have a weight greater than zero.");
  return items;
}

/**
 * The provider of each of `count` new tasks, given how many tasks each provider already runs for the
 * same service (or none, for RunTask): the base is filled first, the rest keeps the weights' ratio.
 */
export function pickProviders(strategy: readonly StrategyItem[], count: number, running: Readonly<Record<string, number>> = {}): string[] {
  const counts: Record<string, number> = Object.fromEntries(strategy.map((s) => [s.capacityProvider, running[s.capacityProvider] ?? 0]));
  const picks: string[] = [];
  for (let i = 0; i < count; i++) {
    const short = strategy.find((s) => counts[s.capacityProvider]! < s.base);
    // Past the bases, the provider furthest below its weighted share of the tasks beyond the bases.
    const beyondBase = (s: StrategyItem) => counts[s.capacityProvider]! - Math.min(counts[s.capacityProvider]!, s.base);
    const total = strategy.reduce((a, s) => a + beyondBase(s), 0) + 1;
    const weights = strategy.reduce((a, s) => a + s.weight, 0);
    const deficit = (s: StrategyItem) => (total * s.weight) / weights - beyondBase(s);
    const pick = short ?? strategy.filter((s) => s.weight > 0).reduce((best, s) => (deficit(s) > deficit(best) ? s : best));
    counts[pick.capacityProvider]!++;
    picks.push(pick.capacityProvider);
  }
  return picks;
}
