import type { Issue } from './issue.js';
import type { LineIndex } from './line-index.js';
import { beforeFirst } from './text-scan.js';

/**
 * Comment directives that silence findings, the same in both languages (`#` or, in Keepalived,
 * `!` comments):
 * - `# halint-disable-next-line code[, code…]` silences those codes (all codes when none is given)
 *   on the next line that is not blank or a comment;
 * - `# halint-disable code[, code…]` … `# halint-enable code[, code…]` silences them in between
 *   (to the end of the file when never re-enabled).
 */
const DIRECTIVE = /^[ \t]*[#!][ \t]*halint-(disable-next-line|disable|enable)\b([^\r\n]*)/gm;

interface Suppressions {
  /** Codes silenced per 0-based line; `*` stands for every code. */
  readonly lines: Map<number, Set<string>>;
  /** Line ranges `[from, to)` per code (`*` for every code). */
  readonly ranges: Array<{ code: string; from: number; to: number }>;
}

function codesOf(rest: string): string[] {
  const codes = beforeFirst(rest, '--') // an explanation may follow `--`
    .split(/[\s,]+/)
    .filter((code) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(code));
  return codes.length > 0 ? codes : ['*'];
}

function isCommentOrBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) continue;
    return c === 35 /* # */ || c === 33; /* ! */
  }
  return true;
}

/** Finds the directives of a document; cheap when there are none (one `indexOf`). */
function findSuppressions(text: string, lineIndex: LineIndex): Suppressions | undefined {
  if (!text.includes('halint-')) return undefined;
  const lines = new Map<number, Set<string>>();
  const open = new Map<string, number>();
  const ranges: Suppressions['ranges'] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const line = lineIndex.positionAt(match.index).line;
    const codes = codesOf(match[2] ?? '');
    if (match[1] === 'disable-next-line') {
      let target = line + 1;
      while (
        target < lineIndex.lineCount - 1 &&
        isCommentOrBlank(text, lineIndex.lineStart(target), lineIndex.lineEnd(target))
      ) {
        target++;
      }
      const set = lines.get(target) ?? new Set<string>();
      for (const code of codes) set.add(code);
      lines.set(target, set);
    } else if (match[1] === 'disable') {
      for (const code of codes) if (!open.has(code)) open.set(code, line);
    } else {
      for (const code of codes) {
        const closing = code === '*' ? [...open.keys()] : [code];
        for (const name of closing) {
          const from = open.get(name);
          if (from === undefined) continue;
          ranges.push({ code: name, from, to: line });
          open.delete(name);
        }
      }
    }
  }
  for (const [code, from] of open) ranges.push({ code, from, to: Number.MAX_SAFE_INTEGER });
  return { lines, ranges };
}

/** Drops the issues that a directive silences. Issues of other documents (includes) are kept. */
export function applySuppressions(issues: Issue[], text: string, lineIndex: LineIndex): Issue[] {
  // Nothing to hide: spare every edit of a large clean file a scan of its whole text.
  if (issues.length === 0) return issues;
  const found = findSuppressions(text, lineIndex);
  if (!found) return issues;
  return issues.filter((issue) => {
    if (issue.uri !== undefined) return true;
    const line = lineIndex.positionAt(issue.start).line;
    const codes = found.lines.get(line);
    if (codes && (codes.has('*') || codes.has(issue.code))) return false;
    return !found.ranges.some(
      (range) =>
        (range.code === '*' || range.code === issue.code) && line >= range.from && line < range.to,
    );
  });
}

/**
 * The edit that inserts a `halint-disable-next-line` comment above the line of `offset`, indented
 * like that line.
 */
export function disableNextLineEdit(
  text: string,
  lineIndex: LineIndex,
  offset: number,
  code: string,
): { start: number; end: number; text: string } {
  const line = lineIndex.positionAt(offset).line;
  const start = lineIndex.lineStart(line);
  let indentEnd = start;
  while (indentEnd < text.length && (text[indentEnd] === ' ' || text[indentEnd] === '\t')) {
    indentEnd++;
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    start,
    end: start,
    text: `${text.slice(start, indentEnd)}# halint-disable-next-line ${code}${eol}`,
  };
}
