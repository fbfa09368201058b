/** binpack(cpu|memory): "the least available amount of the resource ... but still enough to run the task". */
import type { Ranker } from "./ranker.ts";

export function binpackRanker(field: string | undefined): Ranker {
  return field === "cpu" ? { kind: "instance", key: (s) => s.cpu } : { kind: "instance", key: (s) => s.memory };
}
