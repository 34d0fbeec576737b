/**
 * Copies of list ranges for lists kept as long as their syntax tree (a statement's arguments, a
 * server line's options), written so that V8 can allocate them straight in the old generation.
 */

/**
 * `items.slice(from, to)`. Lengths up to 16 are written as array literals: V8 allocates a
 * literal's arrays in the old generation once it sees that they outlive the young one, and never
 * does so for `slice` (see "Pretenured records" in ARCHITECTURE.md).
 */
export function keptSlice<T>(items: readonly T[], from: number, to = items.length): T[] {
  const w = items;
  const a = from;
  // Past the end, `slice` stops at the end: so does the length here.
  switch ((to < items.length ? to : items.length) - from) {
    case 0:
      return [];
    case 1:
      return [w[a]] as T[];
    case 2:
      return [w[a], w[a + 1]] as T[];
    case 3:
      return [w[a], w[a + 1], w[a + 2]] as T[];
    case 4:
      return [w[a], w[a + 1], w[a + 2], w[a + 3]] as T[];
    case 5:
      return [w[a], w[a + 1], w[a + 2], w[a + 3], w[a + 4]] as T[];
    case 6:
      return [w[a], w[a + 1], w[a + 2], w[a + 3], w[a + 4], w[a + 5]] as T[];
    case 7:
      return [w[a], w[a + 1], w[a + 2], w[a + 3], w[a + 4], w[a + 5], w[a + 6]] as T[];
    case 8:
      return [w[a], w[a + 1], w[a + 2], w[a + 3], w[a + 4], w[a + 5], w[a + 6], w[a + 7]] as T[];
    case 9:
      return [
        w[a],
        w[a + 1],
        w[a + 2],
        w[a + 3],
        w[a + 4],
        w[a + 5],
        w[a + 6],
        w[a + 7],
        w[a + 8],
      ] as T[];
    case 10:
      return [
        w[a],
        w[a + 1],
        w[a + 2],
        w[a + 3],
        w[a + 4],
        w[a + 5],
        w[a + 6],
        w[a + 7],
        w[a + 8],
        w[a + 9],
      ] as T[];
    case 11:
      return [
        w[a],
        w[a + 1],
        w[a + 2],
        w[a + 3],
        w[a + 4],
        w[a + 5],
        w[a + 6],
        w[a + 7],
        w[a + 8],
        w[a + 9],
        w[a + 10],
      ] as T[];
    case 12:
      return [
        w[a],
        w[a + 1],
        w[a + 2],
        w[a + 3],
        w[a + 4],
        w[a + 5],
        w[a + 6],
        w[a + 7],
        w[a + 8],
        w[a + 9],
        w[a + 10],
        w[a + 11],
      ] as T[];
    case 13:
      return [
        w[a],
        w[a + 1],
        w[a + 2],
        w[a + 3],
        w[a + 4],
        w[a + 5],
        w[a + 6],
        w[a + 7],
        w[a + 8],
        w[a + 9],
        w[a + 10],
        w[a + 11],
        w[a + 12],
      ] as T[];
    case 14:
      return [
        w[a],
        w[a + 1],
        w[a + 2],
        w[a + 3],
        w[a + 4],
        w[a + 5],
        w[a + 6],
        w[a + 7],
        w[a + 8],
        w[a + 9],
        w[a + 10],
        w[a + 11],
        w[a + 12],
        w[a + 13],
      ] as T[];
    case 15:
      return [
        w[a],
        w[a + 1],
        w[a + 2],
        w[a + 3],
        w[a + 4],
        w[a + 5],
        w[a + 6],
        w[a + 7],
        w[a + 8],
        w[a + 9],
        w[a + 10],
        w[a + 11],
        w[a + 12],
        w[a + 13],
        w[a + 14],
      ] as T[];
    case 16:
      return [
        w[a],
        w[a + 1],
        w[a + 2],
        w[a + 3],
        w[a + 4],
        w[a + 5],
        w[a + 6],
        w[a + 7],
        w[a + 8],
        w[a + 9],
        w[a + 10],
        w[a + 11],
        w[a + 12],
        w[a + 13],
        w[a + 14],
        w[a + 15],
      ] as T[];
    default:
      return items.slice(from, to);
  }
}
