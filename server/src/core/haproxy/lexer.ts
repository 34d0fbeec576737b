/**
 * The hand-written scanner of HAProxy configurations: one token per non-blank line.
 *
 * A regex lexer is several times too slow for the size of real configurations, so the scanner
 * walks the text once. Every token carries its words or node as `payload`, which spares the parser
 * from re-reading the text. Keywords are not token kinds: the only keyword-driven distinction is
 * whether a line opens a section, looked up in the section table.
 */
import type { Issue } from '../common/issue.js';
import { cut, detached } from '../common/detach.js';
import type { CommentNode, TemplateLine, Word, WordQuoting } from './ast.js';
import { isSectionKeyword } from './sections.js';
import { syntaxIssue } from './syntax-issues.js';
import { plainWord } from './words.js';
import { countWork } from '../common/work.js';

/** One non-blank line, by what it holds. */
export type LineToken =
  /** A line opening a section (its first word is a section keyword). */
  | { readonly kind: 'header'; readonly start: number; readonly payload: LineContent }
  /** Any other line with words (statement or dot directive). */
  | { readonly kind: 'words'; readonly start: number; readonly payload: LineContent }
  /** A line holding only a comment. */
  | { readonly kind: 'comment'; readonly start: number; readonly payload: CommentNode }
  /** A line made only of template tags. */
  | { readonly kind: 'template'; readonly start: number; readonly payload: TemplateLine };

/** The words of one line and its trailing comment. */
export interface LineContent {
  readonly words: Word[];
  readonly comment: CommentNode | undefined;
}

const TAB = 9;
const VT = 11;
const FF = 12;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const PERCENT = 37;
const SQUOTE = 39;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === VT || c === FF;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * The last search for each template closer: the offset searched from and what was found there.
 * A line of a million `{{` asks for `}}` a million times from ever later offsets; as long as the
 * closer found lies ahead (or none was found), the answer is the same, so the text is searched
 * once instead of once per opener.
 */
const closerSearches = new Map<string, { text: string; from: number; found: number }>();

/** `text.indexOf(closer, from)`, reusing the previous search when the scan only moved forward. */
function nextCloser(text: string, closer: string, from: number): number {
  const last = closerSearches.get(closer);
  if (
    last &&
    last.text === text &&
    from >= last.from &&
    (last.found === -1 || last.found >= from)
  ) {
    return last.found;
  }
  const found = text.indexOf(closer, from);
  countWork((found === -1 ? text.length : found) - from);
  closerSearches.set(closer, { text, from, found });
  return found;
}

/** Where the template span opened at `at` (`{{`, `{%` or `{#`) closes, or -1 when it does not. */
function templateEnd(text: string, at: number, lineEnd: number): number {
  const second = text.charCodeAt(at + 1);
  const closer = second === LBRACE ? '}}' : second === PERCENT ? '%}' : second === HASH ? '#}' : '';
  if (closer === '' || at + 1 >= lineEnd) return -1;
  const close = nextCloser(text, closer, at + 2);
  return close === -1 || close + 2 > lineEnd ? -1 : close + 2;
}

/** True when the line from `at` holds only `{% … %}` / `{# … #}` tags and blanks. */
function isTemplateLine(text: string, at: number, lineEnd: number): boolean {
  let i = at;
  while (i < lineEnd) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) {
      i++;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (c !== LBRACE || (next !== PERCENT && next !== HASH)) return false;
    const end = templateEnd(text, i, lineEnd);
    if (end === -1) return false;
    i = end;
  }
  return true;
}

/**
 * Reads the word starting at `start` the way HAProxy's line splitter does and returns it with the
 * offset just after it. Findings (unterminated quotes, bad escapes or variables) go to `issues`.
 */
function scanWord(text: string, start: number, lineEnd: number, issues: Issue[]): Word {
  // Most words are plain: find the end without building a value and reuse the raw text.
  let i = start;
  let hash = 0;
  while (i < lineEnd) {
    const c = text.charCodeAt(i);
    if (isBlank(c) || c === HASH) break;
    if (c === BACKSLASH || c === DQUOTE || c === SQUOTE) {
      return quotedWord(text, start, lineEnd, issues);
    }
    if (c === LBRACE) {
      const n = text.charCodeAt(i + 1);
      if (n === LBRACE || n === PERCENT || n === HASH) {
        return quotedWord(text, start, lineEnd, issues);
      }
    }
    hash = (Math.imul(hash, 31) + c) | 0;
    i++;
  }
  return plainWord(intern(text, start, i, hash), start, i);
}

/** Recently seen short words, by hash: configurations repeat the same few keywords endlessly. */
const INTERNED: (string | undefined)[] = new Array<string | undefined>(4096).fill(undefined);

/** `text[start, end)`, shared with an earlier identical word when one is cached. */
function intern(text: string, start: number, end: number, hash: number): string {
  const length = end - start;
  if (length > 24) return cut(text, start, end);
  const slot = (hash ^ (hash >>> 12)) & 4095;
  const cached = INTERNED[slot];
  if (cached !== undefined && cached.length === length && text.startsWith(cached, start)) {
    return cached;
  }
  // The cache outlives the text: a view into it would keep the whole text alive.
  const fresh = cut(text, start, end);
  INTERNED[slot] = fresh;
  return fresh;
}

function quotedWord(text: string, start: number, lineEnd: number, issues: Issue[]): Word {
  let value = '';
  let i = start;
  let run = start;
  let double = false;
  let single = false;
  let quotes = 0; // bit 1: double quotes seen, bit 2: single quotes seen
  let quoteAt = -1;
  let hasVariable = false;
  let template = false;
  while (i < lineEnd) {
    const c = text.charCodeAt(i);
    if (!double && !single && (isBlank(c) || c === HASH)) break;
    if (single) {
      if (c === SQUOTE) {
        value += text.slice(run, i);
        single = false;
        run = ++i;
      } else i++;
      continue;
    }
    if (c === BACKSLASH) {
      value += text.slice(run, i);
      const [decoded, next] = escape(text, i, lineEnd, issues);
      value += decoded;
      run = i = next;
    } else if (c === DQUOTE) {
      value += text.slice(run, i);
      double = !double;
      if (double) quoteAt = i;
      quotes |= 1;
      run = ++i;
    } else if (c === SQUOTE && !double) {
      value += text.slice(run, i);
      single = true;
      quoteAt = i;
      quotes |= 2;
      run = ++i;
    } else if (c === DOLLAR && double) {
      const end = variableEnd(text, i, lineEnd, issues);
      if (end > i + 1) hasVariable = true;
      i = end;
    } else if (c === LBRACE) {
      const end = templateEnd(text, i, lineEnd);
      if (end !== -1) template = true;
      i = end === -1 ? i + 1 : end;
    } else i++;
  }
  value += text.slice(run, i);
  if (double || single) {
    issues.push(
      syntaxIssue(
        'unterminated-quote',
        quoteAt,
        i,
        `This ${single ? 'single' : 'double'} quote is never closed, so HAProxy rejects the line ("unmatched quote"). Add the closing ${single ? "'" : '"'} before the end of the line.`,
      ),
    );
  }
  const quoting: WordQuoting =
    quotes === 0 ? 'none' : quotes === 1 ? 'double' : quotes === 2 ? 'single' : 'mixed';
  return {
    start,
    end: i,
    raw: cut(text, start, i),
    value: detached(value),
    quoting,
    hasVariable,
    template,
  };
}

/** Decodes the backslash sequence at `at`; returns the characters it stands for and where it ends. */
function escape(text: string, at: number, lineEnd: number, issues: Issue[]): [string, number] {
  if (at + 1 >= lineEnd) return ['\\', at + 1];
  const c = text.charCodeAt(at + 1);
  switch (c) {
    case 110: // n
      return ['\n', at + 2];
    case 114: // r
      return ['\r', at + 2];
    case 116: // t
      return ['\t', at + 2];
    case 120: {
      // x: exactly two hexadecimal digits must follow
      const high = at + 2 < lineEnd ? hexValue(text.charCodeAt(at + 2)) : -1;
      const low = at + 3 < lineEnd ? hexValue(text.charCodeAt(at + 3)) : -1;
      if (high < 0 || low < 0) {
        issues.push(
          syntaxIssue(
            'invalid-escape',
            at,
            Math.min(high < 0 ? at + 3 : at + 4, lineEnd),
            'HAProxy expects two hexadecimal digits after "\\x" (for example \\x20). Complete the sequence, or write "\\\\x" for a literal backslash.',
          ),
        );
        return [text.slice(at, at + 2), at + 2];
      }
      return [String.fromCharCode(high * 16 + low), at + 4];
    }
    case SPACE:
    case TAB:
    case HASH:
    case BACKSLASH:
    case DQUOTE:
    case SQUOTE:
    case DOLLAR:
      return [text.charAt(at + 1), at + 2];
    default:
      // HAProxy keeps the backslash of sequences it does not know.
      return [text.slice(at, at + 2), at + 2];
  }
}

/** End of the variable reference at `at` (a `$` inside double quotes); reports malformed ones. */
function variableEnd(text: string, at: number, lineEnd: number, issues: Issue[]): number {
  const braced = text.charCodeAt(at + 1) === LBRACE;
  const nameAt = braced ? at + 2 : at + 1;
  if (nameAt >= lineEnd || !isNameStart(text.charCodeAt(nameAt))) {
    issues.push(
      syntaxIssue(
        'invalid-variable',
        at,
        Math.min(braced ? nameAt + 1 : at + 1, lineEnd),
        'Inside double quotes "$" starts an environment variable, whose name must begin with a letter or "_". Write "\\$" for a literal dollar sign.',
      ),
    );
    return at + 1;
  }
  let i = nameAt + 1;
  while (i < lineEnd && isNameChar(text.charCodeAt(i))) i++;
  if (!braced) return i;
  const nameEnd = i;
  // `${NAME}`, `${NAME[*]}` or `${NAME-default}`: everything up to the closing brace.
  while (i < lineEnd && text.charCodeAt(i) !== RBRACE) i++;
  if (i >= lineEnd) {
    issues.push(
      syntaxIssue(
        'invalid-variable',
        at,
        nameEnd,
        'The "${" of this environment variable is never closed. Add the closing "}".',
      ),
    );
    return at + 1;
  }
  return i + 1;
}

/**
 * Splits `text[from, to)` into line tokens. `from` must be the start of a line and `to` the start
 * of a line or the end of the text; offsets are absolute. Blank lines yield no token.
 *
 * Tokens are whole lines because HAProxy's grammar is line-oriented: one token per word made the
 * token objects the largest allocation of a parse, for no structural information. They are made
 * as the parser asks for them, so each dies as soon as its line is built: a list of the whole
 * file's tokens outlived the garbage collector's young generation and left about 14 MB of dead
 * objects in the old one after each full parse of a 75k-line file.
 */
export function* scan(
  text: string,
  from: number,
  to: number,
  issues: Issue[],
): Generator<LineToken, void, undefined> {
  closerSearches.clear();
  try {
    let lineStart = from;
    while (lineStart < to) {
      let newline = text.indexOf('\n', lineStart);
      if (newline >= to) newline = -1;
      const lineEnd = newline === -1 ? to : newline;
      const contentEnd =
        lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
      const tok = scanLine(text, lineStart, contentEnd, issues);
      if (tok !== undefined) yield tok;
      lineStart = newline === -1 ? to : newline + 1;
    }
  } finally {
    closerSearches.clear(); // no text kept alive between scans
  }
}

/** Reused word buffer of {@link scanLine}. */
const scratch: Word[] = [];

function scanLine(
  text: string,
  lineStart: number,
  lineEnd: number,
  issues: Issue[],
): LineToken | undefined {
  let i = lineStart;
  while (i < lineEnd && isBlank(text.charCodeAt(i))) i++;
  if (i >= lineEnd) return undefined;
  const first = text.charCodeAt(i);
  if (first === HASH) {
    const node: CommentNode = {
      kind: 'comment',
      start: i,
      end: lineEnd,
      text: cut(text, i + 1, lineEnd),
    };
    return { kind: 'comment', start: i, payload: node };
  }
  if (first === LBRACE && isTemplateLine(text, i, lineEnd)) {
    const node: TemplateLine = {
      kind: 'template',
      start: i,
      end: lineEnd,
      text: cut(text, i, lineEnd),
    };
    return { kind: 'template', start: i, payload: node };
  }
  const words = scratch;
  words.length = 0;
  let comment: CommentNode | undefined;
  while (i < lineEnd) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) {
      i++;
    } else if (c === HASH) {
      comment = { kind: 'comment', start: i, end: lineEnd, text: cut(text, i + 1, lineEnd) };
      break;
    } else {
      const word = scanWord(text, i, lineEnd, issues);
      words.push(word);
      i = word.end;
    }
  }
  const head = words[0] as Word;
  const kind = !head.template && isSectionKeyword(head.value) ? 'header' : 'words';
  // Copying the reused buffer allocates the array once at its final size.
  return { kind, start: head.start, payload: { words: words.slice(), comment } };
}
