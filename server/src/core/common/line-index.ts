/**
 * Maps between string offsets and LSP-style line/character positions.
 *
 * JavaScript strings are UTF-16, so an offset already counts UTF-16 code units, which is exactly
 * what LSP positions and the CLI's columns use. Lines end at `\n`; a `\r` before it belongs to the
 * line ending, not to the line's text.
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    let at = text.indexOf('\n');
    while (at !== -1) {
      starts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    this.starts = starts;
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
    const next = line + 1 < this.starts.length ? this.lineStart(line + 1) - 1 : this.text.length;
    return next > 0 && this.text.charCodeAt(next - 1) === 13 && next - 1 >= this.lineStart(line)
      ? next - 1
      : next;
  }

  /** 0-based line and character of `offset` (binary search, so O(log n)). */
  positionAt(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - (this.starts[low] ?? 0) };
  }

  /** Offset of a 0-based line/character, clamped to the line's end. */
  offsetAt(position: { line: number; character: number }): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.lineStart(position.line);
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }
}
