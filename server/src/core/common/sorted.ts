/**
 * Binary search over lists ordered by offset (sections, items, segments, sites, line starts): the
 * one place that answers "which element holds this offset" for the parsers, the rule runner, the
 * line index and the editor features.
 */

/**
 * Index of the last of `length` ascending entries for which `atOrBefore(index)` holds, when it
 * holds for a prefix of them (-1 when it holds for none).
 */
function lastWhere(length: number, atOrBefore: (index: number) => boolean): number {
  let low = 0;
  let high = length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (atOrBefore(mid)) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** Index of the last element whose start is at or before `offset` (-1 when none). */
export function lastStartingBefore<T extends { readonly start: number }>(
  list: readonly T[],
  offset: number,
): number {
  return lastWhere(list.length, (index) => (list[index]?.start ?? 0) <= offset);
}

/** Index of the last of the ascending `values` that is at or before `offset` (-1 when none). */
export function lastAtMost(values: readonly number[], offset: number): number {
  return lastWhere(values.length, (index) => (values[index] ?? 0) <= offset);
}
