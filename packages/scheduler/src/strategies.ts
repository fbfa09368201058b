/**
 * ECS placement strategies as rankers. ECS applies them in order, each narrowing the ties the one
 * before left; what still ties at the end is chosen at random.
 */
import type { CandidateInstance, PlacementStrategy, Random } from "./types.ts";

/** The value an instance has for a spread field: instanceId/host, or attribute:NAME. */
export function spreadValue(instance: CandidateInstance, field: string): string | undefined {
  if (field === "instanceId" || field === "host") return instance.id;
  if (field.startsWith("attribute:")) return instance.attributes[field.slice("attribute:".length)];
  return undefined;
}

/** Keeps the candidates that rank best under one strategy. */
export function narrow(
  candidates: CandidateInstance[],
  strategy: PlacementStrategy,
  all: readonly CandidateInstance[],
  group: string,
  random: Random,
): CandidateInstance[] {
  if (candidates.length <= 1) return candidates;
  switch (strategy.type) {
    case "random":
      return [candidates[Math.floor(random() * candidates.length)]!];
    case "binpack": {
      const key = (c: CandidateInstance) => (strategy.field === "cpu" ? c.remaining.cpu : c.remaining.memory);
      return keepMin(candidates, key);
    }
    case "spread": {
      const field = strategy.field ?? "instanceId";
      // Tasks of the group already in each bucket, counted over the whole cluster, not only the candidates.
      const perValue = new Map<string | undefined, number>();
      for (const instance of all) {
        const value = spreadValue(instance, field);
        perValue.set(value, (perValue.get(value) ?? 0) + (instance.groupCounts[group] ?? 0));
      }
      return keepMin(candidates, (c) => perValue.get(spreadValue(c, field)) ?? 0);
    }
  }
}

function keepMin<T>(items: T[], key: (item: T) => number): T[] {
  let best = Infinity;
  let kept: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (k < best) {
      best = k;
      kept = [item];
    } else if (k === best) kept.push(item);
  }
  return kept;
}
