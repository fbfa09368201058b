/** One feasibility question about one instance, as both placement implementations ask it. */
import type { InstanceState } from "./state.ts";
import type { PlacementReason } from "./types.ts";

export interface Rejection {
  reason: PlacementReason;
  requested?: number;
  available?: number;
  ports?: number[];
}

export interface Check {
  /** True when the answer cannot change while tasks are placed (so it is asked once per call). */
  readonly static: boolean;
  run(s: InstanceState): Rejection | undefined;
}
