/**
 * spread(instanceId|host|attribute:NAME): fewest tasks of the same group (a service's tasks, or a
 * standalone task group) per value. Instances without the attribute share one bucket of their own.
 */
import { groupCount } from "../state.ts";
import type { CandidateInstance } from "../types.ts";
import type { Ranker } from "./ranker.ts";

/** The value an instance has for a spread field: its id for instanceId/host, else the attribute's value. */
export function spreadValue(instance: CandidateInstance, field: string): string | undefined {
  if (field === "instanceId" || field === "host") return instance.id;
  if (field.startsWith("attribute:")) return instance.attributes[field.slice("attribute:".length)];
  return undefined;
}

export function spreadRanker(field = "instanceId", group: string): Ranker {
  // One instance per value: rank the instance by its own count rather than bucketing by id.
  if (field === "instanceId" || field === "host") return { kind: "instance", key: (s) => groupCount(s, group) };
  if (!field.startsWith("attribute:")) return { kind: "bucket", value: () => undefined };
  const name = field.slice("attribute:".length);
  return { kind: "bucket", value: (instance) => instance.attributes[name] };
}
