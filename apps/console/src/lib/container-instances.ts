/**
 * Container instances on the Infrastructure tab and the instance page: built-in vs custom attributes,
 * attribute name/value rules (as PutAttributes checks them), which **Actions** a selection allows, and
 * resource figures. Pure: unit-tested under apps/console/test.
 */

export interface AttributeLike {
  name: string;
  value?: string | null;
}

/** The agent's own attributes (ecs.*, com.amazonaws.ecs.*): read-only in the console. */
export const isBuiltInAttribute = (name: string): boolean => name.startsWith("ecs.") || name.startsWith("com.amazonaws.ecs.");

/** A capability the agent advertises (a name without a value, e.g. com.amazonaws.ecs.capability.docker-remote-api.1.41). */
export const isCapability = (a: AttributeLike): boolean => isBuiltInAttribute(a.name) && /\.capability\./.test(a.name) && !a.value;

/** Built-in first (as registered), then custom ones sorted by name. */
export function splitAttributes<T extends AttributeLike>(attributes: readonly T[] | undefined): { builtIn: T[]; custom: T[] } {
  const all = attributes ?? [];
  return {
    builtIn: all.filter((a) => isBuiltInAttribute(a.name)),
    custom: all.filter((a) => !isBuiltInAttribute(a.name)).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** "You can apply up to 10 custom attributes to a resource." */
export const MAX_CUSTOM_ATTRIBUTES = 10;

const ATTRIBUTE_NAME = /^[a-zA-Z0-9_/\\.-]{1,128}$/;
const ATTRIBUTE_VALUE = /^[a-zA-Z0-9_.@/\\: -]{1,128}$/;

export function validateAttributeName(name: string, existing: readonly string[] = []): string | undefined {
  if (!name) return "Enter a name.";
  if (name.length > 128) return "The name can have at most 128 characters.";
  if (!ATTRIBUTE_NAME.test(name))
    return "The name may contain letters, numbers, hyphens, underscores, forward slashes, back slashes, or periods.";
  if (isBuiltInAttribute(name)) return "Names starting with ecs. or com.amazonaws.ecs. are reserved for Amazon ECS.";
  if (existing.includes(name)) return `The instance already has an attribute named ${name}: remove it first, or enter the same name to replace its value.`;
  return undefined;
}

/** The value is optional (an attribute can be a bare name). */
export function validateAttributeValue(value: string): string | undefined {
  if (value === "") return undefined;
  if (value.trim() !== value) return "The value can't have leading or trailing whitespace.";
  if (value.length > 128) return "The value can have at most 128 characters.";
  if (!ATTRIBUTE_VALUE.test(value))
    return "The value may contain letters, numbers, hyphens, underscores, periods, at signs (@), forward slashes, back slashes, colons, or spaces.";
  return undefined;
}

export interface InstanceForActions {
  status: string;
  ec2InstanceId?: string;
  /** The Auto Scaling group the EC2 instance belongs to, when known. */
  autoScalingGroupName?: string;
  runningTasksCount?: number;
}

export interface InstanceActions {
  drain: boolean;
  activate: boolean;
  deregister: boolean;
  terminate: boolean;
  /** Why Terminate instance is off, when it is. */
  terminateReason?: string;
}

/** UpdateContainerInstancesState takes 1 to 10 instances a call. */
export const MAX_STATE_CHANGE = 10;

/** Which items of the **Actions** menu a selection allows. */
export function instanceActions(selected: readonly InstanceForActions[]): InstanceActions {
  const some = selected.length > 0;
  const few = selected.length <= MAX_STATE_CHANGE;
  const live = selected.filter((i) => i.status === "ACTIVE" || i.status === "DRAINING");
  const inGroup = selected.every((i) => !!i.ec2InstanceId && !!i.autoScalingGroupName);
  return {
    drain: some && few && selected.some((i) => i.status === "ACTIVE"),
    activate: some && few && selected.some((i) => i.status === "DRAINING"),
    deregister: some && live.length === selected.length,
    terminate: some && inGroup,
    ...(some && !inGroup ? { terminateReason: "Only instances of an Auto Scaling group can be terminated here." } : {}),
  };
}

/** The instances a state change applies to (the ones not already in that state). */
export function needsStateChange<T extends InstanceForActions>(selected: readonly T[], status: "ACTIVE" | "DRAINING"): T[] {
  return selected.filter((i) => (status === "DRAINING" ? i.status === "ACTIVE" : i.status === "DRAINING"));
}

export interface ResourceLike {
  name: string;
  integerValue?: number;
  stringSetValue?: string[];
}

export interface ResourceFigures {
  registered?: number;
  available?: number;
  used?: number;
}

/** Registered, available and used for CPU or MEMORY. */
export function resourceFigures(
  registered: readonly ResourceLike[] | undefined,
  remaining: readonly ResourceLike[] | undefined,
  name: "CPU" | "MEMORY",
): ResourceFigures {
  const reg = registered?.find((r) => r.name === name)?.integerValue;
  const avail = remaining?.find((r) => r.name === name)?.integerValue;
  return {
    registered: reg,
    available: avail,
    used: reg !== undefined && avail !== undefined ? Math.max(0, reg - avail) : undefined,
  };
}

/** The host ports in use (the PORTS and PORTS_UDP sets of the remaining resources), sorted numerically. */
export function reservedPorts(remaining: readonly ResourceLike[] | undefined, name: "PORTS" | "PORTS_UDP" = "PORTS"): string[] {
  const set = remaining?.find((r) => r.name === name)?.stringSetValue ?? [];
  return [...set].sort((a, b) => Number(a) - Number(b));
}

/** Scaling activity status codes, as the Auto Scaling console colours them. */
export function activityStatusKind(code: string | undefined): "success" | "error" | "in-progress" | "stopped" | "pending" {
  switch (code) {
    case "Successful":
      return "success";
    case "Failed":
      return "error";
    case "Cancelled":
      return "stopped";
    case "PendingSpotBidPlacement":
    case "WaitingForSpotInstanceRequestId":
    case "WaitingForSpotInstanceId":
    case "WaitingForInstanceId":
    case "PreInService":
    case "WaitingForELBConnectionDraining":
    case "MidLifecycleAction":
    case "WaitingForInstanceWarmup":
    case "InProgress":
    case undefined:
      return "in-progress";
    default:
      return "pending";
  }
}

/** "1 container instance" / "3 container instances". */
export const instancesNoun = (n: number): string => `${n} container ${n === 1 ? "instance" : "instances"}`;
