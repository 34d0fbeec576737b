/**
 * Linear replacements for regular expressions of the shape `/x+$/` or `/sep.*$/`. V8 tries such
 * a pattern from every starting position, so on a long run that does not reach the end (a million
 * zeros followed by a `1`, a line of `--` before a U+2028) it costs the square of the run.
 */

/** `text` without the trailing characters for which `drop` holds. */
export function trimEndWhile(text: string, drop: (code: number) => boolean): string {
  let end = text.length;
  while (end > 0 && drop(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

/** The part of `text` before the first `marker` (all of it when there is none). */
export function beforeFirst(text: string, marker: string): string {
  const at = text.indexOf(marker);
  return at < 0 ? text : text.slice(0, at);
}
