/** The fast path's data structures against the obvious implementations, on seeded random operations. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { IndexedHeap } from "../src/heap.ts";
import { seededRandom } from "../src/index.ts";
import { insertSorted, nthOfUnion, removeSorted } from "../src/sorted.ts";

test("IndexedHeap: top and minima match a sorted copy through pushes, updates and removals", () => {
  const random = seededRandom(11);
  const heap = new IndexedHeap<{ heapIndex: number; key: number }>((a, b) => a.key - b.key);
  const live: { heapIndex: number; key: number }[] = [];
  for (let step = 0; step < 5000; step++) {
    const op = random();
    if (op < 0.4 || live.length === 0) {
      const item = { heapIndex: -1, key: Math.floor(random() * 20) };
      heap.push(item);
      live.push(item);
    } else if (op < 0.7) {
      const item = live[Math.floor(random() * live.length)]!;
      item.key = Math.floor(random() * 20);
      heap.update(item);
    } else {
      const item = live.splice(Math.floor(random() * live.length), 1)[0]!;
      heap.remove(item);
      assert.equal(item.heapIndex, -1);
    }
    const min = Math.min(...live.map((i) => i.key));
    assert.equal(heap.top()?.key, live.length ? min : undefined);
    assert.equal(heap.minima().length, live.filter((i) => i.key === min).length);
  }
});

test("nthOfUnion finds the n-th smallest across disjoint sorted arrays", () => {
  const random = seededRandom(5);
  for (let round = 0; round < 300; round++) {
    const arrays: number[][] = Array.from({ length: 1 + Math.floor(random() * 4) }, () => []);
    const all: number[] = [];
    for (let v = 0; v < 200; v++) {
      if (random() < 0.5) continue;
      insertSorted(arrays[Math.floor(random() * arrays.length)]!, v);
      all.push(v);
    }
    // Remove a few again, as instances leave their tie class.
    for (const v of all.filter(() => random() < 0.1)) {
      removeSorted(arrays.find((a) => a.includes(v))!, v);
      all.splice(all.indexOf(v), 1);
    }
    const nonEmpty = arrays.filter((a) => a.length > 0);
    for (let n = 0; n < all.length; n++) assert.equal(nthOfUnion(nonEmpty, n), all[n]);
  }
});
