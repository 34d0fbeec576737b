/**
 * Every place a document defines or uses a name that navigation can follow: HAProxy proxies, ACLs,
 * servers, userlists, caches, resolvers, peers, rings, mailers and http-errors; Keepalived scripts,
 * tracked files and processes, VRRP instances and virtual server groups. Definition, references,
 * highlights and rename all read this one index, built in a single linear pass per tree and cached.
 *
 * Unlike the validation symbol table, dead `.if` branches are included: a rename must reach them.
 */
import type { ParsedDocument } from '../document.js';
import type { HaproxyConfig, Section, Statement, Word } from '../haproxy/ast.js';
import { isDynamicName, readOptions, readServer } from '../haproxy/analysis/symbols.js';
import type { KeepalivedConfig, KeepalivedItem, KeepalivedNode } from '../keepalived/ast.js';

/** One definition or use of a name. */
export interface NameOccurrence {
  /**
   * Identifies the symbol: `<kind>:<name>` for document-wide names, `<kind>@<scope>:<name>` for
   * names local to a section (ACLs, servers), the scope being the section's start offset.
   */
  readonly key: string;
  /** What the name denotes, for messages: `backend`, `acl`, `vrrp_script`, … */
  readonly kind: string;
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly declaration: boolean;
}

/** The name index of one document. */
export interface NameIndex {
  /** Every occurrence, ordered by start offset. */
  readonly occurrences: readonly NameOccurrence[];
  /** Occurrences by key, in document order. */
  readonly byKey: ReadonlyMap<string, readonly NameOccurrence[]>;
  /** Kinds whose names may also be reached in ways the index cannot see, with the reason. */
  readonly incompleteKinds: ReadonlyMap<string, string>;
}

class Collector {
  readonly occurrences: NameOccurrence[] = [];
  readonly incompleteKinds = new Map<string, string>();

  add(
    kind: string,
    scope: string | undefined,
    name: string,
    span: Span,
    declaration: boolean,
  ): void {
    if (name === '') return;
    const key = scope === undefined ? `${kind}:${name}` : `${kind}@${scope}:${name}`;
    this.occurrences.push({ key, kind, name, start: span.start, end: span.end, declaration });
  }

  /** A whole word naming a symbol; names behind variables or templates are not followed. */
  word(
    kind: string,
    scope: string | undefined,
    word: Word | undefined,
    declaration: boolean,
  ): void {
    if (!word || isDynamicName(word)) return;
    this.add(kind, scope, word.value, word, declaration);
  }

  finish(): NameIndex {
    const occurrences = this.occurrences.sort((a, b) => a.start - b.start);
    const byKey = new Map<string, NameOccurrence[]>();
    for (const occurrence of occurrences) {
      const list = byKey.get(occurrence.key);
      if (list) list.push(occurrence);
      else byKey.set(occurrence.key, [occurrence]);
    }
    return {
      occurrences,
      byKey,
      incompleteKinds: this.incompleteKinds,
    };
  }
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Kinds of the named non-proxy sections that navigation follows. */
const NAMED_SECTIONS = new Set([
  'userlist',
  'cache',
  'resolvers',
  'peers',
  'ring',
  'mailers',
  'http-errors',
]);

/** `backend`/`listen` share the namespace `use_backend` looks in. */
function proxyKind(type: string): string | undefined {
  if (type === 'backend' || type === 'listen') return 'backend';
  if (type === 'frontend' || type === 'defaults') return type;
  return undefined;
}

/** A part of a plain word (written without quotes or escapes), so offsets map one to one. */
function partOf(word: Word, index: number, length: number): Span | undefined {
  if (word.raw !== word.value) return undefined;
  return { start: word.start + index, end: word.start + index + length };
}

const AUTH_FETCH = /http_auth(?:_group)?\(([^),]+)/g;

function haproxyNames(config: HaproxyConfig): NameIndex {
  const out = new Collector();
  // Backend sections by name, so `track be/srv` can point into the right scope.
  const backendScope = new Map<string, string>();
  for (const section of config.sections) {
    if (
      proxyKind(section.type) === 'backend' &&
      section.name &&
      !backendScope.has(section.name.value)
    ) {
      backendScope.set(section.name.value, String(section.start));
    }
  }
  const scopeOf = (section: Section): string => String(section.start);

  for (const section of config.sections) {
    const kind = proxyKind(section.type);
    const scope = scopeOf(section);
    if (kind) {
      const args = section.header.args;
      // `defaults from base` is anonymous; `frontend fe from tpl` names `fe` and uses `tpl`.
      const fromAt = args.findIndex(
        (word, at) => word.value === 'from' && (at >= 1 || kind === 'defaults'),
      );
      if (fromAt !== 0) out.word(kind, undefined, section.name, true);
      if (fromAt !== -1) out.word('defaults', undefined, args[fromAt + 1], false);
    } else if (NAMED_SECTIONS.has(section.type)) {
      out.word(section.type, undefined, section.name, true);
    }
    for (const item of section.items) {
      if (item.kind === 'statement') statementNames(out, item, kind, scope, backendScope);
    }
  }
  return out.finish();
}

function statementNames(
  out: Collector,
  statement: Statement,
  proxy: string | undefined,
  scope: string,
  backendScope: ReadonlyMap<string, string>,
): void {
  const keyword = statement.keyword.value;
  const args = statement.args;
  const first = args[0];
  if (proxy) {
    if (keyword === 'acl') out.word('acl', scope, first, true);
    for (const group of statement.condition?.groups ?? []) {
      for (const term of group.terms) {
        if (term.kind !== 'acl' || isDynamicName(term.word)) continue;
        out.add(
          'acl',
          scope,
          term.name,
          { start: term.nameStart, end: term.nameStart + term.name.length },
          false,
        );
      }
    }
  }
  switch (keyword) {
    case 'use_backend':
    case 'default_backend':
      if (first && isDynamicName(first)) {
        out.incompleteKinds.set(
          'backend',
          `a backend is also chosen by the computed name '${first.raw}', which a rename cannot follow`,
        );
      } else out.word('backend', undefined, first, false);
      break;
    case 'use-server':
      if (proxy) out.word('server', scope, first, false);
      break;
    case 'server':
    case 'server-template':
    case 'default-server': {
      const server = keyword === 'default-server' ? undefined : readServer(statement);
      if (server && proxy) out.word('server', scope, server.name, true);
      const options = server?.options ?? readOptions(args, 'server');
      const track = options.get('track')?.values[0];
      if (track && !isDynamicName(track) && proxy) {
        const slash = track.value.indexOf('/');
        if (slash === -1) out.word('server', scope, track, false);
        else {
          const be = track.value.slice(0, slash);
          const srv = track.value.slice(slash + 1);
          const beSpan = partOf(track, 0, be.length);
          const srvSpan = partOf(track, slash + 1, srv.length);
          if (beSpan) out.add('backend', undefined, be, beSpan, false);
          if (srvSpan) out.add('server', backendScope.get(be) ?? `?${be}`, srv, srvSpan, false);
        }
      }
      out.word('resolvers', undefined, options.get('resolvers')?.values[0], false);
      break;
    }
    case 'stick-table':
    case 'table': {
      const at = args.findIndex((word) => word.value === 'peers');
      if (at !== -1) out.word('peers', undefined, args[at + 1], false);
      break;
    }
    case 'log':
      if (first?.value.startsWith('ring@')) {
        const span = partOf(first, 5, first.value.length - 5);
        if (span) out.add('ring', undefined, first.value.slice(5), span, false);
      }
      break;
    case 'filter':
      if (first?.value === 'cache') out.word('cache', undefined, args[1], false);
      break;
    case 'http-request':
    case 'http-response':
      if (first?.value === 'cache-use' || first?.value === 'cache-store') {
        out.word('cache', undefined, args[1], false);
      }
      break;
    case 'email-alert':
      if (first?.value === 'mailers') out.word('mailers', undefined, args[1], false);
      break;
    case 'errorfiles':
      out.word('http-errors', undefined, first, false);
      break;
    default:
      break;
  }
  for (const word of statement.words) {
    if (!word.value.includes('http_auth')) continue;
    for (const match of word.value.matchAll(AUTH_FETCH)) {
      const name = match[1] ?? '';
      const span = partOf(word, match.index + match[0].length - name.length, name.length);
      if (span) out.add('userlist', undefined, name, span, false);
    }
  }
}

/** Blocks whose entries name definitions: the block keyword → the kind they refer to. */
const TRACK_BLOCKS: Readonly<Record<string, string>> = {
  track_script: 'vrrp_script',
  track_file: 'vrrp_track_file',
  track_process: 'vrrp_track_process',
};

const KEEPALIVED_DEFINITIONS = new Set([
  'vrrp_script',
  'vrrp_track_file',
  'vrrp_track_process',
  'vrrp_instance',
  'vrrp_sync_group',
  'virtual_server_group',
]);

function keepalivedNames(config: KeepalivedConfig): NameIndex {
  const out = new Collector();
  const plain = (
    kind: string,
    word: KeepalivedItem['keyword'] | undefined,
    declaration: boolean,
  ): void => {
    if (!word || word.hasTemplate || word.refs.length > 0) return;
    out.add(kind, undefined, word.value, word, declaration);
  };
  const walk = (nodes: readonly KeepalivedNode[], parent: string | undefined): void => {
    for (const node of nodes) {
      if (node.kind !== 'item') continue;
      const keyword = node.keyword.value;
      if (parent === undefined && KEEPALIVED_DEFINITIONS.has(keyword)) {
        plain(keyword, node.args[0], true);
      }
      if (keyword === 'virtual_server' && node.args[0]?.value === 'group') {
        plain('virtual_server_group', node.args[1], false);
      }
      const block = node.block;
      if (!block) continue;
      const refers =
        TRACK_BLOCKS[keyword] ??
        (keyword === 'group' && parent === 'vrrp_sync_group' ? 'vrrp_instance' : undefined);
      if (refers) {
        for (const entry of block.items) {
          if (entry.kind !== 'item') continue;
          plain(refers, entry.keyword, false);
          // Sync group members may share a line; track entries carry options after the name.
          if (refers === 'vrrp_instance') for (const word of entry.args) plain(refers, word, false);
        }
        continue;
      }
      walk(block.items, keyword);
    }
  };
  walk(config.items, undefined);
  return out.finish();
}

const cache = new WeakMap<object, NameIndex>();

/** The (cached) name index of a document. */
export function nameIndex(document: ParsedDocument): NameIndex {
  const tree = document.parse.ast;
  let index = cache.get(tree);
  if (!index) {
    index =
      document.languageId === 'haproxy'
        ? haproxyNames(document.parse.ast)
        : keepalivedNames(document.parse.ast);
    cache.set(tree, index);
  }
  return index;
}

/** The occurrence under `offset` (its end counts, so a cursor just after a name finds it). */
export function occurrenceAt(index: NameIndex, offset: number): NameOccurrence | undefined {
  const list = index.occurrences;
  let low = 0;
  let high = list.length - 1;
  // Binary search for the last occurrence starting at or before the offset.
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((list[mid]?.start ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  const found = list[low];
  return found && found.start <= offset && offset <= found.end ? found : undefined;
}

/** Whether a key names a document-wide symbol, which other documents may share. */
export function isGlobalKey(key: string): boolean {
  return !key.slice(0, key.indexOf(':')).includes('@');
}

/** Every occurrence of `key` in the documents (local keys only in `home`). */
export function occurrencesOf(
  documents: readonly ParsedDocument[],
  home: ParsedDocument,
  key: string,
): Array<{ document: ParsedDocument; occurrence: NameOccurrence }> {
  const found: Array<{ document: ParsedDocument; occurrence: NameOccurrence }> = [];
  const list = isGlobalKey(key) ? withHome(documents, home) : [home];
  for (const document of list) {
    if (document.languageId !== home.languageId) continue;
    for (const occurrence of nameIndex(document).byKey.get(key) ?? []) {
      found.push({ document, occurrence });
    }
  }
  return found;
}

function withHome(documents: readonly ParsedDocument[], home: ParsedDocument): ParsedDocument[] {
  return documents.some((document) => document.uri === home.uri)
    ? [...documents]
    : [home, ...documents];
}
