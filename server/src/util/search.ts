/**
 * Binary search over ascending numbers (line starts, record starts, key ids, byte offsets), written
 * once. `count` limits the search to the first elements of a buffer that is only partly used.
 */

/** Index of the last element at or below `v` among the first `count`; 0 when none is (callers check). */
export function lastAtOrBelow(sorted: ArrayLike<number>, v: number, count = sorted.length): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (sorted[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of the first element at or above `v` among the first `count`, or `count` when none is. */
export function firstAtOrAbove(sorted: ArrayLike<number>, v: number, count = sorted.length): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of `v` among the first `count`, or -1. */
export function indexOfSorted(sorted: ArrayLike<number>, v: number, count = sorted.length): number {
  const i = firstAtOrAbove(sorted, v, count);
  return i < count && sorted[i] === v ? i : -1;
}
