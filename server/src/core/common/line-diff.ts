/**
 * A small line diff (Myers' O((N+M)·D) algorithm) for the edits of fix-all and the unified diff of
 * `halint --fix --dry-run`. Fixes change a few lines of a file, so D is small; past
 * {@link MAX_DIFF_DISTANCE} differences the changed middle is given as one replacement instead.
 */
import type { TextEdit } from './issue.js';

/** One run of changed lines: `oldCount` lines at `oldStart` become `newLines` (0-based lines). */
export interface LineChange {
  readonly oldStart: number;
  readonly oldCount: number;
  readonly newStart: number;
  readonly newLines: readonly string[];
}

/** Beyond this many inserted plus deleted lines, the middle is one change (bounds the work). */
export const MAX_DIFF_DISTANCE = 4000;

/** The lines of a text, each with its line feed (the last one may have none). */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    lines.push(text.slice(start, end));
    start = end;
  }
  return lines;
}

/** Myers' shortest edit script of `a` → `b` as kept/changed flags, or undefined past `max`. */
function editScript(
  a: readonly string[],
  b: readonly string[],
  max: number,
): { keptA: boolean[]; keptB: boolean[] } | undefined {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(n + m, max); d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return undefined;
  const keptA = new Array<boolean>(n).fill(false);
  const keptB = new Array<boolean>(m).fill(false);
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const before = trace[d] as Int32Array;
    const k = x - y;
    const down =
      k === -d || (k !== d && (before[offset + k - 1] ?? 0) < (before[offset + k + 1] ?? 0));
    const previousK = down ? k + 1 : k - 1;
    const previousX = before[offset + previousK] ?? 0;
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      keptA[--x] = true;
      keptB[--y] = true;
    }
    x = previousX;
    y = previousY;
  }
  while (x > 0 && y > 0) {
    keptA[--x] = true;
    keptB[--y] = true;
  }
  return { keptA, keptB };
}

/** The runs of changed lines that turn `before` into `after`, in order. */
export function diffLines(before: string, after: string): LineChange[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // The common head and tail cost nothing to find and are most of a fixed file.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  const middleA = a.slice(head, a.length - tail);
  const middleB = b.slice(head, b.length - tail);
  if (middleA.length === 0 && middleB.length === 0) return [];
  const script = editScript(middleA, middleB, MAX_DIFF_DISTANCE);
  if (!script) {
    return [{ oldStart: head, oldCount: middleA.length, newStart: head, newLines: middleB }];
  }
  const changes: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < middleA.length || j < middleB.length) {
    if (i < middleA.length && j < middleB.length && script.keptA[i] && script.keptB[j]) {
      i++;
      j++;
      continue;
    }
    const oldStart = i;
    const newStart = j;
    while (i < middleA.length && !script.keptA[i]) i++;
    while (j < middleB.length && !script.keptB[j]) j++;
    changes.push({
      oldStart: head + oldStart,
      oldCount: i - oldStart,
      newStart: head + newStart,
      newLines: middleB.slice(newStart, j),
    });
  }
  return changes;
}

/** The changes of {@link diffLines} as offset edits of `before`, one per run of lines. */
export function lineEdits(before: string, after: string): TextEdit[] {
  const lines = splitLines(before);
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length;
  }
  starts.push(offset);
  return diffLines(before, after).map((change) => ({
    start: starts[change.oldStart] ?? offset,
    end: starts[change.oldStart + change.oldCount] ?? offset,
    text: change.newLines.join(''),
  }));
}

/** One diff line: a prefix, the line without its line feed, and the no-newline marker. */
function diffLine(prefix: string, line: string): string {
  return line.endsWith('\n')
    ? `${prefix}${line}`
    : `${prefix}${line}\n\\ No newline at end of file\n`;
}

/**
 * A unified diff (`diff -u` / `git diff` format) of `before` → `after`, with `context` unchanged
 * lines around each change; empty when the texts are equal.
 */
export function unifiedDiff(
  oldLabel: string,
  newLabel: string,
  before: string,
  after: string,
  context = 3,
): string {
  const changes = diffLines(before, after);
  if (changes.length === 0) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  let out = `--- ${oldLabel}\n+++ ${newLabel}\n`;
  let index = 0;
  while (index < changes.length) {
    // Changes closer than twice the context share one hunk.
    let last = index;
    while (last + 1 < changes.length) {
      const current = changes[last] as LineChange;
      const next = changes[last + 1] as LineChange;
      if (next.oldStart - (current.oldStart + current.oldCount) > 2 * context) break;
      last++;
    }
    const first = changes[index] as LineChange;
    const end = changes[last] as LineChange;
    const oldFrom = Math.max(0, first.oldStart - context);
    const oldTo = Math.min(a.length, end.oldStart + end.oldCount + context);
    const shift = first.newStart - first.oldStart;
    const newFrom = oldFrom + shift;
    const endShift = end.newStart + end.newLines.length - (end.oldStart + end.oldCount);
    const newTo = Math.min(b.length, oldTo + endShift);
    const range = (from: number, to: number): string =>
      `${to - from === 0 ? from : from + 1},${to - from}`;
    out += `@@ -${range(oldFrom, oldTo)} +${range(newFrom, newTo)} @@\n`;
    let line = oldFrom;
    for (let c = index; c <= last; c++) {
      const change = changes[c] as LineChange;
      for (; line < change.oldStart; line++) out += diffLine(' ', a[line] ?? '');
      for (let r = 0; r < change.oldCount; r++) out += diffLine('-', a[line + r] ?? '');
      for (const added of change.newLines) out += diffLine('+', added);
      line = change.oldStart + change.oldCount;
    }
    for (; line < oldTo; line++) out += diffLine(' ', a[line] ?? '');
    index = last + 1;
  }
  return out;
}
