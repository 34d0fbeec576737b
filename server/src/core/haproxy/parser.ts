/**
 * The HAProxy parser: groups the scanner's line tokens into the preamble and sections and builds
 * the AST. HAProxy's grammar is a flat sequence of lines in which a section keyword starts a new
 * section, so a loop over the lines is the whole parser; there is nothing to recover from at this
 * level, and every finding is about the content of a line, reported by the builders. (The
 * Keepalived parser, whose blocks nest, is the one that uses Chevrotain.)
 */
import type { Issue } from '../common/issue.js';
import type { Item, Section, Statement } from './ast.js';
import { buildLine, buildSection, buildStatement, isConditionalDirective } from './build-ast.js';
import type { ConditionalState } from './conditional-blocks.js';
import type { LineContent, LineToken } from './lexer.js';

/** What parsing one region of the text produced. */
interface RegionResult {
  /** Lines before the first header; only meaningful when the region starts the file. */
  readonly preamble: Item[];
  readonly sections: Section[];
  /** Findings per segment: index 0 is the preamble, then one list per section. */
  readonly issues: Issue[][];
}

interface SectionDraft {
  header: Statement;
  items: Item[];
  issues: Issue[];
}

/** Start of the line holding `offset`. */
function lineStartBefore(text: string, offset: number): number {
  let at = offset;
  while (at > 0) {
    const c = text.charCodeAt(at - 1);
    if (c === 10) break;
    at--;
  }
  return at;
}

/** The item of a line inside a section or the preamble; advances `state` past `.if` lines. */
function lineItem(token: LineToken, state: ConditionalState, issues: Issue[]): Item {
  if (token.kind === 'comment' || token.kind === 'template') return token.payload;
  const { words, comment } = token.payload;
  const node = buildLine(words, comment, state.current, issues);
  if (isConditionalDirective(node)) state.apply(node.name);
  return node;
}

function header(content: LineContent, state: ConditionalState, issues: Issue[]): Statement {
  return buildStatement(content.words, content.comment, state.current, issues);
}

/** Statements of the preamble are outside any section, which HAProxy refuses. */
function checkPreamble(preamble: readonly Item[], issues: Issue[]): void {
  for (const item of preamble) {
    if (item.kind !== 'statement' || item.keyword.template) continue;
    issues.push({
      code: 'directive-outside-section',
      severity: 'error',
      message: `"${item.keyword.value}" appears before any section header, where HAProxy accepts no keyword. Move it into a section (e.g. under "global"), or add the section header above it.`,
      start: item.keyword.start,
      end: item.keyword.end,
      source: 'haproxy',
    });
  }
}

/**
 * Parses the tokens of `text[from, to)`; `from` is 0 or the start of a header line, `to` the
 * start of a header line or the text end. `state` describes the conditional blocks open at `from`
 * and is advanced past the region. Lexical findings (`lexIssues`, in order, complete once `tokens`
 * is read to its end: the scanner makes both as it goes) are distributed over the segments they
 * fall in.
 */
export function parseRegion(
  text: string,
  from: number,
  to: number,
  tokens: Iterable<LineToken>,
  lexIssues: readonly Issue[],
  state: ConditionalState,
): RegionResult {
  const preamble: Item[] = [];
  const preambleIssues: Issue[] = [];
  const drafts: SectionDraft[] = [];
  let draft: SectionDraft | undefined;
  for (const token of tokens) {
    if (token.kind === 'header') {
      const issues: Issue[] = [];
      draft = { header: header(token.payload, state, issues), items: [], issues };
      drafts.push(draft);
    } else if (draft === undefined) {
      preamble.push(lineItem(token, state, preambleIssues));
    } else {
      draft.items.push(lineItem(token, state, draft.issues));
    }
  }
  const sections: Section[] = [];
  const issues: Issue[][] = [];
  const starts = drafts.map((draft) => lineStartBefore(text, draft.header.keyword.start));
  const preambleEnd = starts[0] ?? to;
  if (from === 0) checkPreamble(preamble, preambleIssues);
  issues.push(merge(lexIssues, 0, preambleEnd, preambleIssues));
  let lexAt = 0;
  while (lexAt < lexIssues.length && (lexIssues[lexAt] as Issue).start < preambleEnd) lexAt++;
  drafts.forEach((draft, index) => {
    const start = starts[index] as number;
    const end = starts[index + 1] ?? to;
    const own: Issue[] = [];
    const section = buildSection(draft.header, draft.items, start, end, own);
    sections.push(section);
    const lex: Issue[] = [];
    while (lexAt < lexIssues.length && (lexIssues[lexAt] as Issue).start < end) {
      lex.push(lexIssues[lexAt++] as Issue);
    }
    issues.push(merge(lex, 0, Infinity, [...own, ...draft.issues]));
  });
  return { preamble, sections, issues };
}

/** Findings of `lexical` inside `[from, to)` merged with `other`, ordered by offset. */
function merge(lexical: readonly Issue[], from: number, to: number, other: Issue[]): Issue[] {
  const result = lexical.filter((issue) => issue.start >= from && issue.start < to);
  if (other.length === 0) return result;
  result.push(...other);
  return result.sort((a, b) => a.start - b.start);
}
