/**
 * Small linear scans of a text: the whole line around a node, and replacements for regular
 * expressions of the shape `/x+$/` or `/sep.*$/`. V8 tries such a pattern from every starting
 * position, so on a long run that does not reach the end (a million zeros followed by a `1`, a
 * line of `--` before a U+2028) it costs the square of the run.
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

/** The whole line of `node`: from its start to after its line break (or the end of the text). */
export function lineSpan(
  text: string,
  node: { readonly start: number; readonly end: number },
): { readonly start: number; readonly end: number } {
  const start = text.lastIndexOf('\n', node.start - 1) + 1;
  const newline = text.indexOf('\n', node.end);
  return { start, end: newline < 0 ? text.length : newline + 1 };
}
