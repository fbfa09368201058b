/**
 * The feasible instances, kept in rank order as tasks are placed, so choosing the next instance costs
 * about O(log instances) instead of a scan.
 *
 * Instances with the same value for every spread-by-attribute field form a cell: they share those
 * ranks, and a placement moves the count of one value per field, so only the cells holding that value
 * change. Inside a cell, instances with equal own ranks (binpack, spread by instance) form a tie class,
 * whose members are kept sorted by instance index. A cell's rank is the full lexicographic rank of its
 * best class; the best cells' best classes are exactly the instances tied for the next task.
 */
import { IndexedHeap, type HeapItem } from "./heap.ts";
import { insertSorted, removeSorted } from "./sorted.ts";
import { groupCount, type InstanceState } from "./state.ts";
import type { Ranker } from "./strategies/ranker.ts";

interface TieClass extends HeapItem {
  id: string | number;
  /** The instance rankers' keys, in strategy order. */
  key: number[];
  members: number[];
}

interface Cell extends HeapItem {
  /** Value id per bucket ranker. */
  values: number[];
  classes: Map<string | number, TieClass>;
  best: IndexedHeap<TieClass>;
  /** One entry per ranker: a bucket's task count or the best class's key. */
  rank: number[];
  /** The last placement that refreshed it, so a cell is refreshed once per placement. */
  stamp: number;
}

interface Bucket {
  /** Value id of each instance, by instance index. */
  valueOf: Int32Array;
  /** Tasks of the group per value id, across the whole cluster. */
  counts: number[];
  cellsWith: Cell[][];
}

const lexicographic = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
};

export class RankIndex {
  private readonly ownKeys: ((s: InstanceState) => number)[] = [];
  private readonly buckets: Bucket[] = [];
  /** For each ranker: which bucket (>= 0) or which own key (~index, < 0) it reads. */
  private readonly layout: number[] = [];
  private readonly cells = new Map<string, Cell>();
  private readonly cellOf: (Cell | undefined)[];
  private readonly classOf: (TieClass | undefined)[];
  private readonly heap = new IndexedHeap<Cell>((a, b) => lexicographic(a.rank, b.rank));
  private stamp = 0;

  constructor(rankers: readonly Ranker[], states: readonly InstanceState[], group: string) {
    this.cellOf = new Array(states.length);
    this.classOf = new Array(states.length);
    for (const ranker of rankers) {
      if (ranker.kind === "instance") {
        this.layout.push(~this.ownKeys.length);
        this.ownKeys.push(ranker.key);
        continue;
      }
      this.layout.push(this.buckets.length);
      const ids = new Map<string | undefined, number>();
      const bucket: Bucket = { valueOf: new Int32Array(states.length), counts: [], cellsWith: [] };
      for (const s of states) {
        const value = ranker.value(s.instance);
        let id = ids.get(value);
        if (id === undefined) {
          ids.set(value, (id = ids.size));
          bucket.counts.push(0);
          bucket.cellsWith.push([]);
        }
        bucket.valueOf[s.index] = id;
        bucket.counts[id]! += groupCount(s, group);
      }
      this.buckets.push(bucket);
    }
  }

  add(s: InstanceState): void {
    const cell = this.cellFor(s.index);
    this.join(cell, s);
    this.refresh(cell);
  }

  /** The instances tied for the next task: sorted index lists, one per best cell. */
  best(): number[][] {
    return this.heap.minima().map((cell) => cell.best.top()!.members);
  }

  /** A task was placed on `s`: its values' counts and its own keys moved; drop it if it can take no more. */
  placed(s: InstanceState, feasible: boolean): void {
    const stamp = ++this.stamp;
    const cell = this.cellOf[s.index]!;
    const own = this.classOf[s.index]!;
    const key = this.ownKeys.map((k) => k(s));
    if (!feasible || lexicographic(key, own.key) !== 0) {
      this.leave(cell, own, s.index);
      if (feasible) this.join(cell, s, key);
    }
    for (const bucket of this.buckets) bucket.counts[bucket.valueOf[s.index]!]!++;
    cell.stamp = stamp;
    this.refresh(cell);
    for (const bucket of this.buckets) {
      for (const other of bucket.cellsWith[bucket.valueOf[s.index]!]!) {
        if (other.stamp === stamp) continue;
        other.stamp = stamp;
        this.refresh(other);
      }
    }
  }

  private cellFor(index: number): Cell {
    const existing = this.cellOf[index];
    if (existing) return existing;
    const values = this.buckets.map((b) => b.valueOf[index]!);
    const id = values.join(",");
    let cell = this.cells.get(id);
    if (!cell) {
      cell = { heapIndex: -1, values, classes: new Map(), best: new IndexedHeap((a, b) => lexicographic(a.key, b.key)), rank: [], stamp: 0 };
      this.cells.set(id, cell);
      this.buckets.forEach((b, i) => b.cellsWith[values[i]!]!.push(cell!));
    }
    this.cellOf[index] = cell;
    return cell;
  }

  private join(cell: Cell, s: InstanceState, key = this.ownKeys.map((k) => k(s))): void {
    const id = key.length === 1 ? key[0]! : key.join(",");
    let tie = cell.classes.get(id);
    if (!tie) {
      tie = { heapIndex: -1, id, key, members: [] };
      cell.classes.set(id, tie);
      cell.best.push(tie);
    }
    insertSorted(tie.members, s.index);
    this.classOf[s.index] = tie;
  }

  private leave(cell: Cell, tie: TieClass, index: number): void {
    removeSorted(tie.members, index);
    this.classOf[index] = undefined;
    if (tie.members.length > 0) return;
    cell.best.remove(tie);
    cell.classes.delete(tie.id);
  }

  /** Recomputes a cell's rank and its place among cells (or drops it once empty). */
  private refresh(cell: Cell): void {
    const top = cell.best.top();
    if (!top) {
      if (cell.heapIndex >= 0) this.heap.remove(cell);
      return;
    }
    for (let i = 0; i < this.layout.length; i++) {
      const at = this.layout[i]!;
      cell.rank[i] = at >= 0 ? this.buckets[at]!.counts[cell.values[at]!]! : top.key[~at]!;
    }
    if (cell.heapIndex >= 0) this.heap.update(cell);
    else this.heap.push(cell);
  }
}
