/**
 * Semantic tokens (full document), layered over the TextMate grammar: they add what only the
 * syntax tree and the catalogs know — which words are keywords (and deprecated ones), which are
 * names being defined or used, fetches and converters, condition operators, numbers and strings.
 * Comments are left to the grammar.
 */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import type { Condition, HaproxyConfig, Statement, Word } from '../haproxy/ast.js';
import { lifecycleAt, lookupKeyword } from '../haproxy/catalog/index.js';
import type { KeepalivedConfig, KeepalivedNode, KeepalivedWord } from '../keepalived/ast.js';
import { KEEPALIVED_CATALOG, TOP_CONTEXT } from '../keepalived/catalog/index.js';
import { nameIndex, type NameOccurrence } from './name-index.js';

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
  readonly type: TokenType;
  readonly modifiers: readonly TokenModifier[];
  /** Lower wins when two candidates overlap (names over plain numbers, say). */
  readonly rank: number;
}

class Tokens {
  readonly list: Token[] = [];

  add(
    span: { readonly start: number; readonly end: number },
    type: TokenType,
    modifiers: readonly TokenModifier[] = [],
    rank = 5,
  ): void {
    if (span.end <= span.start) return;
    this.list.push({ start: span.start, end: span.end, type, modifiers, rank });
  }
}

/** A number, a time (`5s`, `100ms`) or a size (`16k`, `1m`). */
const NUMBER = /^\d+(?:\.\d+)?(?:us|ms|s|m|h|d|k|K|M|g|G)?$/;
/** The port at the end of an address (`10.0.0.1:80`, `:443`, `[::1]:8080`). */
const PORT = /:(\d+(?:-\d+)?)$/;

function scalar(tokens: Tokens, word: Word | KeepalivedWord): void {
  if (word.quoting !== 'none') {
    tokens.add(word, 'string', [], 9);
    return;
  }
  if (NUMBER.test(word.value)) {
    tokens.add(word, 'number', [], 9);
    return;
  }
  const port = PORT.exec(word.raw);
  if (port && port[1] !== undefined) {
    tokens.add({ start: word.end - port[1].length, end: word.end }, 'number', [], 9);
  }
}

/** Names from the navigation index: sections as namespaces, the rest as variables. */
function names(tokens: Tokens, occurrences: readonly NameOccurrence[]): void {
  for (const occurrence of occurrences) {
    const local =
      occurrence.kind === 'acl' ||
      occurrence.kind === 'server' ||
      occurrence.kind.startsWith('vrrp_') ||
      occurrence.kind === 'virtual_server_group';
    tokens.add(
      occurrence,
      local ? 'variable' : 'namespace',
      occurrence.declaration ? ['declaration'] : [],
      1,
    );
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
      [],
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
  tokens.add(cond.keyword, 'operator', [], 2);
  for (const word of cond.words) {
    if (word.value === '||' || word.value === 'or' || /^!+$/.test(word.value)) {
      tokens.add(word, 'operator', [], 2);
    }
  }
  for (const group of cond.groups) {
    for (const term of group.terms) {
      if (term.kind === 'acl') {
        if (term.nameStart > term.word.start) {
          tokens.add({ start: term.word.start, end: term.nameStart }, 'operator', [], 2);
        }
      } else {
        const fetch = term.words[0];
        if (fetch) fetchWord(tokens, fetch);
        for (const word of term.words.slice(1)) scalar(tokens, word);
      }
    }
  }
}

function haproxyStatement(
  tokens: Tokens,
  statement: Statement,
  section: string,
  version: string,
): void {
  const values = statement.words.map((word) => word.value);
  const match = lookupKeyword(section, values);
  const deprecated = match !== undefined && lifecycleAt(match.spec, version) === 'deprecated';
  const length = match?.length ?? 1;
  for (const word of statement.words.slice(0, length)) {
    tokens.add(word, 'keyword', deprecated ? ['deprecated'] : [], 2);
  }
  if (statement.keyword.value === 'acl' && statement.args[1]) fetchWord(tokens, statement.args[1]);
  for (const word of statement.args) scalar(tokens, word);
  if (statement.condition) condition(tokens, statement.condition);
}

function haproxyTokens(config: HaproxyConfig, tokens: Tokens, version: string): void {
  for (const item of config.preamble) {
    if (item.kind === 'directive') tokens.add(item.keyword, 'keyword', [], 2);
  }
  for (const section of config.sections) {
    tokens.add(section.keyword, 'keyword', [], 2);
    for (const item of section.items) {
      if (item.kind === 'statement') haproxyStatement(tokens, item, section.type, version);
      else if (item.kind === 'directive') tokens.add(item.keyword, 'keyword', [], 2);
    }
  }
}

function keepalivedTokens(config: KeepalivedConfig, tokens: Tokens, version: string): void {
  const walk = (nodes: readonly KeepalivedNode[], context: string): void => {
    for (const node of nodes) {
      if (node.kind === 'definition' || node.kind === 'sequence') continue;
      if (node.kind === 'include') {
        tokens.add(node.keyword, 'keyword', [], 2);
        if (node.path) tokens.add(node.path, 'string', [], 9);
        continue;
      }
      const spec = KEEPALIVED_CATALOG.keyword(context, node.keyword.value);
      if (spec) {
        const deprecated = KEEPALIVED_CATALOG.lifecycleAt(spec, version) === 'deprecated';
        tokens.add(node.keyword, 'keyword', deprecated ? ['deprecated'] : [], 2);
      } else {
        scalar(tokens, node.keyword);
      }
      for (const word of node.args) scalar(tokens, word);
      if (node.block) walk(node.block.items, node.keyword.value);
    }
  };
  walk(config.items, TOP_CONTEXT);
}

/** Relative encoding: five integers per token, each position relative to the previous token. */
function encode(document: ParsedDocument, candidates: Token[]): number[] {
  candidates.sort((a, b) => a.start - b.start || a.rank - b.rank);
  const data: number[] = [];
  let previousLine = 0;
  let previousChar = 0;
  let lastEnd = -1;
  for (const token of candidates) {
    if (token.start < lastEnd) continue;
    const start = document.lineIndex.positionAt(token.start);
    const end = document.lineIndex.positionAt(token.end);
    // Tokens may not span lines; a multi-line quoted word is left to the grammar.
    if (end.line !== start.line) continue;
    let modifiers = 0;
    for (const modifier of token.modifiers) modifiers |= 1 << TOKEN_MODIFIERS.indexOf(modifier);
    const deltaLine = start.line - previousLine;
    data.push(
      deltaLine,
      deltaLine === 0 ? start.character - previousChar : start.character,
      token.end - token.start,
      TOKEN_TYPES.indexOf(token.type),
      modifiers,
    );
    previousLine = start.line;
    previousChar = start.character;
    lastEnd = token.end;
  }
  return data;
}

/** Semantic tokens of the whole document; `version` decides which keywords are deprecated. */
export function getSemanticTokens(document: ParsedDocument, version: string): SemanticTokens {
  const tokens = new Tokens();
  names(tokens, nameIndex(document).occurrences);
  if (document.languageId === 'haproxy') haproxyTokens(document.parse.ast, tokens, version);
  else keepalivedTokens(document.parse.ast, tokens, version);
  return { data: encode(document, tokens.list) };
}
