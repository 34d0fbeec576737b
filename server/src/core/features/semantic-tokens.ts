/**
 * Semantic tokens (full document), layered over the TextMate grammar: they add what only the
 * syntax tree and the catalogs know — which words are keywords (and deprecated ones), which are
 * names being defined or used, fetches and converters, condition operators, numbers and strings.
 * Comments are left to the grammar.
 */
import type {
  SemanticTokens,
  SemanticTokensEdit,
  SemanticTokensLegend,
} from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import type { Condition, HaproxyConfig, Statement, Word } from '../haproxy/ast.js';
import { headWord } from '../haproxy/build-ast.js';
import { HAPROXY_CATALOG, lifecycleAt, lookupKeyword } from '../haproxy/catalog/index.js';
import type { KeepalivedConfig, KeepalivedNode, KeepalivedWord } from '../keepalived/ast.js';
import { KEEPALIVED_CATALOG, TOP_CONTEXT } from '../keepalived/catalog/index.js';
import type { NameSite } from '../common/references.js';
import { documentReferences } from '../references.js';

const TOKEN_TYPES = [
  'namespace',
  'keyword',
  'function',
  'variable',
  'number',
  'string',
  'operator',
] as const;
const TOKEN_MODIFIERS = ['declaration', 'deprecated'] as const;

type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

/** The legend the server announces; token data indexes into it. */
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

/** Index of a token type in {@link TOKEN_TYPES}. */
function typeIndex(type: TokenType): number {
  return TOKEN_TYPES.indexOf(type);
}

const NAMESPACE = typeIndex('namespace');
const KEYWORD = typeIndex('keyword');
const FUNCTION = typeIndex('function');
const VARIABLE = typeIndex('variable');
const NUMBER_TYPE = typeIndex('number');
const STRING = typeIndex('string');
const OPERATOR = typeIndex('operator');

function modifierBit(modifier: TokenModifier): number {
  return 1 << TOKEN_MODIFIERS.indexOf(modifier);
}

const DECLARATION = modifierBit('declaration');
const DEPRECATED = modifierBit('deprecated');

/**
 * Candidate tokens in parallel typed arrays: a large file yields close to a million of them, and
 * one object each made the garbage collector a sixth of the request. `meta` packs the token type
 * (bits 0–3), the modifier bits (4–7) and the rank (8–11): lower rank wins when two candidates
 * overlap (names over plain numbers, say).
 */
class Tokens {
  count = 0;
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  meta = new Int32Array(1024);

  add(start: number, end: number, type: number, modifiers = 0, rank = 5): void {
    if (end <= start) return;
    if (this.count === this.starts.length) this.grow();
    const at = this.count++;
    this.starts[at] = start;
    this.ends[at] = end;
    this.meta[at] = type | (modifiers << 4) | (rank << 8);
  }

  /** A word (or any span) as one token. */
  span(
    span: { readonly start: number; readonly end: number },
    type: number,
    modifiers = 0,
    rank = 5,
  ): void {
    this.add(span.start, span.end, type, modifiers, rank);
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const meta = new Int32Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    meta.set(this.meta);
    this.starts = starts;
    this.ends = ends;
    this.meta = meta;
  }
}

/** A number, a time (`5s`, `100ms`) or a size (`16k`, `1m`). */
const NUMBER = /^\d+(?:\.\d+)?(?:us|ms|s|m|h|d|k|K|M|g|G)?$/;
/** The port at the end of an address (`10.0.0.1:80`, `:443`, `[::1]:8080`). */
const PORT = /:(\d+(?:-\d+)?)$/;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function scalar(tokens: Tokens, word: Word | KeepalivedWord): void {
  if (word.quoting !== 'none') {
    tokens.span(word, STRING, 0, 9);
    return;
  }
  // Cheap first-character and last-character checks spare most words both regular expressions:
  // a number starts with a digit, a port ends with one.
  const value = word.value;
  if (isDigit(value.charCodeAt(0)) && NUMBER.test(value)) {
    tokens.span(word, NUMBER_TYPE, 0, 9);
    return;
  }
  const raw = word.raw;
  if (!isDigit(raw.charCodeAt(raw.length - 1))) return;
  const port = PORT.exec(raw);
  if (port && port[1] !== undefined) {
    tokens.add(word.end - port[1].length, word.end, NUMBER_TYPE, 0, 9);
  }
}

/**
 * Names from the reference table: HAProxy sections as namespaces, section-local names (ACLs,
 * servers) and every Keepalived name as variables. The table is in offset order, so these form a
 * sorted stream of their own.
 */
function names(tokens: Tokens, sites: readonly NameSite[], keepalived: boolean): void {
  for (const site of sites) {
    if (site.dynamic) continue;
    const local = keepalived || site.kind === 'acl' || site.kind === 'server';
    tokens.add(
      site.start,
      site.end,
      local ? VARIABLE : NAMESPACE,
      site.definition ? DECLARATION : 0,
      1,
    );
  }
}

/** The length of a fetch or converter name at `at` (`[a-z_][\w.-]*`, any case), 0 if none. */
function nameLength(text: string, at: number): number {
  const first = text.charCodeAt(at) | 0x20;
  if (!((first >= 97 && first <= 122) || text.charCodeAt(at) === 95)) return 0;
  let end = at + 1;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    const lower = code | 0x20;
    const word =
      (lower >= 97 && lower <= 122) || isDigit(code) || code === 95 || code === 46 || code === 45;
    if (!word) break;
    end++;
  }
  return end - at;
}

/** A fetch with its converters (`req.hdr(host),lower`): names as functions, arguments skipped. */
function fetchWord(tokens: Tokens, word: Word): void {
  if (word.raw !== word.value) return;
  let at = 0;
  const text = word.value;
  while (at < text.length) {
    const length = nameLength(text, at);
    if (length === 0) break;
    tokens.add(word.start + at, word.start + at + length, FUNCTION, 0, 3);
    at += length;
    // Skip the arguments, then go to the next converter after a comma at depth 0.
    let depth = 0;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 40) depth++;
      else if (c === 41) depth--;
      else if (c === 44 && depth === 0) break;
      at++;
    }
    at++;
  }
}

/** `!`, `!!`, … */
function onlyBangs(value: string): boolean {
  if (value.length === 0) return false;
  for (let at = 0; at < value.length; at++) if (value.charCodeAt(at) !== 33) return false;
  return true;
}

function condition(tokens: Tokens, cond: Condition): void {
  tokens.span(cond.keyword, OPERATOR, 0, 2);
  for (const word of cond.words) {
    if (word.value === '||' || word.value === 'or' || onlyBangs(word.value)) {
      tokens.span(word, OPERATOR, 0, 2);
    }
  }
  for (const group of cond.groups) {
    for (const term of group.terms) {
      if (term.kind === 'acl') {
        if (term.nameStart > term.word.start) {
          tokens.add(term.word.start, term.nameStart, OPERATOR, 0, 2);
        }
      } else {
        const words = term.words;
        const fetch = words[0];
        if (fetch) fetchWord(tokens, fetch);
        for (let at = 1; at < words.length; at++) scalar(tokens, words[at] as Word);
      }
    }
  }
}

/** How many words a keyword starting with a given word can span, over every catalog keyword. */
const KEYWORD_SPAN = new Map<string, number>();
for (const spec of HAPROXY_CATALOG.keywords) {
  const parts = spec.name.split(' ');
  const first = parts[0] ?? '';
  KEYWORD_SPAN.set(first, Math.max(KEYWORD_SPAN.get(first) ?? 1, parts.length));
}

interface KeywordFacts {
  /** How many leading words form the keyword. */
  readonly length: number;
  readonly deprecated: boolean;
}

/**
 * Keyword lookups by section, version and the words that can take part in the match: a big file
 * repeats a few hundred line shapes, so each is looked up once per call instead of once per line.
 */
class KeywordMemo {
  /** Keywords one word long, by section then word: no key string to build per line. */
  private readonly single = new Map<string, Map<string, KeywordFacts>>();
  private readonly facts = new Map<string, KeywordFacts>();

  constructor(private readonly version: string) {}

  /**
   * The keyword facts of `statement`, a line of `section` (read from its keyword and arguments: a
   * keyword name never reaches into the condition).
   */
  of(section: string, statement: Statement): KeywordFacts {
    const count = statement.args.length + 1;
    const valueAt = (at: number): string => headWord(statement, at)?.value ?? '';
    const first = statement.keyword.value;
    // `no` may precede a keyword; one more word then takes part in the match.
    const head = first === 'no' ? valueAt(1) : first;
    const span =
      first === 'no'
        ? Math.max((KEYWORD_SPAN.get(head) ?? 1) + 1, KEYWORD_SPAN.get('no') ?? 1)
        : (KEYWORD_SPAN.get(first) ?? 1);
    if (span === 1 || count <= 1) {
      let bySection = this.single.get(section);
      if (!bySection) {
        bySection = new Map();
        this.single.set(section, bySection);
      }
      let facts = bySection.get(first);
      if (!facts) {
        facts = this.lookup(section, [first]);
        bySection.set(first, facts);
      }
      return facts;
    }
    let key = section;
    for (let at = 0; at < span && at < count; at++) key += `\u0000${valueAt(at)}`;
    let facts = this.facts.get(key);
    if (!facts) {
      const values: string[] = [];
      for (let at = 0; at < span && at < count; at++) values.push(valueAt(at));
      facts = this.lookup(section, values);
      this.facts.set(key, facts);
    }
    return facts;
  }

  private lookup(section: string, values: readonly string[]): KeywordFacts {
    const match = lookupKeyword(section, values);
    return {
      length: match?.length ?? 1,
      deprecated: match !== undefined && lifecycleAt(match.spec, this.version) === 'deprecated',
    };
  }
}

function haproxyStatement(
  tokens: Tokens,
  statement: Statement,
  section: string,
  keywords: KeywordMemo,
): void {
  const args = statement.args;
  const { length, deprecated } = keywords.of(section, statement);
  for (let at = 0; at < length && at <= args.length; at++) {
    tokens.span(headWord(statement, at) as Word, KEYWORD, deprecated ? DEPRECATED : 0, 2);
  }
  if (statement.keyword.value === 'acl' && args[1]) fetchWord(tokens, args[1]);
  for (let at = 0; at < args.length; at++) scalar(tokens, args[at] as Word);
  if (statement.condition) condition(tokens, statement.condition);
}

function haproxyTokens(config: HaproxyConfig, tokens: Tokens, version: string): void {
  const keywords = new KeywordMemo(version);
  for (const item of config.preamble) {
    if (item.kind === 'directive') tokens.span(item.keyword, KEYWORD, 0, 2);
  }
  for (const section of config.sections) {
    tokens.span(section.keyword, KEYWORD, 0, 2);
    for (const item of section.items) {
      if (item.kind === 'statement') haproxyStatement(tokens, item, section.type, keywords);
      else if (item.kind === 'directive') tokens.span(item.keyword, KEYWORD, 0, 2);
    }
  }
}

function keepalivedTokens(config: KeepalivedConfig, tokens: Tokens, version: string): void {
  const walk = (nodes: readonly KeepalivedNode[], context: string): void => {
    for (const node of nodes) {
      if (node.kind === 'definition' || node.kind === 'sequence') continue;
      if (node.kind === 'include') {
        tokens.span(node.keyword, KEYWORD, 0, 2);
        if (node.path) tokens.span(node.path, STRING, 0, 9);
        continue;
      }
      const spec = KEEPALIVED_CATALOG.keyword(context, node.keyword.value);
      if (spec) {
        const deprecated = KEEPALIVED_CATALOG.lifecycleAt(spec, version) === 'deprecated';
        tokens.span(node.keyword, KEYWORD, deprecated ? DEPRECATED : 0, 2);
      } else {
        scalar(tokens, node.keyword);
      }
      for (const word of node.args) scalar(tokens, word);
      if (node.block) walk(node.block.items, node.keyword.value);
    }
  };
  walk(config.items, TOP_CONTEXT);
}

/** Candidate `a` comes before `b`: by start, then rank, then insertion order. */
function before(tokens: Tokens, a: number, b: number): boolean {
  const startA = tokens.starts[a] as number;
  const startB = tokens.starts[b] as number;
  if (startA !== startB) return startA < startB;
  const rankA = (tokens.meta[a] as number) >> 8;
  const rankB = (tokens.meta[b] as number) >> 8;
  return rankA !== rankB ? rankA < rankB : a < b;
}

const INDEX_BITS = 2 ** 21;
const MAX_PACKED_START = 2 ** 27;

/**
 * The candidates `[from, to)` in order (by start, rank, insertion). Each stream is generated
 * nearly in order (out of order only within one line), so an insertion sort does it in one pass;
 * should a pathological line make it shift too much, a full sort takes over.
 */
function sortRange(tokens: Tokens, from: number, to: number): Int32Array {
  const count = to - from;
  const order = new Int32Array(count);
  for (let at = 0; at < count; at++) order[at] = from + at;
  let budget = 8 * count + 1024;
  for (let at = 1; at < count; at++) {
    const candidate = order[at] as number;
    let into = at;
    while (into > 0 && before(tokens, candidate, order[into - 1] as number)) {
      order[into] = order[into - 1] as number;
      into--;
    }
    order[into] = candidate;
    budget -= at - into;
    if (budget < 0) return fullSort(tokens, from, to);
  }
  return order;
}

/**
 * The fallback of {@link sortRange}: the three keys packed into one float (start and rank above,
 * the index below) so that the native numeric sort of a typed array does it.
 */
function fullSort(tokens: Tokens, from: number, to: number): Int32Array {
  const count = to - from;
  let last = 0;
  for (let at = from; at < to; at++) last = Math.max(last, tokens.starts[at] as number);
  if (count >= INDEX_BITS || last >= MAX_PACKED_START) {
    const order = Array.from({ length: count }, (_, at) => from + at);
    order.sort((a, b) => (before(tokens, a, b) ? -1 : before(tokens, b, a) ? 1 : 0));
    return Int32Array.from(order);
  }
  const keys = new Float64Array(count);
  for (let at = 0; at < count; at++) {
    const token = from + at;
    keys[at] =
      ((tokens.starts[token] as number) * 16 + ((tokens.meta[token] as number) >> 8)) * INDEX_BITS +
      at;
  }
  keys.sort();
  const order = new Int32Array(count);
  for (let at = 0; at < count; at++) order[at] = from + ((keys[at] as number) % INDEX_BITS);
  return order;
}

/**
 * Relative encoding: five integers per token, each position relative to the previous token. The
 * names (`[0, split)`) and the syntax candidates (`[split, count)`) are sorted apart and merged.
 */
function encode(document: ParsedDocument, tokens: Tokens, split: number): Uint32Array {
  const names = sortRange(tokens, 0, split);
  const syntax = sortRange(tokens, split, tokens.count);
  const { starts, ends, meta } = tokens;
  const lines = document.lineIndex;
  const lineCount = lines.lineCount;
  // Sized once for every candidate, then cut to size: pushing five numbers per token grew (and
  // copied) a multi-megabyte array.
  const packedData = new Uint32Array(tokens.count * 5);
  let used = 0;
  let previousLine = 0;
  let previousChar = 0;
  let lastEnd = -1;
  // Tokens arrive in offset order, so the line only moves forward: no search per token.
  let line = 0;
  let lineStart = 0;
  let nextStart = lineCount > 1 ? lines.lineStart(1) : Number.POSITIVE_INFINITY;
  let nameAt = 0;
  let syntaxAt = 0;
  while (nameAt < names.length || syntaxAt < syntax.length) {
    const token =
      syntaxAt >= syntax.length ||
      (nameAt < names.length && before(tokens, names[nameAt] as number, syntax[syntaxAt] as number))
        ? (names[nameAt++] as number)
        : (syntax[syntaxAt++] as number);
    const start = starts[token] as number;
    if (start < lastEnd) continue;
    while (start >= nextStart) {
      line++;
      lineStart = nextStart;
      nextStart = line + 1 < lineCount ? lines.lineStart(line + 1) : Number.POSITIVE_INFINITY;
    }
    const end = ends[token] as number;
    // Tokens may not span lines; a multi-line quoted word is left to the grammar.
    if (end >= nextStart) continue;
    const character = start - lineStart;
    const deltaLine = line - previousLine;
    const packed = meta[token] as number;
    packedData[used++] = deltaLine;
    packedData[used++] = deltaLine === 0 ? character - previousChar : character;
    packedData[used++] = end - start;
    packedData[used++] = packed & 15;
    packedData[used++] = (packed >> 4) & 15;
    previousLine = line;
    previousChar = character;
    lastEnd = end;
  }
  return packedData.slice(0, used);
}

/**
 * The encoded tokens of the whole document (five integers per token, as LSP sends them), in a
 * typed array: a host answering deltas keeps the last one per document at 4 bytes an integer.
 * `version` decides which keywords are deprecated.
 */
export function getSemanticTokenData(document: ParsedDocument, version: string): Uint32Array {
  const tokens = new Tokens();
  names(tokens, documentReferences(document, version).sites, document.languageId === 'keepalived');
  const split = tokens.count;
  if (document.languageId === 'haproxy') haproxyTokens(document.parse.ast, tokens, version);
  else keepalivedTokens(document.parse.ast, tokens, version);
  return encode(document, tokens, split);
}

/**
 * Token data as the plain array LSP sends. Built by pushing, so the array stays packed: the JSON
 * serialisation of a holey array (one allocated at its final length) is several times slower.
 */
export function tokenDataArray(data: Uint32Array): number[] {
  const array: number[] = [];
  for (let at = 0; at < data.length; at++) array.push(data[at] as number);
  return array;
}

/** Semantic tokens of the whole document; `version` decides which keywords are deprecated. */
export function getSemanticTokens(document: ParsedDocument, version: string): SemanticTokens {
  return { data: tokenDataArray(getSemanticTokenData(document, version)) };
}

/**
 * The edits that turn `previous` token data into `next`: one edit replacing what lies between
 * their common prefix and common suffix (none when they are equal). An edit in the document moves
 * the relative encoding of the tokens it touches and of the one after, so the middle part is small.
 * Both ends are kept at whole tokens (multiples of five integers), which every client reads.
 */
export function semanticTokensEdits(
  previous: ArrayLike<number>,
  next: ArrayLike<number>,
): SemanticTokensEdit[] {
  const shorter = Math.min(previous.length, next.length);
  let prefix = 0;
  while (prefix < shorter && previous[prefix] === next[prefix]) prefix++;
  if (prefix === shorter && previous.length === next.length) return [];
  prefix -= prefix % 5;
  let suffix = 0;
  const room = shorter - prefix;
  while (
    suffix < room &&
    previous[previous.length - 1 - suffix] === next[next.length - 1 - suffix]
  ) {
    suffix++;
  }
  suffix -= suffix % 5;
  const data: number[] = [];
  for (let at = prefix; at < next.length - suffix; at++) data.push(next[at] as number);
  return [{ start: prefix, deleteCount: previous.length - suffix - prefix, data }];
}
