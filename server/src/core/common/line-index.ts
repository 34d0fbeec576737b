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
export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
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
