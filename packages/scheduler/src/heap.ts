/** A binary min-heap whose items know their slot, so a changed or vanished item is fixed in O(log n). */
export interface HeapItem {
  /** Slot in the heap, -1 when not in it. */
  heapIndex: number;
}

export class IndexedHeap<T extends HeapItem> {
  private readonly items: T[] = [];
  constructor(private readonly compare: (a: T, b: T) => number) {}

  top(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.up(item.heapIndex);
  }

  remove(item: T): void {
    const at = item.heapIndex;
    const last = this.items.pop()!;
    item.heapIndex = -1;
    if (last === item) return;
    this.place(last, at);
    this.update(last);
  }

  /** Restores order after `item`'s key changed. */
  update(item: T): void {
    this.up(item.heapIndex);
    this.down(item.heapIndex);
  }

  /** Every item comparing equal to the top: a subtree hanging from the root, so O(result). */
  minima(): T[] {
    const top = this.items[0];
    if (!top) return [];
    const result: T[] = [];
    const stack = [0];
    while (stack.length) {
      const i = stack.pop()!;
      const item = this.items[i];
      if (!item || this.compare(item, top) !== 0) continue;
      result.push(item);
      stack.push(2 * i + 1, 2 * i + 2);
    }
    return result;
  }

  private up(i: number): void {
    const item = this.items[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(this.items[parent]!, item) <= 0) break;
      this.place(this.items[parent]!, i);
      i = parent;
    }
    this.place(item, i);
  }

  private down(i: number): void {
    const item = this.items[i]!;
    const n = this.items.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.compare(this.items[child + 1]!, this.items[child]!) < 0) child++;
      if (this.compare(this.items[child]!, item) >= 0) break;
      this.place(this.items[child]!, i);
      i = child;
    }
    this.place(item, i);
  }

  private place(item: T, i: number): void {
    this.items[i] = item;
    item.heapIndex = i;
  }
}
