/**
 * Incremental re-parsing. Sections are the units: an edit re-scans and re-parses only the sections
 * it touches (plus the previous one when it touches a header line, since the header may stop being
 * one), reuses the sections before them as they are and moves the ones after them. Moved lines are
 * rebuilt with the same builders as a fresh parse, so the result equals a full parse of the new text.
 */
import type { Issue } from '../common/issue.js';
import type { TextChange } from '../common/text-change.js';
import type { CommentNode, Directive, Item, Section, Statement, Word } from './ast.js';
import { assemble, type HaproxyParse } from './assemble.js';
import { buildDirective, buildSection, buildStatement, isConditionalName } from './build-ast.js';
import { ConditionalState } from './conditional-blocks.js';
import { scan } from './lexer.js';
import { parseRegion } from './parser.js';
import { wordAt } from './words.js';
import { shiftIssue } from './syntax-issues.js';

/** Parses a whole text. */
export function parseFull(text: string): HaproxyParse {
  const lexical: Issue[] = [];
  const tokens = scan(text, 0, text.length, lexical);
  const region = parseRegion(text, 0, text.length, tokens, lexical, new ConditionalState());
  return assemble(text.length, region.preamble, region.sections, region.issues);
}

/** Index of the last segment starting at or before `offset` (segment 0 is the preamble). */
function segmentAt(sections: readonly Section[], offset: number): number {
  let low = 0;
  let high = sections.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((sections[mid - 1] as Section).start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

function advance(state: ConditionalState, items: readonly Item[]): void {
  for (const item of items) {
    if (item.kind === 'directive' && isConditionalName(item.name)) state.apply(item.name);
  }
}

function shiftWord(word: Word, delta: number): Word {
  return wordAt(word, word.start + delta, word.end + delta);
}

function shiftComment(comment: CommentNode | undefined, delta: number): CommentNode | undefined {
  if (comment === undefined) return undefined;
  return {
    kind: 'comment',
    start: comment.start + delta,
    end: comment.end + delta,
    text: comment.text,
  };
}

function moveLine(line: Statement | Directive, delta: number, branch: number | undefined) {
  if (delta === 0 && line.branch === branch) return line;
  const words = delta === 0 ? line.words : line.words.map((word) => shiftWord(word, delta));
  const comment = shiftComment(line.comment, delta);
  return line.kind === 'statement'
    ? buildStatement(words, comment, branch, undefined)
    : buildDirective(words, comment, branch, undefined);
}

/** Where a section moved by an edit came from (see {@link movedFrom}). */
export interface SectionOrigin {
  /** The section of the previous parse. */
  readonly from: Section;
  /** How far every offset moved. */
  readonly delta: number;
}

const origins = new WeakMap<Section, SectionOrigin>();

/**
 * The section of the previous parse that `section` is a copy of, moved by an edit before it with
 * its text and its `.if` branches unchanged; undefined for a section the edit touched, one whose
 * branches were renumbered, one of a full parse, and one kept as it was (the same object).
 * Incremental validation reuses the findings of the original, moved by `delta`.
 */
export function movedFrom(section: Section): SectionOrigin | undefined {
  return origins.get(section);
}

/**
 * Drops the record of where `section` came from, once what it was wanted for is kept: otherwise
 * each version's sections would keep the previous version's alive, and so on back.
 */
export function forgetOrigin(section: Section): void {
  origins.delete(section);
}

/** Moves a section by `delta` and renumbers its branches from `state`, reusing it when unchanged. */
function moveSection(section: Section, delta: number, state: ConditionalState): Section {
  let changed = delta !== 0;
  let sameBranches = state.current === section.header.branch;
  const header = moveLine(section.header, delta, state.current) as Statement;
  if (header !== section.header) changed = true;
  const items: Item[] = [];
  for (const item of section.items) {
    let moved: Item;
    if (item.kind === 'statement' || item.kind === 'directive') {
      if (item.branch !== state.current) sameBranches = false;
      moved = moveLine(item, delta, state.current);
      if (item.kind === 'directive' && isConditionalName(item.name)) state.apply(item.name);
    } else if (delta === 0) {
      moved = item;
    } else {
      moved = { ...item, start: item.start + delta, end: item.end + delta };
    }
    if (moved !== item) changed = true;
    items.push(moved);
  }
  if (!changed) return section;
  const moved = buildSection(header, items, section.start + delta, section.end + delta, undefined);
  if (sameBranches) origins.set(moved, { from: section, delta });
  return moved;
}

/**
 * Re-parses `newText` (= `oldText` with `change` applied) reusing `previous`, the parse of
 * `oldText`. The result equals `parseFull(newText)`.
 */
export function reparse(
  previous: HaproxyParse,
  oldText: string,
  newText: string,
  change: TextChange,
): HaproxyParse {
  const delta = newText.length - oldText.length;
  const partial = previous as Partial<HaproxyParse>;
  if (partial.ast === undefined || partial.segmentIssues === undefined) return parseFull(newText);
  const { preamble, sections } = previous.ast;
  // Anything inconsistent (a parse of another text, an out-of-range change) gets a full parse.
  if (
    previous.segmentIssues.length !== sections.length + 1 ||
    previous.ast.length !== oldText.length ||
    change.start < 0 ||
    change.start > change.end ||
    change.end > oldText.length ||
    change.text.length - (change.end - change.start) !== delta
  ) {
    return parseFull(newText);
  }
  let first = segmentAt(sections, change.start);
  if (first > 0) {
    // An edit on a header line may turn it into an ordinary line of the previous section.
    const header = (sections[first - 1] as Section).header;
    const newline = oldText.indexOf('\n', header.end);
    if (change.start <= (newline === -1 ? oldText.length : newline)) first--;
  }
  const last = Math.max(first, segmentAt(sections, change.end));
  const from = first === 0 ? 0 : (sections[first - 1] as Section).start;
  const oldTo =
    last === 0 ? (sections[0]?.start ?? oldText.length) : (sections[last - 1] as Section).end;
  const to = oldTo + delta;

  const state = new ConditionalState();
  if (first > 0) advance(state, preamble);
  for (let index = 1; index < first; index++) {
    const section = sections[index - 1] as Section;
    advance(state, [section.header, ...section.items]);
  }

  const lexical: Issue[] = [];
  const tokens = scan(newText, from, to, lexical);
  const region = parseRegion(newText, from, to, tokens, lexical, state);

  const newSections: Section[] = sections.slice(0, Math.max(0, first - 1));
  const segmentIssues: (readonly Issue[])[] = previous.segmentIssues.slice(0, first);
  let newPreamble: readonly Item[];
  if (first === 0) {
    newPreamble = region.preamble;
    segmentIssues.push(region.issues[0] as Issue[]);
  } else {
    newPreamble = preamble;
  }
  for (const section of region.sections) newSections.push(section);
  for (let index = 1; index < region.issues.length; index++) {
    segmentIssues.push(region.issues[index] as Issue[]);
  }
  for (let index = last + 1; index <= sections.length; index++) {
    newSections.push(moveSection(sections[index - 1] as Section, delta, state));
    const issues = previous.segmentIssues[index] as readonly Issue[];
    segmentIssues.push(delta === 0 ? issues : issues.map((issue) => shiftIssue(issue, delta)));
  }
  return assemble(newText.length, newPreamble, newSections, segmentIssues);
}
