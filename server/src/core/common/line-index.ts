/**
 * Maps between string offsets and LSP-style line/character positions.
 *
 * JavaScript strings are UTF-16, so an offset already counts UTF-16 code units, which is exactly
 * what LSP positions and the CLI's columns use. Lines end at `\n`, `\r\n` or a lone `\r`, as LSP
 * 3.17 and editors count them (a client computes its edits' positions that way, so any other
 * count puts diagnostics on the wrong lines and edits in the wrong places). The line ending does
 * not belong to the line's text. The parsers keep the daemons' own view of lines; only positions
 * go through here.
 */
import { lastAtMost } from './sorted.js';
import type { TextChange } from './text-change.js';

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];
  /** Whether the text has a `\r`: without one, every line ends at a `\n` alone. */
  private readonly carriageReturns: boolean;

  constructor(
    private readonly text: string,
    /** Already known (see {@link LineIndex.edited}); not for other callers. */
    known?: number[],
  ) {
    if (known !== undefined) {
      this.starts = known;
      this.carriageReturns = false;
      return;
    }
    const starts = [0];
    this.carriageReturns = text.includes('\r');
    if (!this.carriageReturns) {
      // The common case, at indexOf speed.
      let at = text.indexOf('\n');
      while (at !== -1) {
        starts.push(at + 1);
        at = text.indexOf('\n', at + 1);
      }
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }

  /**
   * The index of `text`, which is `previous`'s text with `change` applied. The lines before the
   * change keep their starts, the ones after it move by the change's length difference, and only
   * the inserted text is read: a keystroke in a large file costs a copy of the starts instead of
   * a search of the whole text. A text with `\r` is indexed afresh, since an edit next to one can
   * join or split a `\r\n` pair outside the changed range.
   */
  static edited(previous: LineIndex, text: string, change: TextChange): LineIndex {
    if (previous.carriageReturns || change.text.includes('\r')) return new LineIndex(text);
    const old = previous.starts;
    const delta = change.text.length - (change.end - change.start);
    // Starts up to the change's start are kept: their `\n` lies before it.
    const kept = lastAtMost(old, change.start) + 1;
    const added: number[] = [];
    for (let at = text.indexOf('\n', change.start); at !== -1; at = text.indexOf('\n', at + 1)) {
      if (at >= change.start + change.text.length) break;
      added.push(at + 1);
    }
    // Starts whose `\n` was removed (inside the replaced range) are dropped; the rest move.
    const moved = lastAtMost(old, change.end) + 1;
    // Made at its final length: pushed start by start, the list of a 75k-line file was regrown
    // and copied several times at every keystroke (three times the cost, measured).
    const starts = new Array<number>(kept + added.length + old.length - moved);
    let at = 0;
    for (let i = 0; i < kept; i++) starts[at++] = old[i] as number;
    for (const start of added) starts[at++] = start;
    for (let i = moved; i < old.length; i++) starts[at++] = (old[i] as number) + delta;
    return new LineIndex(text, starts);
  }

  /** Number of lines (a text ending with `\n` has an empty last line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset where `line` (0-based) starts; clamped to the text. */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return this.starts[line] ?? this.text.length;
  }

  /** Offset just past the last character of `line`, before its line ending. */
  lineEnd(line: number): number {
    if (line < 0) line = 0;
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.lineStart(line + 1);
    // The ending is `\n`, `\r` or `\r\n`: one or two code units before the next line.
    if (this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13) {
      return Math.max(this.lineStart(line), next - 2);
    }
    return next - 1;
  }

  /** 0-based line and character of `offset` (binary search, so O(log n)). */
  positionAt(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    // The first start is 0, so some line always holds the offset.
    const line = Math.max(0, lastAtMost(this.starts, clamped));
    return { line, character: clamped - (this.starts[line] ?? 0) };
  }

  /** Offset of a 0-based line/character, clamped to the line's end. */
  offsetAt(position: { line: number; character: number }): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.lineStart(position.line);
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }
}
