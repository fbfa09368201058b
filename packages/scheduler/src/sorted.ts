/** Sorted arrays of distinct instance indices: the members of a tie class, kept in tie-break order. */

/** How many of `sorted` are < value. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertSorted(sorted: number[], value: number): void {
  sorted.splice(lowerBound(sorted, value), 0, value);
}

export function removeSorted(sorted: number[], value: number): void {
  sorted.splice(lowerBound(sorted, value), 1);
}

/** The n-th smallest (0-based) value across disjoint sorted arrays, without merging them. */
export function nthOfUnion(arrays: readonly (readonly number[])[], n: number): number {
  if (arrays.length === 1) return arrays[0]![n]!;
  // Smallest v with more than n values <= v.
  let lo = 0;
  let hi = Math.max(...arrays.map((a) => a[a.length - 1] ?? 0));
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    let atMost = 0;
    for (const a of arrays) atMost += lowerBound(a, mid + 1);
    if (atMost > n) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
