/**
 * Semantic tokens (full document), layered over the TextMate grammar: they add what only the
 * syntax tree and the catalogs know — which words are keywords (and deprecated ones), which are
 * names being defined or used, fetches and converters, condition operators, numbers and strings.
 * Comments are left to the grammar.
 */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import type { Condition, HaproxyConfig, Statement, Word } from '../haproxy/ast.js';
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

interface Token {
  readonly start: number;
  readonly end: number;
  /** Index into {@link TOKEN_TYPES}. */
  readonly type: number;
  /** Bit set over {@link TOKEN_MODIFIERS}. */
  readonly modifiers: number;
  /** Lower wins when two candidates overlap (names over plain numbers, say); 0 to 15. */
  readonly rank: number;
}

const TYPE_INDEX = new Map<TokenType, number>(TOKEN_TYPES.map((type, index) => [type, index]));

function modifierBit(modifier: TokenModifier): number {
  return 1 << TOKEN_MODIFIERS.indexOf(modifier);
}

const DECLARATION = modifierBit('declaration');
const DEPRECATED = modifierBit('deprecated');

class Tokens {
  readonly list: Token[] = [];

  add(
    span: { readonly start: number; readonly end: number },
    type: TokenType,
    modifiers = 0,
    rank = 5,
  ): void {
    if (span.end <= span.start) return;
    // Numbers, not arrays, per token: a large file yields close to a million candidates.
    this.list.push({
      start: span.start,
      end: span.end,
      type: TYPE_INDEX.get(type) ?? 0,
      modifiers,
      rank,
    });
  }
}

/** A number, a time (`5s`, `100ms`) or a size (`16k`, `1m`). */
const NUMBER = /^\d+(?:\.\d+)?(?:us|ms|s|m|h|d|k|K|M|g|G)?$/;
/** The port at the end of an address (`10.0.0.1:80`, `:443`, `[::1]:8080`). */
const PORT = /:(\d+(?:-\d+)?)$/;

function scalar(tokens: Tokens, word: Word | KeepalivedWord): void {
  if (word.quoting !== 'none') {
    tokens.add(word, 'string', 0, 9);
    return;
  }
  if (NUMBER.test(word.value)) {
    tokens.add(word, 'number', 0, 9);
    return;
  }
  const port = PORT.exec(word.raw);
  if (port && port[1] !== undefined) {
    tokens.add({ start: word.end - port[1].length, end: word.end }, 'number', 0, 9);
  }
}

/**
 * Names from the reference table: HAProxy sections as namespaces, section-local names (ACLs,
 * servers) and every Keepalived name as variables.
 */
function names(tokens: Tokens, sites: readonly NameSite[], keepalived: boolean): void {
  for (const site of sites) {
    if (site.dynamic) continue;
    const local = keepalived || site.kind === 'acl' || site.kind === 'server';
    tokens.add(site, local ? 'variable' : 'namespace', site.definition ? DECLARATION : 0, 1);
  }
}

/** A fetch with its converters (`req.hdr(host),lower`): names as functions, arguments skipped. */
function fetchWord(tokens: Tokens, word: Word): void {
  if (word.raw !== word.value) return;
  let at = 0;
  const text = word.value;
  while (at < text.length) {
    const match = /^[a-z_][\w.-]*/i.exec(text.slice(at));
    if (!match) break;
    tokens.add(
      { start: word.start + at, end: word.start + at + match[0].length },
      'function',
      0,
      3,
    );
    at += match[0].length;
    // Skip the arguments, then go to the next converter after a comma at depth 0.
    let depth = 0;
    while (at < text.length) {
      const c = text[at];
      if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (c === ',' && depth === 0) break;
      at++;
    }
    at++;
  }
}

function condition(tokens: Tokens, cond: Condition): void {
  tokens.add(cond.keyword, 'operator', 0, 2);
  for (const word of cond.words) {
    if (word.value === '||' || word.value === 'or' || /^!+$/.test(word.value)) {
      tokens.add(word, 'operator', 0, 2);
    }
  }
  for (const group of cond.groups) {
    for (const term of group.terms) {
      if (term.kind === 'acl') {
        if (term.nameStart > term.word.start) {
          tokens.add({ start: term.word.start, end: term.nameStart }, 'operator', 0, 2);
        }
      } else {
        const fetch = term.words[0];
        if (fetch) fetchWord(tokens, fetch);
        for (const word of term.words.slice(1)) scalar(tokens, word);
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
  private readonly facts = new Map<string, KeywordFacts>();

  constructor(private readonly version: string) {}

  of(section: string, words: readonly Word[]): KeywordFacts {
    const first = words[0]?.value ?? '';
    // `no` may precede a keyword; one more word then takes part in the match.
    const head = first === 'no' ? (words[1]?.value ?? '') : first;
    const span =
      first === 'no'
        ? Math.max((KEYWORD_SPAN.get(head) ?? 1) + 1, KEYWORD_SPAN.get('no') ?? 1)
        : (KEYWORD_SPAN.get(first) ?? 1);
    let key = section;
    for (let at = 0; at < span && at < words.length; at++) key += `\u0000${words[at]?.value ?? ''}`;
    let facts = this.facts.get(key);
    if (!facts) {
      const values: string[] = [];
      for (let at = 0; at < span && at < words.length; at++) values.push(words[at]?.value ?? '');
      const match = lookupKeyword(section, values);
      facts = {
        length: match?.length ?? 1,
        deprecated: match !== undefined && lifecycleAt(match.spec, this.version) === 'deprecated',
      };
      this.facts.set(key, facts);
    }
    return facts;
  }
}

function haproxyStatement(
  tokens: Tokens,
  statement: Statement,
  section: string,
  keywords: KeywordMemo,
): void {
  const { length, deprecated } = keywords.of(section, statement.words);
  const words = statement.words;
  for (let at = 0; at < length && at < words.length; at++) {
    const word = words[at];
    if (word) tokens.add(word, 'keyword', deprecated ? DEPRECATED : 0, 2);
  }
  if (statement.keyword.value === 'acl' && statement.args[1]) fetchWord(tokens, statement.args[1]);
  for (const word of statement.args) scalar(tokens, word);
  if (statement.condition) condition(tokens, statement.condition);
}

function haproxyTokens(config: HaproxyConfig, tokens: Tokens, version: string): void {
  const keywords = new KeywordMemo(version);
  for (const item of config.preamble) {
    if (item.kind === 'directive') tokens.add(item.keyword, 'keyword', 0, 2);
  }
  for (const section of config.sections) {
    tokens.add(section.keyword, 'keyword', 0, 2);
    for (const item of section.items) {
      if (item.kind === 'statement') haproxyStatement(tokens, item, section.type, keywords);
      else if (item.kind === 'directive') tokens.add(item.keyword, 'keyword', 0, 2);
    }
  }
}

function keepalivedTokens(config: KeepalivedConfig, tokens: Tokens, version: string): void {
  const walk = (nodes: readonly KeepalivedNode[], context: string): void => {
    for (const node of nodes) {
      if (node.kind === 'definition' || node.kind === 'sequence') continue;
      if (node.kind === 'include') {
        tokens.add(node.keyword, 'keyword', 0, 2);
        if (node.path) tokens.add(node.path, 'string', 0, 9);
        continue;
      }
      const spec = KEEPALIVED_CATALOG.keyword(context, node.keyword.value);
      if (spec) {
        const deprecated = KEEPALIVED_CATALOG.lifecycleAt(spec, version) === 'deprecated';
        tokens.add(node.keyword, 'keyword', deprecated ? DEPRECATED : 0, 2);
      } else {
        scalar(tokens, node.keyword);
      }
      for (const word of node.args) scalar(tokens, word);
      if (node.block) walk(node.block.items, node.keyword.value);
    }
  };
  walk(config.items, TOP_CONTEXT);
}

const INDEX_BITS = 2 ** 21;
const MAX_PACKED_START = 2 ** 27;

/**
 * Candidates by start, then rank, then insertion order. A comparator sort of a large file's
 * million candidates dominated the request; packing the three keys into one float (start and
 * rank above, the index below) lets the native numeric sort of a typed array do it instead.
 */
function inOrder(candidates: Token[]): readonly Token[] {
  const count = candidates.length;
  const last = candidates.reduce((max, token) => Math.max(max, token.start), 0);
  if (count >= INDEX_BITS || last >= MAX_PACKED_START) {
    return candidates.sort((a, b) => a.start - b.start || a.rank - b.rank);
  }
  const keys = new Float64Array(count);
  for (let at = 0; at < count; at++) {
    const token = candidates[at] as Token;
    keys[at] = (token.start * 16 + token.rank) * INDEX_BITS + at;
  }
  keys.sort();
  const ordered = new Array<Token>(count);
  for (let at = 0; at < count; at++) {
    ordered[at] = candidates[(keys[at] as number) % INDEX_BITS] as Token;
  }
  return ordered;
}

/** Relative encoding: five integers per token, each position relative to the previous token. */
function encode(document: ParsedDocument, candidates: Token[]): number[] {
  const ordered = inOrder(candidates);
  const lines = document.lineIndex;
  const lineCount = lines.lineCount;
  // Sized once: pushing five numbers per token grew (and copied) a multi-megabyte array.
  const data = new Array<number>(ordered.length * 5);
  let used = 0;
  let previousLine = 0;
  let previousChar = 0;
  let lastEnd = -1;
  // Tokens arrive in offset order, so the line only moves forward: no search per token.
  let line = 0;
  let lineStart = 0;
  let nextStart = lineCount > 1 ? lines.lineStart(1) : Number.POSITIVE_INFINITY;
  for (const token of ordered) {
    if (token.start < lastEnd) continue;
    while (token.start >= nextStart) {
      line++;
      lineStart = nextStart;
      nextStart = line + 1 < lineCount ? lines.lineStart(line + 1) : Number.POSITIVE_INFINITY;
    }
    // Tokens may not span lines; a multi-line quoted word is left to the grammar.
    if (token.end >= nextStart) continue;
    const character = token.start - lineStart;
    const deltaLine = line - previousLine;
    data[used++] = deltaLine;
    data[used++] = deltaLine === 0 ? character - previousChar : character;
    data[used++] = token.end - token.start;
    data[used++] = token.type;
    data[used++] = token.modifiers;
    previousLine = line;
    previousChar = character;
    lastEnd = token.end;
  }
  data.length = used;
  return data;
}

/** Semantic tokens of the whole document; `version` decides which keywords are deprecated. */
export function getSemanticTokens(document: ParsedDocument, version: string): SemanticTokens {
  const tokens = new Tokens();
  names(tokens, documentReferences(document, version).sites, document.languageId === 'keepalived');
  if (document.languageId === 'haproxy') haproxyTokens(document.parse.ast, tokens, version);
  else keepalivedTokens(document.parse.ast, tokens, version);
  return { data: encode(document, tokens.list) };
}
