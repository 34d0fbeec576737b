/**
 * Cursor and range markers for inline test inputs. `<|>` marks a cursor; `<|` and `|>` delimit a
 * range. The markers are chosen so that they never clash with HAProxy's `||` or `!`.
 */
export interface Marked {
  /** The text with every marker removed. */
  readonly text: string;
  /** Offsets of the `<|>` cursors, in order. */
  readonly cursors: number[];
  /** `[start, end)` offsets of the `<|…|>` ranges, in order of their start. */
  readonly ranges: Array<{ start: number; end: number }>;
}

/** Strips the markers from `input` and reports where they were. */
export function mark(input: string): Marked {
  let text = '';
  const cursors: number[] = [];
  const ranges: Array<{ start: number; end: number }> = [];
  const open: number[] = [];
  for (let i = 0; i < input.length;) {
    if (input.startsWith('<|>', i)) {
      cursors.push(text.length);
      i += 3;
    } else if (input.startsWith('<|', i)) {
      open.push(text.length);
      i += 2;
    } else if (input.startsWith('|>', i) && open.length > 0) {
      const start = open.pop() ?? 0;
      ranges.push({ start, end: text.length });
      i += 2;
    } else {
      text += input[i];
      i += 1;
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  return { text, cursors, ranges };
}
