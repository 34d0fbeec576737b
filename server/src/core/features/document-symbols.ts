/**
 * The outline of a document: HAProxy sections with their servers, ACLs and binds; Keepalived
 * blocks with their nested blocks. One linear walk over the tree.
 */
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import type { HaproxyConfig, Section, Statement } from '../haproxy/ast.js';
import type { KeepalivedItem, KeepalivedNode } from '../keepalived/ast.js';
import type { LineIndex } from '../common/line-index.js';

const SECTION_KINDS: Readonly<Record<string, SymbolKind>> = {
  global: SymbolKind.Module,
  defaults: SymbolKind.Namespace,
  frontend: SymbolKind.Interface,
  backend: SymbolKind.Class,
  listen: SymbolKind.Class,
  userlist: SymbolKind.Struct,
};

/** Lines of a HAProxy section worth a child entry, with how they show. */
const CHILD_KINDS: Readonly<Record<string, SymbolKind>> = {
  server: SymbolKind.Object,
  'server-template': SymbolKind.Object,
  acl: SymbolKind.Boolean,
  bind: SymbolKind.Event,
  user: SymbolKind.Key,
  group: SymbolKind.Key,
  peer: SymbolKind.Object,
  nameserver: SymbolKind.Object,
  mailer: SymbolKind.Object,
};

const KEEPALIVED_KINDS: Readonly<Record<string, SymbolKind>> = {
  global_defs: SymbolKind.Module,
  vrrp_script: SymbolKind.Function,
  vrrp_track_file: SymbolKind.Function,
  vrrp_track_process: SymbolKind.Function,
  vrrp_instance: SymbolKind.Class,
  vrrp_sync_group: SymbolKind.Namespace,
  virtual_server: SymbolKind.Class,
  virtual_server_group: SymbolKind.Namespace,
  real_server: SymbolKind.Object,
  static_ipaddress: SymbolKind.Array,
  static_routes: SymbolKind.Array,
  virtual_ipaddress: SymbolKind.Array,
  virtual_ipaddress_excluded: SymbolKind.Array,
};

function range(lineIndex: LineIndex, start: number, end: number): Range {
  return { start: lineIndex.positionAt(start), end: lineIndex.positionAt(end) };
}

/** End of the last line that belongs to a section, so the range skips trailing blank lines. */
function sectionEnd(section: Section): number {
  let end = section.header.end;
  for (const item of section.items) if (item.end > end) end = item.end;
  return end;
}

/** How a kind of child line is counted in a section's detail when not all of them are listed. */
const CHILD_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  server: ['server', 'servers'],
  'server-template': ['server template', 'server templates'],
  acl: ['ACL', 'ACLs'],
  bind: ['bind', 'binds'],
  user: ['user', 'users'],
  group: ['group', 'groups'],
  peer: ['peer', 'peers'],
  nameserver: ['nameserver', 'nameservers'],
  mailer: ['mailer', 'mailers'],
};

/**
 * Most child lines a HAProxy outline lists (about 1 MB of JSON). Every section is always listed;
 * below this many notable lines in the whole document, all of them are too. A generated file of
 * thousands of backends of ten servers each would otherwise answer 13 MB for an Outline view in
 * which 50,000 entries named `s0` … `s9` help nobody. Past the budget:
 * - each kind of line gets a fair share, so that the few binds and the ACLs of the frontends
 *   (where an operator looks for routing) stay listed while servers, the bulk, are cut;
 * - within a kind, every section lists the same number of its first lines (as many as the share
 *   allows, possibly none), and its detail says how many it holds (`10 servers`), so the outline
 *   never passes a partial list for the whole.
 */
export const MAX_OUTLINE_CHILDREN = 5_000;

function childSymbol(lineIndex: LineIndex, statement: Statement): DocumentSymbol {
  const keyword = statement.keyword.value;
  const kind = CHILD_KINDS[keyword] ?? SymbolKind.Object;
  const isBind = keyword === 'bind';
  // A bind is known by its address; the others by their name.
  const nameWord = statement.args[0];
  const name = nameWord?.raw ?? statement.keyword.raw;
  const detail =
    isBind || keyword === 'acl'
      ? statement.args
          .slice(1)
          .map((word) => word.raw)
          .join(' ')
      : (statement.args[keyword === 'server-template' ? 2 : 1]?.raw ?? '');
  const selection = nameWord ?? statement.keyword;
  const symbol: DocumentSymbol = {
    name: isBind ? `bind ${name}` : name,
    kind,
    range: range(lineIndex, statement.start, statement.end),
    selectionRange: range(lineIndex, selection.start, selection.end),
  };
  // No detail rather than the keyword again: the kind and the name already say it.
  if (detail) symbol.detail = detail;
  return symbol;
}

/**
 * Keywords that are only notable in one type of section: `user` and `group` of a `userlist` are
 * its entries, while in `global` they name the account HAProxy runs as.
 */
const CHILD_SECTIONS: Readonly<Record<string, string>> = { user: 'userlist', group: 'userlist' };

/** The lines of a section worth a child entry. */
function notableLines(section: Section): Statement[] {
  const lines: Statement[] = [];
  for (const item of section.items) {
    if (item.kind !== 'statement') continue;
    const keyword = item.keyword.value;
    if (CHILD_KINDS[keyword] === undefined) continue;
    const only = CHILD_SECTIONS[keyword];
    if (only === undefined || only === section.type) lines.push(item);
  }
  return lines;
}

/**
 * How many lines of each kind a section may list, under {@link MAX_OUTLINE_CHILDREN}: every
 * kind in full when the document has few enough, else the per-section limit of each kind.
 */
function childLimits(perSection: readonly Statement[][]): Map<string, number> {
  const countsByKind = new Map<string, number[]>();
  let total = 0;
  for (const lines of perSection) {
    const counts = new Map<string, number>();
    for (const line of lines) {
      const kind = line.keyword.value;
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    for (const [kind, count] of counts) {
      let list = countsByKind.get(kind);
      if (!list) countsByKind.set(kind, (list = []));
      list.push(count);
      total += count;
    }
  }
  const limits = new Map<string, number>();
  if (total <= MAX_OUTLINE_CHILDREN) return limits;
  // Shares by kind, the rarest first: what a rare kind leaves unused goes to the others.
  const kinds = [...countsByKind].map(([kind, counts]) => ({
    kind,
    counts,
    total: counts.reduce((sum, count) => sum + count, 0),
  }));
  kinds.sort((a, b) => a.total - b.total || (a.kind < b.kind ? -1 : 1));
  let left = MAX_OUTLINE_CHILDREN;
  for (let at = 0; at < kinds.length; at++) {
    const { kind, counts, total: kindTotal } = kinds[at] as (typeof kinds)[number];
    const share = Math.floor(left / (kinds.length - at));
    if (kindTotal <= share) {
      left -= kindTotal;
      continue;
    }
    // The largest per-section limit whose lines fit in the share.
    let low = 0;
    let high = 0;
    for (const count of counts) high = Math.max(high, count);
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      let used = 0;
      for (const count of counts) used += Math.min(count, mid);
      if (used <= share) low = mid;
      else high = mid - 1;
    }
    limits.set(kind, low);
    for (const count of counts) left -= Math.min(count, low);
  }
  return limits;
}

/** The children of one section within `limits`, and what its detail says of the lines left out. */
function sectionChildren(
  lineIndex: LineIndex,
  lines: readonly Statement[],
  limits: ReadonlyMap<string, number>,
): { children: DocumentSymbol[]; detail: string | undefined } {
  const children: DocumentSymbol[] = [];
  const seen = new Map<string, number>();
  for (const line of lines) {
    const kind = line.keyword.value;
    const count = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, count);
    const limit = limits.get(kind);
    if (limit === undefined || count <= limit) children.push(childSymbol(lineIndex, line));
  }
  const cut: string[] = [];
  for (const [kind, count] of seen) {
    const limit = limits.get(kind);
    if (limit === undefined || count <= limit) continue;
    const [one, many] = CHILD_LABELS[kind] ?? [kind, kind];
    cut.push(`${count} ${count === 1 ? one : many}${limit > 0 ? ` (first ${limit})` : ''}`);
  }
  return { children, detail: cut.length > 0 ? cut.join(', ') : undefined };
}

function haproxySymbols(config: HaproxyConfig, lineIndex: LineIndex): DocumentSymbol[] {
  const perSection = config.sections.map(notableLines);
  const limits = childLimits(perSection);
  const symbols: DocumentSymbol[] = [];
  config.sections.forEach((section, at) => {
    const name = section.name ? `${section.type} ${section.name.raw}` : section.type;
    const selection = section.name ?? section.keyword;
    const { children, detail } = sectionChildren(lineIndex, perSection[at] ?? [], limits);
    const symbol: DocumentSymbol = {
      name,
      kind: SECTION_KINDS[section.type] ?? SymbolKind.Namespace,
      range: range(lineIndex, section.start, sectionEnd(section)),
      selectionRange: range(lineIndex, selection.start, selection.end),
    };
    if (detail !== undefined) symbol.detail = detail;
    // No empty list: a leaf says the same in fewer bytes.
    if (children.length > 0) symbol.children = children;
    symbols.push(symbol);
  });
  return symbols;
}

function keepalivedSymbol(lineIndex: LineIndex, item: KeepalivedItem): DocumentSymbol {
  const block = item.block;
  const nameWord = item.args[0];
  const end = block?.close !== undefined ? block.close + 1 : item.end;
  const children: DocumentSymbol[] = [];
  if (block) collectBlocks(lineIndex, block.items, children);
  const selection = nameWord ?? item.keyword;
  const symbol: DocumentSymbol = {
    name: nameWord
      ? `${item.keyword.raw} ${item.args.map((word) => word.raw).join(' ')}`
      : item.keyword.raw,
    kind: KEEPALIVED_KINDS[item.keyword.value] ?? SymbolKind.Struct,
    range: range(lineIndex, item.start, Math.max(end, item.end)),
    selectionRange: range(lineIndex, selection.start, selection.end),
  };
  if (children.length > 0) symbol.children = children;
  return symbol;
}

function collectBlocks(
  lineIndex: LineIndex,
  nodes: readonly KeepalivedNode[],
  into: DocumentSymbol[],
): void {
  for (const node of nodes) {
    if (node.kind === 'item' && node.block) into.push(keepalivedSymbol(lineIndex, node));
  }
}

/** The outline of one document. */
export function getDocumentSymbols(document: ParsedDocument): DocumentSymbol[] {
  if (document.languageId === 'haproxy') {
    return haproxySymbols(document.parse.ast, document.lineIndex);
  }
  const symbols: DocumentSymbol[] = [];
  collectBlocks(document.lineIndex, document.parse.ast.items, symbols);
  return symbols;
}
