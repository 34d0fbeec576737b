/**
 * Hand-written scanner for keepalived.conf emitting Chevrotain tokens. It follows the way keepalived
 * reads a line: comments (`#`, `!`) are cut first except inside double quotes, then `@id` prefixes,
 * `$NAME=` definitions and `~SEQ`/`~LST` lines are recognised at the start of a statement, and
 * finally every `{` or `}` outside double quotes splits the line. Keywords are not token types.
 */
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';
import type { Issue } from '../common/issue.js';
import { cut, detached } from '../common/detach.js';
import type {
  KeepalivedComment,
  KeepalivedWord,
  ParamRef,
  SequenceGenerator,
  WordQuoting,
} from './ast.js';
import { syntaxIssue } from './syntax-issues.js';
import { countWork } from '../common/work.js';

/** A word of a line. */
export const Word: TokenType = createToken({ name: 'Word', pattern: Lexer.NA });
/** End of a line. */
export const Newline: TokenType = createToken({ name: 'Newline', pattern: Lexer.NA });
export const LCurly: TokenType = createToken({ name: 'LCurly', pattern: Lexer.NA });
export const RCurly: TokenType = createToken({ name: 'RCurly', pattern: Lexer.NA });
/** `@id` / `@^id` prefix. */
export const Condition: TokenType = createToken({ name: 'Condition', pattern: Lexer.NA });
/** A whole `$NAME=value` definition, continuation lines included. */
export const Definition: TokenType = createToken({ name: 'Definition', pattern: Lexer.NA });
/** A whole `~SEQ(…)` / `~LST(…)` line. */
export const Sequence: TokenType = createToken({ name: 'Sequence', pattern: Lexer.NA });

/** Every token type the parser sees (comments never reach it). */
export const allTokenTypes: TokenType[] = [
  Word,
  Newline,
  LCurly,
  RCurly,
  Condition,
  Definition,
  Sequence,
];

/** Payload of a Condition token. */
export interface ConditionPayload {
  readonly id: string;
  readonly negated: boolean;
}

/** Payload of a Definition token. */
export interface DefinitionPayload {
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly value: string;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly multiline: boolean;
  readonly refs: readonly ParamRef[];
}

/** Payload of a Sequence token. */
export interface SequencePayload {
  readonly generators: readonly SequenceGenerator[];
  readonly body: readonly KeepalivedWord[];
}

/** Tokens and side findings of one scanned region. */
interface ScanResult {
  readonly tokens: IToken[];
  readonly comments: KeepalivedComment[];
  readonly issues: Issue[];
  /** Offset where scanning stopped: a line start at or after the requested stop, or the text end. */
  readonly end: number;
}

const EMPTY_REFS: readonly ParamRef[] = Object.freeze([]);

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const FF = 12;
const VT = 11;
const HASH = 35;
const BANG = 33;
const LBRACE = 123;
const RBRACE = 125;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const DOLLAR = 36;
const AT = 64;
const CARET = 94;
const TILDE = 126;
const PERCENT = 37;
const EQUALS = 61;
const COMMA = 44;
const RPAREN = 41;
const LPAREN = 40;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === FF || c === VT;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Offset of the `\n` ending the line that contains `pos`, or the text length. */
function lineEndOf(text: string, pos: number): number {
  const at = text.indexOf('\n', pos);
  return at === -1 ? text.length : at;
}

/** Closing delimiter of a template span opening at `pos`, or undefined when none opens there. */
function templateClose(text: string, pos: number): string | undefined {
  if (text.charCodeAt(pos) !== LBRACE) return undefined;
  const next = text.charCodeAt(pos + 1);
  if (next === LBRACE) return '}}';
  if (next === PERCENT) return '%}';
  if (next === HASH) {
    // `{# …` is only a Jinja comment when closed on its line; otherwise it is a brace and a comment.
    const close = text.indexOf('#}', pos + 2);
    return close !== -1 && close < lineEndOf(text, pos) ? '#}' : undefined;
  }
  return undefined;
}

/**
 * End of the line starting at `pos` when that line holds only `{% … %}` / `{# … #}` tags (and
 * blanks): such lines are template control flow that never reaches keepalived. Otherwise -1.
 */
function templateOnlyLineEnd(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  // Cheap exit for the usual line, before looking for the line end.
  if (templateClose(text, i) === undefined) return -1;
  const eol = lineEndOf(text, i);
  let tags = 0;
  while (i < eol) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) {
      i++;
      continue;
    }
    const close = templateClose(text, i);
    if (close === undefined || close === '}}') return -1;
    const at = text.indexOf(close, i + 2);
    if (at === -1 || at >= eol) return -1;
    i = at + 2;
    tags++;
  }
  return tags > 0 ? eol : -1;
}

/**
 * Whether the next meaningful thing after `pos` (skipping blanks, line ends, comments and
 * template-only lines) is a block-opening `{`. Incremental re-parsing must not cut a region there,
 * because such a brace belongs to the item before it.
 */
export function opensBlockAhead(text: string, pos: number): boolean {
  let i = pos;
  let lineStart = true;
  const n = text.length;
  while (i < n) {
    if (lineStart) {
      const templateEnd = templateOnlyLineEnd(text, i);
      if (templateEnd !== -1) {
        i = templateEnd;
        continue;
      }
      lineStart = false;
    }
    const c = text.charCodeAt(i);
    if (c === LF) {
      i++;
      lineStart = true;
    } else if (isBlank(c)) {
      i++;
    } else if (c === HASH || c === BANG) {
      i = lineEndOf(text, i);
    } else {
      return c === LBRACE && templateClose(text, i) === undefined;
    }
  }
  return false;
}

/** Decodes the escape starting at the backslash `pos`; returns the text and the length consumed. */
function decodeEscape(text: string, pos: number, limit: number): [string, number] {
  const c = text.charCodeAt(pos + 1);
  if (pos + 1 >= limit) return ['\\', 1];
  if (c === 120 /* x */ && isHex(text.charCodeAt(pos + 2)) && pos + 2 < limit) {
    let len = 1;
    if (pos + 3 < limit && isHex(text.charCodeAt(pos + 3))) len = 2;
    return [String.fromCharCode(Number.parseInt(text.slice(pos + 2, pos + 2 + len), 16)), 2 + len];
  }
  if (c === 99 /* c */ && pos + 2 < limit) {
    return [String.fromCharCode(text.charCodeAt(pos + 2) & 0x1f), 3];
  }
  if (c >= 48 && c <= 55) {
    let len = 1;
    while (len < 3 && pos + 1 + len < limit) {
      const d = text.charCodeAt(pos + 1 + len);
      if (d < 48 || d > 55) break;
      len++;
    }
    return [
      String.fromCharCode(Number.parseInt(text.slice(pos + 1, pos + 1 + len), 8) & 0xff),
      1 + len,
    ];
  }
  switch (c) {
    case 97:
      return ['\x07', 2];
    case 98:
      return ['\b', 2];
    case 69:
      return ['\x1b', 2];
    case 102:
      return ['\f', 2];
    case 110:
      return ['\n', 2];
    case 114:
      return ['\r', 2];
    case 116:
      return ['\t', 2];
    case 118:
      return ['\v', 2];
    default:
      return [text[pos + 1] ?? '', 2];
  }
}

/**
 * Recognises a parameter use at the `$` at `pos`. keepalived replaces `$NAME` only when a blank,
 * `,`, `)` or the end of the line follows, and `${NAME}` anywhere (with optional numeric arguments).
 */
function paramRefAt(text: string, pos: number, limit: number): ParamRef | undefined {
  let i = pos + 1;
  const braced = text.charCodeAt(i) === LBRACE;
  if (braced) i++;
  if (i >= limit || !isNameStart(text.charCodeAt(i))) return undefined;
  const nameStart = i;
  while (i < limit && isNameChar(text.charCodeAt(i))) i++;
  const name = cut(text, nameStart, i);
  if (braced) {
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (c !== SPACE && (c < 48 || c > 57)) break;
      i++;
    }
    if (i >= limit || text.charCodeAt(i) !== RBRACE || text.charCodeAt(i - 1) === SPACE) {
      return undefined;
    }
    return { name, braced, start: pos, end: i + 1 };
  }
  const c = i < limit ? text.charCodeAt(i) : LF;
  if (c === LF || isBlank(c) || c === COMMA || c === RPAREN || c === HASH || c === BANG) {
    return { name, braced, start: pos, end: i };
  }
  return undefined;
}

/** Every parameter use in `[start, end)` (used for definition values). */
function refsIn(text: string, start: number, end: number): readonly ParamRef[] {
  let refs: ParamRef[] | undefined;
  let at = text.indexOf('$', start);
  while (at !== -1 && at < end) {
    const ref = paramRefAt(text, at, end);
    if (ref) {
      (refs ??= []).push(ref);
      at = text.indexOf('$', ref.end);
    } else {
      at = text.indexOf('$', at + 1);
    }
  }
  return refs ?? EMPTY_REFS;
}

/**
 * Line ends inside blocks share one token: only top-level line ends need their offset (they are
 * the places where a region can be cut), and a third of all tokens are line ends.
 */
const NESTED_NEWLINE: IToken = Object.freeze({
  image: '',
  startOffset: -1,
  endOffset: -1,
  tokenTypeIdx: Newline.tokenTypeIdx ?? 0,
  tokenType: Newline,
  payload: undefined,
});

/** Scanner over one region of a text. A new instance per scan keeps it re-entrant. */
class Scanner {
  readonly tokens: IToken[] = [];
  readonly comments: KeepalivedComment[] = [];
  readonly issues: Issue[] = [];
  private pos: number;
  /** Brace depth, kept exactly as the parser will see it (a stray `}` does not go below 0). */
  private depth = 0;

  /** Where the last {@link lineEnd} search started and the line end it found. */
  private eolFrom = -1;
  private eolAt = -1;

  constructor(
    private readonly text: string,
    start: number,
  ) {
    this.pos = start;
  }

  /**
   * {@link lineEndOf}, asked many times per line as the scan moves forward (each quote, escape
   * and parameter wants it): the line end found last holds for every offset up to it, so a long
   * line is searched once instead of once per word.
   */
  private lineEnd(pos: number): number {
    if (pos < this.eolFrom || pos > this.eolAt) {
      this.eolFrom = pos;
      this.eolAt = lineEndOf(this.text, pos);
      countWork(this.eolAt - pos);
    }
    return this.eolAt;
  }

  private push(type: TokenType, start: number, end: number, payload?: unknown): void {
    // Same shape as chevrotain's createTokenInstance, but built in one literal with the payload and
    // without line/column numbers: adding a property afterwards and boxing NaN columns doubled the
    // scanning time. Chevrotain reads lines and columns only to word parse errors.
    const token: IToken = {
      image: '',
      startOffset: start,
      endOffset: end - 1,
      tokenTypeIdx: type.tokenTypeIdx ?? 0,
      tokenType: type,
      payload,
    };
    this.tokens.push(token);
  }

  /** Scans until the first line start at or after `stop` where a region may end. */
  run(stop: number): number {
    const text = this.text;
    const n = text.length;
    let atStatement = true;
    let lineStart = true;
    let afterCondition = false;
    while (this.pos < n) {
      if (lineStart) {
        lineStart = false;
        const templateEnd = templateOnlyLineEnd(text, this.pos);
        if (templateEnd !== -1) {
          this.comments.push({ start: this.pos, end: templateEnd, template: true });
          this.pos = templateEnd;
          continue;
        }
      }
      const c = text.charCodeAt(this.pos);
      if (isBlank(c)) {
        this.pos++;
        continue;
      }
      if (c === LF) {
        if (this.depth === 0) this.push(Newline, this.pos, this.pos + 1);
        else this.tokens.push(NESTED_NEWLINE);
        this.pos++;
        atStatement = true;
        lineStart = true;
        afterCondition = false;
        if (this.pos >= stop && !opensBlockAhead(text, this.pos)) return this.pos;
        continue;
      }
      if (c === HASH || c === BANG) {
        this.comment();
        continue;
      }
      if (c === LBRACE && templateClose(text, this.pos) === undefined) {
        this.push(LCurly, this.pos, this.pos + 1);
        this.depth++;
        this.pos++;
        atStatement = true;
        afterCondition = false;
        continue;
      }
      if (c === RBRACE) {
        this.push(RCurly, this.pos, this.pos + 1);
        if (this.depth > 0) this.depth--;
        this.pos++;
        atStatement = true;
        afterCondition = false;
        continue;
      }
      if (atStatement) {
        if (c === AT && !afterCondition) {
          this.condition();
          afterCondition = true;
          continue;
        }
        if (c === DOLLAR && this.definition()) {
          atStatement = false;
          continue;
        }
        if (
          c === TILDE &&
          (text.startsWith('~SEQ', this.pos) || text.startsWith('~LST', this.pos))
        ) {
          this.sequence();
          atStatement = false;
          continue;
        }
      }
      const word = this.word(false);
      this.push(Word, word.start, word.end, word);
      atStatement = false;
      afterCondition = false;
    }
    return n;
  }

  private comment(): void {
    let end = this.lineEnd(this.pos);
    if (end > this.pos && this.text.charCodeAt(end - 1) === CR) end--;
    this.comments.push({ start: this.pos, end, template: false });
    this.pos = end;
  }

  private condition(): void {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    const negated = text.charCodeAt(i) === CARET;
    if (negated) i++;
    const idStart = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === LF || isBlank(c) || c === HASH || c === BANG) break;
      i++;
    }
    const id = cut(text, idStart, i);
    this.push(Condition, start, i, { id, negated } satisfies ConditionPayload);
    this.pos = i;
    if (id.length === 0) {
      this.issues.push(
        syntaxIssue(
          'invalid-condition',
          'warning',
          negated
            ? "'@^' has no config-id after it, so the line always applies; write '@^id' without a space."
            : "'@' has no config-id after it, so keepalived never uses this line; write '@id' without a space.",
          start,
          i,
        ),
      );
      return;
    }
    // keepalived drops a conditional line that has nothing after the config-id.
    let j = i;
    while (j < text.length && isBlank(text.charCodeAt(j))) j++;
    const next = j < text.length ? text.charCodeAt(j) : LF;
    if (next === LF || next === HASH || next === BANG || j === i) {
      this.issues.push(
        syntaxIssue(
          'empty-condition',
          'warning',
          `The line only holds the prefix '${cut(text, start, i)}', so keepalived ignores it; put the directive on the same line, after a space.`,
          start,
          i,
        ),
      );
    }
  }

  /** Comment start or line end of the definition line at `from`, honouring double quotes. */
  private contentEnd(from: number): number {
    const text = this.text;
    const eol = this.lineEnd(from);
    let quote = false;
    for (let i = from; i < eol; i++) {
      const c = text.charCodeAt(i);
      if (c === DQUOTE) quote = !quote;
      else if (c === BACKSLASH) i++;
      else if (!quote && (c === HASH || c === BANG)) return i;
    }
    return eol;
  }

  /** Trims blanks before `end` (down to `start`). */
  private trimEnd(start: number, end: number): number {
    while (end > start && isBlank(this.text.charCodeAt(end - 1))) end--;
    return end;
  }

  /** Scans a `$NAME=value` definition; reports and declines malformed ones. */
  private definition(): boolean {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    const nameStart = i;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    const validName = i > nameStart && isNameStart(text.charCodeAt(nameStart));
    if (!validName || text.charCodeAt(i) !== EQUALS) {
      this.reportBadDefinition(start, i, validName);
      return false;
    }
    const nameEnd = i;
    i++;
    while (i < text.length && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    let valueStart = i;
    const pending: KeepalivedComment[] = [];
    const noteComment = (contentEnd: number): void => {
      const eol = this.lineEnd(contentEnd);
      if (contentEnd < eol) {
        const end = text.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
        pending.push({ start: contentEnd, end, template: false });
      }
    };
    let contentEnd = this.contentEnd(i);
    let lineEnd = this.trimEnd(i, contentEnd);
    let multiline = false;
    let value: string;
    let valueEnd = lineEnd;
    if (lineEnd > i && text.charCodeAt(lineEnd - 1) === BACKSLASH) {
      multiline = true;
      noteComment(contentEnd);
      const parts = [text.slice(i, this.trimEnd(i, lineEnd - 1))];
      // With a lone backslash on the first line, the value starts on the next line with content.
      let valueFound = (parts[0] ?? '').length > 0;
      let next = this.lineEnd(i);
      // Continuation lines: each one ending with '\' asks for another; a blank line ends it early,
      // while comment-only lines are skipped.
      while (next < text.length) {
        const lineStart = next + 1;
        const eol = this.lineEnd(lineStart);
        const rawEnd = eol > lineStart && text.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
        if (rawEnd === lineStart) break;
        let from = lineStart;
        while (from < rawEnd && isBlank(text.charCodeAt(from))) from++;
        contentEnd = this.contentEnd(from);
        lineEnd = this.trimEnd(from, contentEnd);
        noteComment(contentEnd);
        next = eol;
        if (lineEnd === from) continue;
        if (!valueFound) {
          valueFound = true;
          valueStart = from;
        }
        valueEnd = lineEnd;
        if (text.charCodeAt(lineEnd - 1) === BACKSLASH) {
          parts.push(text.slice(from, this.trimEnd(from, lineEnd - 1)));
          continue;
        }
        parts.push(text.slice(from, lineEnd));
        break;
      }
      value = detached(parts.filter((part) => part.length > 0).join('\n'));
    } else {
      value = cut(text, i, lineEnd);
    }
    const tokenEnd = Math.max(valueEnd, nameEnd + 1);
    // Comments after the token's end are scanned again by the main loop.
    for (const comment of pending) if (comment.start < tokenEnd) this.comments.push(comment);
    const payload: DefinitionPayload = {
      name: cut(text, nameStart, nameEnd),
      nameStart,
      nameEnd,
      value,
      valueStart,
      valueEnd: Math.max(valueEnd, valueStart),
      multiline,
      refs: refsIn(text, valueStart, valueEnd),
    };
    this.push(Definition, start, tokenEnd, payload);
    this.pos = tokenEnd;
    return true;
  }

  private reportBadDefinition(start: number, nameEnd: number, validName: boolean): void {
    const text = this.text;
    let i = nameEnd;
    if (validName) {
      // `$NAME =value`: keepalived needs the '=' right after the name.
      while (i < text.length && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
      if (text.charCodeAt(i) === EQUALS) {
        this.issues.push(
          syntaxIssue(
            'invalid-definition',
            'error',
            `Blank between the parameter name and '=': keepalived reads this as an unknown keyword, not a definition. Write '$${cut(text, start + 1, nameEnd)}=value'.`,
            start,
            i + 1,
          ),
        );
      }
      return;
    }
    // `$1X=…`, `$A-B=…`: an '=' in the first word after an invalid name.
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === LF || isBlank(c) || c === HASH || c === BANG || c === LBRACE || c === RBRACE) {
        return;
      }
      if (c === EQUALS) break;
      i++;
    }
    if (i >= text.length) return;
    this.issues.push(
      syntaxIssue(
        'invalid-definition',
        'error',
        `'${cut(text, start, i)}' is not a valid parameter name: names use letters, digits and '_' and do not start with a digit. keepalived reads this line as an unknown keyword.`,
        start,
        i + 1,
      ),
    );
  }

  private sequence(): void {
    const text = this.text;
    const start = this.pos;
    const end = this.contentEnd(start);
    const contentEnd = this.trimEnd(start, end);
    const generators: SequenceGenerator[] = [];
    let i = start;
    let bad = false;
    while (i < contentEnd && text.charCodeAt(i) === TILDE) {
      let kind: SequenceGenerator['kind'];
      if (text.startsWith('~SEQx', i)) kind = 'SEQx';
      else if (text.startsWith('~SEQ', i)) kind = 'SEQ';
      else if (text.startsWith('~LST', i)) kind = 'LST';
      else break;
      const genStart = i;
      i += kind.length + 1;
      while (i < contentEnd && isBlank(text.charCodeAt(i))) i++;
      const close = text.indexOf(')', i);
      if (text.charCodeAt(i) !== LPAREN || close === -1 || close >= contentEnd) {
        bad = true;
        this.issues.push(
          syntaxIssue(
            'invalid-sequence',
            'error',
            `'~${kind}' needs its arguments in parentheses, as in '~${kind === 'LST' ? 'LST(VAR, a, b)' : 'SEQ(VAR, 1, 4)'}'; keepalived rejects this line.`,
            genStart,
            contentEnd,
          ),
        );
        i = contentEnd;
        break;
      }
      const spec = cut(text, i + 1, close);
      generators.push({ kind, spec, start: genStart, end: close + 1 });
      if (kind !== 'LST' && !validSeqSpec(spec)) {
        bad = true;
        this.issues.push(
          syntaxIssue(
            'invalid-sequence',
            'error',
            `'~${kind}(${spec})' should be (VAR, end), (VAR, start, end) or (VAR, start, step, end); keepalived rejects this line.`,
            genStart,
            close + 1,
          ),
        );
      }
      i = close + 1;
      while (i < contentEnd && isBlank(text.charCodeAt(i))) i++;
    }
    this.pos = i;
    const body: KeepalivedWord[] = [];
    if (!bad) {
      while (this.pos < contentEnd) {
        const c = text.charCodeAt(this.pos);
        if (isBlank(c)) {
          this.pos++;
          continue;
        }
        body.push(this.word(true));
      }
    }
    this.push(Sequence, start, contentEnd, { generators, body } satisfies SequencePayload);
    this.pos = contentEnd;
  }

  /** Scans one word starting at `this.pos`. */
  private word(bracesAreText: boolean): KeepalivedWord {
    const text = this.text;
    const n = text.length;
    const start = this.pos;
    let i = start;
    let value = '';
    let literalFrom = i;
    let hasTemplate = false;
    let quoting: WordQuoting | undefined;
    let refs: ParamRef[] | undefined;
    let unquotedSeen = false;
    let hasDoubleQuote = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === LF || isBlank(c) || c === HASH || c === BANG) break;
      if (c === LBRACE) {
        const close = templateClose(text, i);
        if (close !== undefined) {
          const eol = this.lineEnd(i);
          const at = text.indexOf(close, i + 2);
          let spanEnd: number;
          if (at === -1 || at >= eol) {
            spanEnd = text.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
            this.issues.push(
              syntaxIssue(
                'unterminated-template',
                'warning',
                `Template tag '${text.slice(i, i + 2)}' is not closed on this line; close it with '${close}'.`,
                i,
                spanEnd,
              ),
            );
          } else {
            spanEnd = at + 2;
          }
          hasTemplate = true;
          unquotedSeen = true;
          i = spanEnd;
          continue;
        }
        if (!bracesAreText) break;
      } else if (c === RBRACE && !bracesAreText) {
        break;
      }
      if (c === BACKSLASH) {
        value += text.slice(literalFrom, i);
        const lineEnd = this.lineEnd(i);
        const eol = lineEnd > i + 1 && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
        if (this.trimEnd(i + 1, eol) === i + 1) {
          this.issues.push(
            syntaxIssue(
              'line-continuation',
              'error',
              "A trailing '\\' continues only a $NAME= definition: elsewhere keepalived keeps it and glues it to the word before (reading '5 \\' as '5\\'), and the next line stays separate. Remove the backslash.",
              i,
              i + 1,
            ),
          );
        }
        const [decoded, len] = decodeEscape(text, i, eol);
        value += decoded;
        i += len;
        literalFrom = i;
        unquotedSeen = true;
        continue;
      }
      if (c === DOLLAR) {
        const ref = paramRefAt(text, i, this.lineEnd(i));
        if (ref) {
          (refs ??= []).push(ref);
          i = ref.end;
          unquotedSeen = true;
          continue;
        }
      }
      if (c === DQUOTE) {
        value += text.slice(literalFrom, i);
        const eol = this.lineEnd(i);
        let j = i + 1;
        let from = j;
        let closed = false;
        while (j < eol) {
          const d = text.charCodeAt(j);
          if (d === DQUOTE) {
            closed = true;
            break;
          }
          if (d === BACKSLASH) {
            value += text.slice(from, j);
            const [decoded, len] = decodeEscape(text, j, eol);
            value += decoded;
            j += len;
            from = j;
            continue;
          }
          if (d === DOLLAR) {
            const ref = paramRefAt(text, j, eol);
            if (ref) (refs ??= []).push(ref);
          }
          j++;
        }
        quoting = quoting === undefined || quoting === 'double' ? 'double' : 'mixed';
        hasDoubleQuote = true;
        if (closed) {
          value += text.slice(from, j);
          i = j + 1;
        } else {
          const end = this.trimEnd(i, eol);
          value += text.slice(from, end);
          this.issues.push(
            syntaxIssue(
              'unterminated-quote',
              'error',
              "This double quote is never closed on its line: keepalived rejects the line. Add the closing '\"'.",
              i,
              end,
            ),
          );
          i = end;
        }
        literalFrom = i;
        continue;
      }
      if (c === SQUOTE) {
        // keepalived still cuts comments and splits braces inside single quotes, so a single-quoted
        // part only groups words when nothing of that kind interrupts it.
        const eol = this.lineEnd(i);
        let j = i + 1;
        while (j < eol) {
          const d = text.charCodeAt(j);
          if (
            d === SQUOTE ||
            d === HASH ||
            d === BANG ||
            d === LBRACE ||
            d === RBRACE ||
            d === DQUOTE
          ) {
            break;
          }
          if (d === BACKSLASH) j++;
          j++;
        }
        // A backslash just before the line end escapes nothing on this line: stay inside it.
        if (j > eol) j = eol;
        if (j < eol && text.charCodeAt(j) === SQUOTE) {
          value += text.slice(literalFrom, i);
          let from = i + 1;
          for (let k = i + 1; k < j;) {
            if (text.charCodeAt(k) === BACKSLASH) {
              value += text.slice(from, k);
              const [decoded, len] = decodeEscape(text, k, j);
              value += decoded;
              k += len;
              from = k;
            } else k++;
          }
          value += text.slice(from, j);
          quoting = quoting === undefined || quoting === 'single' ? 'single' : 'mixed';
          i = j + 1;
          literalFrom = i;
          continue;
        }
        this.issues.push(
          syntaxIssue(
            'unterminated-quote',
            'warning',
            j < eol
              ? `keepalived does not protect '${text[j] ?? ''}' inside single quotes, so this quote is cut short; use double quotes or escape the character.`
              : 'This single quote is never closed on its line, so keepalived keeps it as a literal character; add the closing quote.',
            i,
            j,
          ),
        );
      }
      unquotedSeen = true;
      i++;
    }
    const raw = cut(text, start, i);
    value = literalFrom === start ? raw : detached(value + text.slice(literalFrom, i));
    this.pos = i;
    if (quoting !== undefined && unquotedSeen) quoting = 'mixed';
    if (hasDoubleQuote && quoting === 'mixed') {
      this.issues.push(
        syntaxIssue(
          'glued-quote',
          'warning',
          'A double-quoted part is glued to other text: keepalived 2.2 splits the word at the quote while newer versions join it. Quote the whole word, or separate the parts with a space.',
          start,
          i,
        ),
      );
    }
    return {
      start,
      end: i,
      raw,
      value,
      quoting: quoting ?? 'none',
      hasTemplate,
      refs: refs ?? EMPTY_REFS,
    };
  }
}

/** `VAR, a[, b[, c]]` with a non-empty variable name. */
function validSeqSpec(spec: string): boolean {
  const parts = spec.split(',').map((part) => part.trim());
  if (parts.length < 2 || parts.length > 4) return false;
  return parts.every((part) => part.length > 0);
}

/**
 * Scans `text` from `start` (a line start outside any block) up to the first line start at or after
 * `stop` that is not followed by a block-opening brace.
 */
export function scanKeepalived(text: string, start: number, stop: number): ScanResult {
  const scanner = new Scanner(text, start);
  const end = scanner.run(stop);
  return { tokens: scanner.tokens, comments: scanner.comments, issues: scanner.issues, end };
}
