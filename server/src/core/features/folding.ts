/**
 * Folding ranges: HAProxy sections and `.if … .endif` arms, Keepalived `{ … }` blocks, and runs of
 * two or more comment-only lines in both languages.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { LineIndex } from '../common/line-index.js';
import type { ParsedDocument } from '../document.js';
import type { HaproxyConfig, Item } from '../haproxy/ast.js';
import type { KeepalivedConfig, KeepalivedNode } from '../keepalived/ast.js';

function push(into: FoldingRange[], startLine: number, endLine: number, kind?: string): void {
  if (endLine <= startLine) return;
  const range: FoldingRange = { startLine, endLine };
  if (kind) range.kind = kind;
  into.push(range);
}

/** Folds each run of at least two consecutive comment-only lines (given in ascending order). */
function commentRuns(lines: readonly number[], into: FoldingRange[]): void {
  let first: number | undefined;
  let last = -2;
  for (const line of lines) {
    if (line === last) continue;
    if (line !== last + 1) {
      if (first !== undefined) push(into, first, last, FoldingRangeKind.Comment);
      first = line;
    }
    last = line;
  }
  if (first !== undefined) push(into, first, last, FoldingRangeKind.Comment);
}

/** Whether only blanks stand between the start of its line and `offset`. */
function startsLine(text: string, lineIndex: LineIndex, offset: number): boolean {
  const lineStart = lineIndex.lineStart(lineIndex.positionAt(offset).line);
  for (let i = lineStart; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function haproxyRanges(config: HaproxyConfig, lineIndex: LineIndex): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const commentLines: number[] = [];
  const lineOf = (offset: number): number => lineIndex.positionAt(offset).line;
  const scan = (items: readonly Item[]): number | undefined => {
    let last: number | undefined;
    for (const item of items) {
      if (item.kind === 'comment') commentLines.push(lineOf(item.start));
      last = item.end;
    }
    return last;
  };
  scan(config.preamble);
  for (const section of config.sections) {
    const last = scan(section.items);
    // Trailing blank lines stay visible: the fold ends on the section's last line.
    if (last !== undefined) push(ranges, lineOf(section.header.start), lineOf(last));
  }
  for (const branch of config.branches) {
    // An arm folds up to the line before the next arm or the `.endif`, which stay visible.
    const block = config.blocks[branch.block];
    const closed = branch.end < config.length || block?.endif !== undefined;
    const endLine = closed
      ? lineOf(branch.end) - 1
      : lineOf(Math.max(branch.start, branch.end - 1));
    push(ranges, lineOf(branch.directive.start), endLine, FoldingRangeKind.Region);
  }
  commentRuns(commentLines, ranges);
  return ranges;
}

function keepalivedRanges(
  config: KeepalivedConfig,
  text: string,
  lineIndex: LineIndex,
): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const lineOf = (offset: number): number => lineIndex.positionAt(offset).line;
  const walk = (nodes: readonly KeepalivedNode[]): void => {
    for (const node of nodes) {
      if (node.kind !== 'item' || !node.block) continue;
      const { block } = node;
      // The closing brace stays visible, as editors do for brace languages.
      const endLine =
        block.close !== undefined
          ? lineOf(block.close) - 1
          : lineOf(Math.max(node.start, node.end - 1));
      push(ranges, lineOf(node.start), endLine);
      walk(block.items);
    }
  };
  walk(config.items);
  const commentLines: number[] = [];
  for (const comment of config.comments) {
    if (startsLine(text, lineIndex, comment.start)) commentLines.push(lineOf(comment.start));
  }
  commentRuns(commentLines, ranges);
  return ranges;
}

/** Every folding range of a document, sorted by start line. */
export function getFoldingRanges(document: ParsedDocument): FoldingRange[] {
  const ranges =
    document.languageId === 'haproxy'
      ? haproxyRanges(document.parse.ast, document.lineIndex)
      : keepalivedRanges(document.parse.ast, document.text, document.lineIndex);
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
