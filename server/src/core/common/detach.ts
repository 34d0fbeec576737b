/**
 * Strings that outlive the text they were cut from. V8 represents a substring of 13 characters or
 * more as a view into its parent ("sliced string") and a concatenation as a pair of its parts, so
 * one word kept in a syntax tree keeps the whole document text it came from alive. Incremental
 * parsing reuses the untouched parts of a tree across many versions of a document: without a copy,
 * every version whose words survive somewhere stays in memory (about a megabyte per edit on a
 * 15,000-line file). The lexers cut every string they store with {@link cut}.
 */

/** V8 copies substrings shorter than this (`SlicedString::kMinLength`) instead of viewing them. */
const SHARED_MIN_LENGTH = 13;

/**
 * `text` as a flat string of its own. Prepending a character builds a pair that slicing has to
 * flatten into a fresh string of `text.length + 1` characters; the slice is a view into that
 * fresh string only. Cheaper than any character-by-character copy, and short strings, which V8
 * copies anyway, are returned as they are.
 */
export function detached(text: string): string {
  return text.length < SHARED_MIN_LENGTH ? text : (' ' + text).slice(1);
}

/** `text.slice(start, end)` that does not keep `text` alive. */
export function cut(text: string, start: number, end: number): string {
  return detached(text.slice(start, end));
}
