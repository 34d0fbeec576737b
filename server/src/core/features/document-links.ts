/**
 * Candidate file links: the files a configuration names (Keepalived `include`; HAProxy `crt`,
 * `crt-list`, `ca-file`, `crl-file`, `errorfile`, `lua-load`, `-f` pattern and map files, `map*()`
 * converter files). Core has no file system, so it only says which words name which paths; the host
 * resolves them against the document's folder and keeps the files that exist.
 */
import type { ParsedDocument } from '../document.js';
import type { HaproxyConfig, Statement, Word } from '../haproxy/ast.js';
import { readOptions } from '../haproxy/analysis/symbols.js';
import type { KeepalivedNode } from '../keepalived/ast.js';

/** A word naming a file. */
export interface DocumentLinkCandidate {
  readonly start: number;
  readonly end: number;
  /**
   * The path: absolute, or relative to the document's folder (a `crt-base`/`ca-base` prefix is
   * already applied).
   */
  readonly path: string;
}

/** Options naming files, and the global base directory that applies to them. */
const FILE_OPTIONS: Readonly<Record<string, 'crt-base' | 'ca-base'>> = {
  crt: 'crt-base',
  'crt-list': 'crt-base',
  'ca-file': 'ca-base',
  'crl-file': 'ca-base',
};

const MAP_CONVERTER = /\bmap(?:_\w+)?\(([^),]+)/g;

function join(base: string | undefined, path: string): string {
  if (path.startsWith('/') || base === undefined || base === '') return path;
  return `${base.replace(/\/+$/, '')}/${path}`;
}

function haproxyLinks(config: HaproxyConfig): DocumentLinkCandidate[] {
  const bases: { 'crt-base'?: string; 'ca-base'?: string } = {};
  for (const section of config.sections) {
    if (section.type !== 'global') continue;
    for (const item of section.items) {
      if (item.kind !== 'statement') continue;
      const key = item.keyword.value;
      if ((key === 'crt-base' || key === 'ca-base') && item.args[0]) {
        bases[key] ??= item.args[0].value;
      }
    }
  }
  const links: DocumentLinkCandidate[] = [];
  const add = (word: Word | undefined, base?: string): void => {
    if (!word || word.hasVariable || word.template || word.value === '') return;
    links.push({ start: word.start, end: word.end, path: join(base, word.value) });
  };
  const statement = (item: Statement): void => {
    const keyword = item.keyword.value;
    const args = item.args;
    if (keyword === 'bind' || keyword === 'server' || keyword === 'default-server') {
      const from = keyword === 'bind' ? 1 : keyword === 'server' ? 2 : 0;
      const options = readOptions(args.slice(from), keyword === 'bind' ? 'bind' : 'server');
      for (const [name, use] of options) {
        const base = FILE_OPTIONS[name];
        if (base) add(use.values[0], bases[base]);
      }
    } else if (keyword === 'errorfile') add(args[1]);
    else if (keyword === 'lua-load' || keyword === 'lua-load-per-thread') add(args[0]);
    const words = item.words;
    for (let at = 0; at < words.length; at++) {
      const word = words[at];
      if (!word) continue;
      if (word.value === '-f') add(words[at + 1]);
      if (word.raw !== word.value || !word.value.includes('map')) continue;
      for (const match of word.value.matchAll(MAP_CONVERTER)) {
        const path = match[1] ?? '';
        const start = word.start + match.index + match[0].length - path.length;
        links.push({ start, end: start + path.length, path });
      }
    }
  };
  for (const item of config.preamble) if (item.kind === 'statement') statement(item);
  for (const section of config.sections) {
    for (const item of section.items) if (item.kind === 'statement') statement(item);
  }
  return links;
}

function keepalivedLinks(nodes: readonly KeepalivedNode[], into: DocumentLinkCandidate[]): void {
  for (const node of nodes) {
    if (node.kind === 'include') {
      const path = node.path;
      if (path && !path.hasTemplate && path.refs.length === 0) {
        into.push({ start: path.start, end: path.end, path: path.value });
      }
    } else if (node.kind === 'item' && node.block) {
      keepalivedLinks(node.block.items, into);
    }
  }
}

/** Words of the document that name files, in document order. */
export function getDocumentLinkCandidates(document: ParsedDocument): DocumentLinkCandidate[] {
  if (document.languageId === 'haproxy') return haproxyLinks(document.parse.ast);
  const links: DocumentLinkCandidate[] = [];
  keepalivedLinks(document.parse.ast.items, links);
  return links;
}
