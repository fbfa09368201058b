/**
 * The feasible instances ranked by a scan per placement: for a call that places a few tasks, cheaper
 * than building a RankIndex over the whole cluster (whose build costs more than the few lookups it saves).
 * Same answers as RankIndex: the instances tied for the best lexicographic rank, in instance order.
 */
import { removeSorted } from "./sorted.ts";
import { groupCount, type InstanceState } from "./state.ts";
import type { Ranker } from "./strategies/ranker.ts";

export class ScanRanking {
  /** Feasible instances' indices, sorted. */
  private readonly members: number[] = [];
  /** Per ranker: a bucket's value id per instance index and the group's tasks per value, or an own key. */
  private readonly keys: ((index: number) => number)[] = [];
  private readonly buckets: { valueOf: Int32Array; counts: number[] }[] = [];
  private readonly rank: number[];

  constructor(rankers: readonly Ranker[], states: readonly InstanceState[], group: string) {
    for (const ranker of rankers) {
      if (ranker.kind === "instance") {
        this.keys.push((index) => ranker.key(states[index]!));
        continue;
      }
      const ids = new Map<string | undefined, number>();
      const bucket = { valueOf: new Int32Array(states.length), counts: [] as number[] };
      for (const s of states) {
        const value = ranker.value(s.instance);
        let id = ids.get(value);
        if (id === undefined) ids.set(value, (id = bucket.counts.push(0) - 1));
        bucket.valueOf[s.index] = id;
        bucket.counts[id]! += groupCount(s, group);
      }
      this.buckets.push(bucket);
      this.keys.push((index) => bucket.counts[bucket.valueOf[index]!]!);
    }
    this.rank = new Array(this.keys.length);
  }

  /** Instances must be added in index order. */
  add(s: InstanceState): void {
    this.members.push(s.index);
  }

  best(): number[][] {
    if (this.keys.length === 0) return this.members.length ? [this.members] : [];
    const tied: number[] = [];
    const rank = this.rank;
    for (const index of this.members) {
      // -1: better than the ties so far, 0: equal so far, 1: worse.
      let order = tied.length === 0 ? -1 : 0;
      for (let k = 0; k < this.keys.length; k++) {
        const key = this.keys[k]!(index);
        if (order === 0) {
          if (key === rank[k]) continue;
          if (key > rank[k]!) {
            order = 1;
            break;
          }
          order = -1;
        }
        rank[k] = key;
      }
      if (order === 1) continue;
      if (order === -1) tied.length = 0;
      tied.push(index);
    }
    return tied.length ? [tied] : [];
  }

  placed(s: InstanceState, feasible: boolean): void {
    for (const bucket of this.buckets) bucket.counts[bucket.valueOf[s.index]!]!++;
    if (!feasible) removeSorted(this.members, s.index);
  }
}
