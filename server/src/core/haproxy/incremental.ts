/**
 * Incremental re-parsing. Sections are the units: an edit re-scans and re-parses only the sections
 * it touches (plus the previous one when it touches a header line, since the header may stop being
 * one), reuses the sections before them as they are and moves the ones after them, so the result
 * equals a full parse of the new text.
 *
 * Moving is the part that would otherwise cost as much as the whole file: in a file without `.if`
 * blocks, a section an earlier re-parse made is moved in place (every offset shifted, no object
 * made), so it keeps its identity and everything cached for it. That makes a re-parse consume its
 * input: the previous parse of an edited document must not be read afterwards (the language
 * server keeps only the latest snapshot of an open buffer, and shares a parse with another holder
 * only through {@link shareParse}). Other moved sections are rebuilt with the same builders as a
 * fresh parse.
 */
import type { Issue } from '../common/issue.js';
import type { TextChange } from '../common/text-change.js';
import type {
  CommentNode,
  Condition,
  ConditionTerm,
  Directive,
  Item,
  Section,
  Statement,
  Word,
} from './ast.js';
import { assemble, type HaproxyParse } from './assemble.js';
import {
  buildDirective,
  buildSection,
  buildStatement,
  isConditionalDirective,
} from './build-ast.js';
import { ConditionalState } from './conditional-blocks.js';
import { scan } from './lexer.js';
import { parseRegion } from './parser.js';
import { moveWordInPlace, wordAt } from './words.js';
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
    if (isConditionalDirective(item)) state.apply(item.name);
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

/**
 * Sections a later re-parse may move in place: made by a re-parse, and not shared since with
 * another holder (see {@link shareParse}). A full parse's sections are never moved in place, so a
 * parse handed out before any edit (the workspace scan's, say) stays as it was; the first edit of
 * a document copies the sections after it once, and later edits move those copies.
 */
const movable = new WeakSet<Section>();

/**
 * Declares that `parse` now has a second holder (an open buffer and the workspace scan sharing
 * one parse of the same text): a re-parse of either must leave its sections where they are.
 */
export function shareParse(parse: HaproxyParse): void {
  for (const section of parse.ast.sections) movable.delete(section);
}

type Span = { start: number; end: number };

function shiftSpan(node: { readonly start: number; readonly end: number }, delta: number): void {
  const span = node as Span;
  span.start += delta;
  span.end += delta;
}

function shiftTerm(term: ConditionTerm, delta: number): void {
  shiftSpan(term, delta);
  // The term's words are the line's own and are moved with it.
  if (term.kind === 'acl') (term as { nameStart: number }).nameStart += delta;
}

function shiftCondition(condition: Condition, delta: number): void {
  shiftSpan(condition, delta);
  for (const group of condition.groups) {
    shiftSpan(group, delta);
    for (const term of group.terms) shiftTerm(term, delta);
  }
}

/** Moves every offset of a line by `delta`, in place: each word once, then the nodes above. */
function shiftLine(line: Statement | Directive, delta: number): void {
  if (line.kind === 'statement') {
    // A statement's word list is made at each read: move the words where the node keeps them
    // (loops rather than a visitor: this runs for every line after an edit). Its span is read
    // from its first and last words.
    moveWordInPlace(line.keyword, delta);
    for (const word of line.args) moveWordInPlace(word, delta);
    const condition = line.condition;
    if (condition) {
      moveWordInPlace(condition.keyword, delta);
      for (const word of condition.words) moveWordInPlace(word, delta);
      shiftCondition(condition, delta);
    }
  } else {
    for (const word of line.words) moveWordInPlace(word, delta);
    shiftSpan(line, delta);
  }
  if (line.comment) shiftSpan(line.comment, delta);
}

/**
 * Moves a section's every offset by `delta` in place. Only for a {@link movable} section when no
 * `.if` block is open around it before or after the edit, so that its branches stay as they are:
 * the section then equals what a fresh parse would build at its new place, and everything cached
 * per section object (catalog resolution, summaries, findings) stays valid for it.
 */
function shiftSection(section: Section, delta: number): void {
  shiftLine(section.header, delta);
  for (const item of section.items) {
    if (item.kind === 'statement' || item.kind === 'directive') shiftLine(item, delta);
    else shiftSpan(item, delta);
  }
  shiftSpan(section, delta);
}

/** Moves a section by `delta` and renumbers its branches from `state`, reusing it when unchanged. */
function moveSection(
  section: Section,
  delta: number,
  state: ConditionalState,
  inPlace: boolean,
): Section {
  if (inPlace && movable.has(section)) {
    if (delta !== 0) shiftSection(section, delta);
    return section;
  }
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
      if (isConditionalDirective(item)) state.apply(item.name);
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
  movable.add(moved);
  return moved;
}

/**
 * Re-parses `newText` (= `oldText` with `change` applied) reusing `previous`, the parse of
 * `oldText`. The result equals `parseFull(newText)`. `previous` is consumed: sections it shares
 * with the result may have been moved in place (see the module comment).
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

  // The `.if` state at the edit, from the lines before it: unchanged text, so with no `.if`
  // block in the old text there is nothing to replay (the usual case, and a walk over half the
  // file at every keystroke otherwise).
  const state = new ConditionalState();
  if (previous.ast.conditionals.length > 0) {
    if (first > 0) advance(state, preamble);
    for (let index = 1; index < first; index++) {
      const section = sections[index - 1] as Section;
      advance(state, section.items);
    }
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
  for (const section of region.sections) {
    movable.add(section);
    newSections.push(section);
  }
  for (let index = 1; index < region.issues.length; index++) {
    segmentIssues.push(region.issues[index] as Issue[]);
  }
  // With no `.if` block in the old text and none left open after the edited region, every moved
  // line keeps its branch (none), so the sections after the edit can be moved in place.
  const inPlace = previous.ast.conditionals.length === 0 && state.current === undefined;
  for (let index = last + 1; index <= sections.length; index++) {
    newSections.push(moveSection(sections[index - 1] as Section, delta, state, inPlace));
    const issues = previous.segmentIssues[index] as readonly Issue[];
    segmentIssues.push(
      delta === 0 || issues.length === 0 ? issues : issues.map((issue) => shiftIssue(issue, delta)),
    );
  }
  // With no `.if` block before, none in the re-parsed lines means none at all: the whole-file
  // collection of conditional lines is skipped.
  const noConditionals =
    previous.ast.conditionals.length === 0 &&
    !region.preamble.some(isConditionalDirective) &&
    region.sections.every((section) => !section.items.some(isConditionalDirective));
  return assemble(
    newText.length,
    newPreamble,
    newSections,
    segmentIssues,
    noConditionals ? [] : undefined,
  );
}
