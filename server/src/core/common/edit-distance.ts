/**
 * The one edit distance behind every "did you mean" suggestion. Suggestions only ever want small
 * distances, so the computation is bounded: it looks at a band of `2 × limit + 1` cells per row
 * and stops as soon as a whole row exceeds the limit. Words longer than
 * {@link MAX_SUGGESTION_WORD} get no suggestion at all: no keyword is that long, and a hostile
 * 1 MB word must not cost seconds per candidate.
 */
import { countWork } from './work.js';

/** Longest word (and candidate) that suggestions consider. */
export const MAX_SUGGESTION_WORD = 64;

/** Most candidates one suggestion compares, whatever the size of the list it is given. */
export const MAX_SUGGESTION_CANDIDATES = 4096;

/**
 * Levenshtein distance between `a` and `b`, or `limit + 1` as soon as it is certain to exceed
 * `limit` (default {@link MAX_SUGGESTION_WORD}). Work is about `|a| × (2 × limit + 1)` cells and
 * memory two rows of `|b| + 1` numbers, whatever the lengths.
 */
export function editDistance(a: string, b: string, limit: number = MAX_SUGGESTION_WORD): number {
  if (a === b) return 0;
  const bound = Math.max(0, Math.floor(limit));
  const over = bound + 1;
  if (Math.abs(a.length - b.length) > bound) return over;
  // prev[j] is the distance between the first i - 1 characters of a and the first j of b. Only
  // the band |i - j| <= bound is computed: outside it the distance is at least |i - j| > bound,
  // so the cells just outside the band that the next row reads hold `over`.
  let prev = new Float64Array(b.length + 2);
  let cur = new Float64Array(b.length + 2);
  for (let j = 0; j <= b.length + 1; j++) prev[j] = j <= bound ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - bound);
    const to = Math.min(b.length, i + bound);
    cur[from - 1] = from === 1 && i <= bound ? i : over;
    cur[to + 1] = over;
    let rowMin = cur[from - 1] ?? over;
    countWork(to - from + 1);
    const code = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = code === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(
        (prev[j] ?? over) + 1,
        (cur[j - 1] ?? over) + 1,
        (prev[j - 1] ?? over) + cost,
        over,
      );
      cur[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > bound) return over;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[b.length] ?? over, over);
}

/**
 * Distinct candidates within `limit` edits of `word`, with their distance, in the order first
 * seen; nothing for a word longer than {@link MAX_SUGGESTION_WORD}. Equal candidates (distance 0)
 * are included. At most {@link MAX_SUGGESTION_CANDIDATES} entries of `candidates` are looked at
 * (repeats included), so a suggestion costs the same among ten names or a million.
 */
export function closeCandidates(
  word: string,
  candidates: Iterable<string>,
  limit: number,
): { name: string; distance: number }[] {
  const close: { name: string; distance: number }[] = [];
  if (word.length > MAX_SUGGESTION_WORD) return close;
  const seen = new Set<string>();
  let looked = 0;
  for (const name of candidates) {
    if (++looked > MAX_SUGGESTION_CANDIDATES) break;
    if (name.length > MAX_SUGGESTION_WORD || seen.has(name)) continue;
    seen.add(name);
    const distance = editDistance(word, name, limit);
    if (distance <= limit) close.push({ name, distance });
  }
  return close;
}
