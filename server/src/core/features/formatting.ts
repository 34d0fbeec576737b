/**
 * Document and range formatting for both languages.
 *
 * Layout rules:
 * - HAProxy: section headers at column 0, the lines of a section body one level in. The `.if`
 *   family and the other dot directives (`.notice`, `.diag`, …) always stand at column 0, and the
 *   lines they enclose are not indented further: conditional blocks may wrap whole sections, so
 *   column 0 is the only level that reads the same everywhere.
 * - Keepalived: one level per enclosing `{ … }` block; a line starting with `}` sits at the level
 *   of the line that opened the block.
 * - Both: words are separated by one space and copied byte for byte (quotes and escapes kept); a
 *   trailing comment gets one space before it; a comment-only line takes the indentation of the
 *   line that follows it (one level deeper when that line closes a block) and keeps its text;
 *   blank lines stay, emptied of blanks.
 *
 * Formatting never changes meaning: a line is rewritten only when the syntax tree accounts for
 * every character of it, and lines whose tokens span several lines (continued definitions, sequence
 * lines, multi-line quotes) or that hold template tags are left alone. Words glued together in the
 * source (`name{`, `@id` prefixes) stay glued. The result is idempotent; edits are one per changed
 * line.
 */
import type { FormattingOptions, TextEdit as LspTextEdit } from 'vscode-languageserver-types';
import type { LineIndex } from '../common/line-index.js';
import type { ParsedDocument } from '../document.js';
import type { CommentNode, HaproxyConfig, Item, Statement } from '../haproxy/ast.js';
import type { KeepalivedConfig, KeepalivedNode } from '../keepalived/ast.js';

interface Span {
  readonly start: number;
  readonly end: number;
}

/** What the tree says about one line. */
interface LinePlan {
  /** Words and braces on the line, in any order. */
  readonly tokens: Span[];
  comment: Span | undefined;
  /** Indentation level; for a comment-only line, decided from the next line. */
  level: number | undefined;
  /** The first token closes a block (so a comment above it goes one level deeper). */
  closes: boolean;
  /** The line (a dot directive) does not decide the level of the comments above it. */
  transparent: boolean;
  /** Start of the first token seen so far. */
  firstStart: number;
}

/**
 * Line numbers of offsets for a caller that asks mostly in increasing order (the tree is walked in
 * document order): a few steps forward from the last answer instead of a binary search each time.
 */
class LineCursor {
  private line = 0;

  constructor(private readonly lineIndex: LineIndex) {}

  lineOf(offset: number): number {
    const index = this.lineIndex;
    const count = index.lineCount;
    let line = this.line;
    if (offset < index.lineStart(line)) {
      line = index.positionAt(offset).line;
    } else {
      for (let steps = 0; line + 1 < count && index.lineStart(line + 1) <= offset; steps++) {
        if (steps === 8) {
          line = index.positionAt(offset).line;
          break;
        }
        line++;
      }
    }
    this.line = line;
    return line;
  }
}

/** Lines of a document and how each should look. */
class Plan {
  /** By line; arrays rather than maps, since a large file has a plan for most of its lines. */
  readonly lines: (LinePlan | undefined)[];
  readonly frozen: Uint8Array;
  private readonly cursor: LineCursor;

  constructor(private readonly lineIndex: LineIndex) {
    this.lines = new Array<LinePlan | undefined>(lineIndex.lineCount);
    this.frozen = new Uint8Array(lineIndex.lineCount);
    this.cursor = new LineCursor(lineIndex);
  }

  lineOf(offset: number): number {
    return this.cursor.lineOf(offset);
  }

  private at(line: number): LinePlan {
    let plan = this.lines[line];
    if (!plan) {
      plan = {
        tokens: [],
        comment: undefined,
        level: undefined,
        closes: false,
        transparent: false,
        firstStart: Number.MAX_SAFE_INTEGER,
      };
      this.lines[line] = plan;
    }
    return plan;
  }

  /** Leaves every line from `start` to `end` as written. */
  freeze(start: number, end: number): void {
    const first = this.lineOf(start);
    const last = this.lineOf(Math.max(start, end - 1));
    for (let line = first; line <= last; line++) this.frozen[line] = 1;
  }

  token(span: Span, level: number, closes = false, transparent = false): void {
    const line = this.lineOf(span.start);
    // A span reaching into the next line (a multi-line quote, say) freezes the lines it covers.
    if (
      span.end > span.start &&
      line + 1 < this.lineIndex.lineCount &&
      span.end - 1 >= this.lineIndex.lineStart(line + 1)
    ) {
      this.freeze(span.start, span.end);
      return;
    }
    const plan = this.at(line);
    // The first token of the line decides its level.
    if (span.start < plan.firstStart) {
      plan.firstStart = span.start;
      plan.level = level;
      plan.closes = closes;
      plan.transparent = transparent;
    }
    plan.tokens.push(span);
  }

  comment(span: Span): void {
    this.at(this.lineOf(span.start)).comment = span;
  }

  /** Comment-only lines take the level of the next line with tokens. */
  settleComments(): void {
    let next = 0;
    for (let line = this.lines.length - 1; line >= 0; line--) {
      const plan = this.lines[line];
      if (!plan) continue;
      if (plan.tokens.length > 0) {
        if (plan.transparent) continue;
        next = (plan.level ?? 0) + (plan.closes ? 1 : 0);
      } else if (plan.level === undefined) {
        plan.level = next;
      }
    }
  }
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

function onlyBlanks(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isBlank(text.charCodeAt(i))) return false;
  return true;
}

/** The tokens of a line by start (they are gathered nearly always in order already). */
function inOrder(tokens: Span[]): readonly Span[] {
  for (let at = 1; at < tokens.length; at++) {
    if ((tokens[at] as Span).start < (tokens[at - 1] as Span).start) {
      return [...tokens].sort((a, b) => a.start - b.start);
    }
  }
  return tokens;
}

/**
 * Whether a line already reads as {@link renderLine} would write it: the indentation exactly, one
 * space between words that are apart, none after the last. Checked in place, so that formatting a
 * clean file builds no string per line.
 */
function inForm(
  text: string,
  lineStart: number,
  lineEnd: number,
  plan: LinePlan,
  indent: string,
): boolean {
  let at = lineStart;
  for (let level = plan.level ?? 0; level > 0; level--) {
    if (!text.startsWith(indent, at)) return false;
    at += indent.length;
  }
  const tokens = plan.tokens;
  let previousStart = -1;
  let first = true;
  const next = (span: Span): boolean => {
    if (span.start < previousStart || span.end > lineEnd) return false;
    previousStart = span.start;
    // The first word right after the indentation; the others glued or one space apart.
    if (span.start !== at && (first || span.start !== at + 1 || text.charCodeAt(at) !== 32)) {
      return false;
    }
    at = span.end;
    first = false;
    return true;
  };
  for (const token of tokens) if (!next(token)) return false;
  if (plan.comment && !next(plan.comment)) return false;
  return at === lineEnd;
}

/** The formatted text of one line, or undefined when the tree does not account for all of it. */
function renderLine(
  text: string,
  lineStart: number,
  lineEnd: number,
  plan: LinePlan,
  indent: string,
): string | undefined {
  const tokens = inOrder(plan.tokens);
  let out = indent.repeat(plan.level ?? 0);
  let at = lineStart;
  let first = true;
  for (const token of tokens) {
    if (token.start < at || token.end > lineEnd) return undefined;
    if (!onlyBlanks(text, at, token.start)) return undefined;
    // Glued tokens stay glued: separating them could change how the line is read.
    if (!first) out += token.start > at ? ' ' : '';
    out += text.slice(token.start, token.end);
    at = token.end;
    first = false;
  }
  if (plan.comment) {
    const { start, end } = plan.comment;
    if (start < at || end > lineEnd || !onlyBlanks(text, at, start)) return undefined;
    if (!first) out += start > at ? ' ' : '';
    out += text.slice(start, end);
    at = end;
  }
  if (!onlyBlanks(text, at, lineEnd)) return undefined;
  return out;
}

function planHaproxy(config: HaproxyConfig, plan: Plan): void {
  const statement = (item: Statement, level: number): void => {
    for (const word of item.words) plan.token(word, level);
    if (item.comment) plan.comment(item.comment);
  };
  const comment = (item: CommentNode): void => plan.comment(item);
  const items = (list: readonly Item[], level: number): void => {
    for (const item of list) {
      if (item.kind === 'statement') statement(item, level);
      else if (item.kind === 'directive') {
        for (const word of item.words) plan.token(word, 0, false, true);
        if (item.comment) plan.comment(item.comment);
      } else if (item.kind === 'comment') comment(item);
      else plan.freeze(item.start, item.end);
    }
  };
  items(config.preamble, 0);
  for (const section of config.sections) {
    statement(section.header, 0);
    items(section.items, 1);
  }
}

function planKeepalived(config: KeepalivedConfig, plan: Plan): void {
  const walk = (nodes: readonly KeepalivedNode[], level: number): void => {
    for (const node of nodes) {
      if (node.kind === 'definition' || node.kind === 'sequence') {
        plan.freeze(node.start, Math.max(node.end, node.start + 1));
        continue;
      }
      if (node.condition) plan.token(node.condition, level);
      plan.token(node.keyword, level);
      if (node.kind === 'include') {
        if (node.path) plan.token(node.path, level);
        for (const word of node.extra) plan.token(word, level);
        continue;
      }
      for (const word of node.args) plan.token(word, level);
      const block = node.block;
      if (!block) continue;
      plan.token({ start: block.open, end: block.open + 1 }, level);
      walk(block.items, level + 1);
      if (block.close !== undefined) {
        plan.token({ start: block.close, end: block.close + 1 }, level, true);
      }
    }
  };
  walk(config.items, 0);
  for (const comment of config.comments) {
    if (comment.template) plan.freeze(comment.start, Math.max(comment.end, comment.start + 1));
    else plan.comment(comment);
  }
}

/**
 * Widest indentation step used. The client's `tabSize` is taken as given otherwise, and a
 * careless or hostile 3,000,000 would make every indented line megabytes long.
 */
export const MAX_TAB_SIZE = 16;

/** The text of one indentation level. */
function indentUnit(options: Partial<FormattingOptions> | undefined): string {
  const requested = options?.tabSize;
  const size =
    typeof requested === 'number' && Number.isFinite(requested) && requested >= 1
      ? Math.min(Math.floor(requested), MAX_TAB_SIZE)
      : 4;
  return options?.insertSpaces === false ? '\t' : ' '.repeat(size);
}

/**
 * Edits that format `document`, or only the lines `[fromLine, toLine]` (0-based, inclusive). One
 * edit per line whose text changes.
 */
export function formatDocument(
  document: ParsedDocument,
  options?: Partial<FormattingOptions>,
  lines?: { readonly from: number; readonly to: number },
): LspTextEdit[] {
  const { text, lineIndex } = document;
  const plan = new Plan(lineIndex);
  if (document.languageId === 'haproxy') planHaproxy(document.parse.ast, plan);
  else planKeepalived(document.parse.ast, plan);
  plan.settleComments();
  const indent = indentUnit(options);
  const from = Math.max(0, lines?.from ?? 0);
  const to = Math.min(lineIndex.lineCount - 1, lines?.to ?? lineIndex.lineCount - 1);
  const edits: LspTextEdit[] = [];
  for (let line = from; line <= to; line++) {
    if (plan.frozen[line] === 1) continue;
    const start = lineIndex.lineStart(line);
    const end = lineIndex.lineEnd(line);
    const linePlan = plan.lines[line];
    let formatted: string | undefined;
    if (linePlan) {
      if (inForm(text, start, end, linePlan, indent)) continue;
      formatted = renderLine(text, start, end, linePlan, indent);
    } else if (start === end) continue;
    else if (onlyBlanks(text, start, end)) formatted = '';
    if (formatted === undefined || formatted === text.slice(start, end)) continue;
    edits.push({
      range: { start: { line, character: 0 }, end: { line, character: end - start } },
      newText: formatted,
    });
  }
  return edits;
}

/** Formatting of the lines a range touches (a range ending at column 0 excludes that line). */
export function formatRange(
  document: ParsedDocument,
  range: {
    readonly start: { line: number; character: number };
    readonly end: { line: number; character: number };
  },
  options?: Partial<FormattingOptions>,
): LspTextEdit[] {
  const to =
    range.end.line > range.start.line && range.end.character === 0
      ? range.end.line - 1
      : range.end.line;
  return formatDocument(document, options, { from: range.start.line, to });
}
