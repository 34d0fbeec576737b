/**
 * Duplicate checks in one pass. Rules that report "defined twice" used to compare every entry
 * with every earlier one, which costs the square of the number of copies: ten thousand identical
 * blocks took tens of seconds. Here entries are grouped by key, each is compared with a bounded
 * number of earlier ones, and a rule reports each group once.
 */
import { countWork } from './work.js';

/** Most earlier entries of one key a duplicate check compares a new entry with. */
const MAX_COMPARED = 64;

/** Most related locations a grouped duplicate finding lists. */
export const MAX_RELATED = 20;

/** Entries that clash with `first`, which was written before all of them. */
interface DuplicateGroup<T> {
  readonly first: T;
  readonly duplicates: readonly T[];
}

/**
 * The duplicates among `entries`, in one pass: an entry is a duplicate when it `clash`es with an
 * earlier entry of the same key, and is grouped under the earliest such entry. Entries with the
 * same `signature` behave alike in `clash` as the earlier side, so only the first of each
 * signature is kept for comparison, and at most {@link MAX_COMPARED} signatures per key: ten
 * thousand copies of one instance cost ten thousand comparisons, not fifty million. Groups come
 * in the order of their first duplicate.
 */
export function duplicateGroups<T>(
  entries: Iterable<T>,
  keyOf: (entry: T) => string | undefined,
  signatureOf: (entry: T) => string,
  clash: (earlier: T, later: T) => boolean,
): DuplicateGroup<T>[] {
  // Most keys have one entry: it is kept alone, and its signature is only read (and the key's
  // map of signatures made) once a second entry of the key comes.
  const alone = new Map<string, T>();
  const earlier = new Map<string, Map<string, T>>();
  const groups = new Map<T, T[]>();
  const clashWith = (candidate: T, entry: T): boolean => {
    countWork();
    if (!clash(candidate, entry)) return false;
    const group = groups.get(candidate);
    if (group) group.push(entry);
    else groups.set(candidate, [entry]);
    return true;
  };
  for (const entry of entries) {
    const key = keyOf(entry);
    if (key === undefined) continue;
    let kept = earlier.get(key);
    if (!kept) {
      if (!alone.has(key)) {
        alone.set(key, entry);
        continue;
      }
      const first = alone.get(key) as T;
      alone.delete(key);
      kept = new Map([[signatureOf(first), first]]);
      earlier.set(key, kept);
    }
    for (const candidate of kept.values()) if (clashWith(candidate, entry)) break;
    const signature = signatureOf(entry);
    if (kept.size < MAX_COMPARED && !kept.has(signature)) kept.set(signature, entry);
  }
  return [...groups].map(([first, duplicates]) => ({ first, duplicates }));
}
