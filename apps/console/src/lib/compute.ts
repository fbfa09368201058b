/**
 * **Compute configuration** of Run task and Create service, pure: the form's values, the default the
 * console picks for a cluster (reference §5.1 "Default compute selection"), the checks (in ECS's own
 * words where ECS has them), the RunTask/CreateService fields they send, and how a service's compute
 * reads back. Unit-tested under apps/console/test.
 */

export const FARGATE_PROVIDERS: readonly string[] = ["FARGATE", "FARGATE_SPOT"];
export const isFargateProvider = (name: string): boolean => FARGATE_PROVIDERS.includes(name);

export type LaunchType = "FARGATE" | "EC2";
export const LAUNCH_TYPES: readonly LaunchType[] = ["FARGATE", "EC2"];
/** Linux platform versions; LATEST is 1.4.0. */
export const PLATFORM_VERSIONS: readonly string[] = ["LATEST", "1.4.0", "1.3.0"];

export interface StrategyItem {
  capacityProvider: string;
  weight?: number;
  base?: number;
}

/** What the compute fields need to know of the cluster. */
export interface ClusterCapacity {
  capacityProviders?: readonly string[];
  defaultCapacityProviderStrategy?: readonly StrategyItem[];
}

/** What the compute fields need to know of the chosen task definition. */
export interface DefinitionFacts {
  networkMode?: string;
  compatibilities?: readonly string[];
}

export interface StrategyRow {
  capacityProvider: string;
  base: string;
  weight: string;
}

export interface ComputeValues {
  option: "capacity-provider-strategy" | "launch-type";
  /** **Use cluster default** or **Use custom (Advanced)**. */
  strategyChoice: "cluster-default" | "custom";
  strategy: StrategyRow[];
  launchType: LaunchType;
  platformVersion: string;
}

export const newStrategyRow = (capacityProvider = ""): StrategyRow => ({ capacityProvider, base: "0", weight: "1" });

const compute = (patch: Partial<ComputeValues>): ComputeValues => ({
  option: "capacity-provider-strategy",
  strategyChoice: "custom",
  strategy: [],
  launchType: "FARGATE",
  platformVersion: "LATEST",
  ...patch,
});

const supports = (def: DefinitionFacts | undefined, launchType: LaunchType) => !def?.compatibilities || def.compatibilities.includes(launchType);

/**
 * The console's default compute for a cluster: its default strategy; else a custom strategy with
 * FARGATE when the cluster has the Fargate providers; else **Use custom (Advanced)** to fill in when it
 * has Auto Scaling group providers; else the FARGATE launch type. A task definition made only for EC2
 * skips the Fargate choices (the console would only warn about them).
 */
export function defaultCompute(cluster: ClusterCapacity | undefined, def?: DefinitionFacts): ComputeValues {
  const providers = cluster?.capacityProviders ?? [];
  const fargateOk = supports(def, "FARGATE");
  if ((cluster?.defaultCapacityProviderStrategy ?? []).length) return compute({ strategyChoice: "cluster-default" });
  if (fargateOk && providers.includes("FARGATE")) return compute({ strategy: [newStrategyRow("FARGATE")] });
  if (providers.some((p) => !isFargateProvider(p))) return compute({ strategy: [newStrategyRow()] });
  return compute({ option: "launch-type", launchType: fargateOk ? "FARGATE" : "EC2" });
}

/** The strategy the values stand for: the cluster's default or the custom rows (as numbers). */
export function strategyOf(v: ComputeValues, cluster: ClusterCapacity | undefined): StrategyItem[] {
  if (v.option !== "capacity-provider-strategy") return [];
  if (v.strategyChoice === "cluster-default") return [...(cluster?.defaultCapacityProviderStrategy ?? [])];
  return v.strategy.map((r) => ({ capacityProvider: r.capacityProvider, weight: Number(r.weight), base: Number(r.base) }));
}

/** The launch type tasks get: the one chosen, or the strategy's (Fargate providers → FARGATE). */
export function effectiveLaunchType(v: ComputeValues, cluster: ClusterCapacity | undefined): LaunchType | undefined {
  if (v.option === "launch-type") return v.launchType;
  const strategy = strategyOf(v, cluster).filter((s) => s.capacityProvider);
  if (strategy.length === 0) return v.strategyChoice === "cluster-default" ? "EC2" : undefined;
  return strategy.every((s) => isFargateProvider(s.capacityProvider)) ? "FARGATE" : "EC2";
}

const WHOLE = /^\d+$/;

export type ComputeErrors = Partial<Record<string, string>>;

/**
 * The compute fields' issues by path ("compute", "compute.strategy[0].weight", ...). `def` is the
 * chosen task definition, when known; `daemon` for a DAEMON service.
 */
export function checkCompute(
  v: ComputeValues,
  cluster: ClusterCapacity | undefined,
  def?: DefinitionFacts,
  { daemon = false }: { daemon?: boolean } = {},
): ComputeErrors {
  const errors: ComputeErrors = {};
  if (v.option === "capacity-provider-strategy" && v.strategyChoice === "cluster-default") {
    if (!cluster?.defaultCapacityProviderStrategy?.length)
      errors.compute = "The cluster has no default capacity provider strategy. Choose Use custom (Advanced) or a launch type.";
  } else if (v.option === "capacity-provider-strategy") {
    if (v.strategy.length === 0) errors.compute = "Add a capacity provider to the strategy.";
    const seen = new Set<string>();
    v.strategy.forEach((r, i) => {
      const at = `compute.strategy[${i}]`;
      if (!r.capacityProvider) errors[`${at}.capacityProvider`] = "Choose a capacity provider.";
      else if (seen.has(r.capacityProvider)) errors[`${at}.capacityProvider`] = "A capacity provider can be in the strategy only once.";
      else if (cluster && !(cluster.capacityProviders ?? []).includes(r.capacityProvider))
        errors[`${at}.capacityProvider`] = "To use a capacity provider in a strategy, the capacity provider must be associated with the cluster.";
      seen.add(r.capacityProvider);
      if (!WHOLE.test(r.base.trim()) || Number(r.base) > 100000) errors[`${at}.base`] = "The base value must be between 0 and 100000.";
      if (!WHOLE.test(r.weight.trim()) || Number(r.weight) > 1000) errors[`${at}.weight`] = "The weight value must be between 0 and 1000.";
    });
    const rows = v.strategy.filter((r) => r.capacityProvider);
    if (!errors.compute && v.strategy.filter((r) => Number(r.base) > 0).length > 1)
      errors.compute = "Only one capacity provider in a strategy can have a base defined.";
    if (!errors.compute && v.strategy.length && v.strategy.every((r) => WHOLE.test(r.weight.trim()) && Number(r.weight) === 0))
      errors.compute = "At least one capacity provider in the strategy must have a weight greater than zero.";
    const fargate = rows.filter((r) => isFargateProvider(r.capacityProvider)).length;
    if (!errors.compute && fargate > 0 && fargate < rows.length)
      errors.compute =
        "The capacity provider strategy cannot contain a mix of capacity providers using Auto Scaling groups and Fargate providers. Specify one or the other and try again.";
  }
  const launchType = effectiveLaunchType(v, cluster);
  if (!errors.compute && launchType === "FARGATE") {
    if (def?.compatibilities && !def.compatibilities.includes("FARGATE")) errors.compute = "Task definition does not support launch_type FARGATE.";
    else if (daemon) errors.compute = "The DAEMON scheduling strategy is not supported with the FARGATE launch type.";
  }
  if (!errors.compute && launchType === "EC2" && def?.compatibilities && !def.compatibilities.includes("EC2"))
    errors.compute = "Task definition does not support launch_type EC2.";
  return errors;
}

export interface ComputeRequest {
  launchType?: LaunchType;
  capacityProviderStrategy?: Required<StrategyItem>[];
  platformVersion?: string;
}

/**
 * The RunTask / CreateService fields: a launch type (with the platform version on Fargate), or a custom
 * strategy, or nothing for the cluster's default (ECS applies it), never both.
 */
export function computeRequest(v: ComputeValues, cluster: ClusterCapacity | undefined): ComputeRequest {
  const fargate = effectiveLaunchType(v, cluster) === "FARGATE";
  const platform = fargate ? { platformVersion: v.platformVersion || "LATEST" } : {};
  if (v.option === "launch-type") return { launchType: v.launchType, ...platform };
  if (v.strategyChoice === "cluster-default") return platform;
  return {
    capacityProviderStrategy: v.strategy.map((r) => ({ capacityProvider: r.capacityProvider, weight: Number(r.weight), base: Number(r.base) })),
    ...platform,
  };
}

/** The launch type of a service (or task) as DescribeServices gives it: its own, or its strategy's. */
export function launchTypeOfService(x: { launchType?: string; capacityProviderStrategy?: readonly StrategyItem[] }): LaunchType | undefined {
  if (!x.capacityProviderStrategy?.length && x.launchType !== "FARGATE" && x.launchType !== "EC2") return undefined;
  return effectiveLaunchType(computeValuesOf(x), undefined);
}

/** A service's compute as the form holds it (the update form shows it read-only). */
export function computeValuesOf(x: { launchType?: string; capacityProviderStrategy?: readonly StrategyItem[]; platformVersion?: string }): ComputeValues {
  const platformVersion = x.platformVersion ?? "LATEST";
  if (x.capacityProviderStrategy?.length)
    return compute({
      strategy: x.capacityProviderStrategy.map((s) => ({ capacityProvider: s.capacityProvider, base: String(s.base ?? 0), weight: String(s.weight ?? 0) })),
      platformVersion,
    });
  return compute({ option: "launch-type", launchType: x.launchType === "FARGATE" ? "FARGATE" : "EC2", platformVersion });
}

/** "FARGATE (base 1, weight 1)" */
export const strategyItemText = (s: StrategyItem): string => `${s.capacityProvider} (base ${s.base ?? 0}, weight ${s.weight ?? 0})`;

/** How a service or task was launched, as the configuration views say it. */
export function computeSummary(x: { launchType?: string; capacityProviderStrategy?: readonly StrategyItem[] }): string {
  if (x.capacityProviderStrategy?.length) return `Capacity provider strategy: ${x.capacityProviderStrategy.map(strategyItemText).join(", ")}`;
  return x.launchType ? `Launch type: ${x.launchType}` : "-";
}

/** The compute choice in one line, under the collapsed **Compute configuration** section. */
export function computeChoiceText(v: ComputeValues): string {
  if (v.option === "launch-type") return `Launch type: ${v.launchType}`;
  if (v.strategyChoice === "cluster-default") return "Capacity provider strategy: cluster default";
  return `Capacity provider strategy: ${v.strategy.map((r) => r.capacityProvider).filter(Boolean).join(", ") || "custom"}`;
}
