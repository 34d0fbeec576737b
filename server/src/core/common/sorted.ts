/**
 * Binary search over lists ordered by offset (sections, items, segments, sites): the one place
 * that answers "which element holds this offset" for the parsers, the rule runner and the
 * editor features.
 */

/** Index of the last element whose start is at or before `offset` (-1 when none). */
export function lastStartingBefore<T extends { readonly start: number }>(
  list: readonly T[],
  offset: number,
): number {
  let low = 0;
  let high = list.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((list[mid]?.start ?? 0) <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
