/**
 * The outline of a document: HAProxy sections with their servers, ACLs and binds; Keepalived
 * blocks with their nested blocks. One linear walk over the tree.
 */
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import type { HaproxyConfig, Item, Section, Statement } from '../haproxy/ast.js';
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

function childSymbol(lineIndex: LineIndex, statement: Statement): DocumentSymbol | undefined {
  const kind = CHILD_KINDS[statement.keyword.value];
  if (kind === undefined) return undefined;
  const isBind = statement.keyword.value === 'bind';
  // A bind is known by its address; the others by their name.
  const nameWord = statement.args[0];
  const name = nameWord?.raw ?? statement.keyword.raw;
  const detail = isBind
    ? statement.args
        .slice(1)
        .map((word) => word.raw)
        .join(' ')
    : statement.keyword.value === 'acl'
      ? statement.args
          .slice(1)
          .map((word) => word.raw)
          .join(' ')
      : (statement.args[statement.keyword.value === 'server-template' ? 2 : 1]?.raw ?? '');
  const selection = nameWord ?? statement.keyword;
  return {
    name: isBind ? `bind ${name}` : name,
    detail: detail || statement.keyword.value,
    kind,
    range: range(lineIndex, statement.start, statement.end),
    selectionRange: range(lineIndex, selection.start, selection.end),
  };
}

function collectChildren(lineIndex: LineIndex, items: readonly Item[]): DocumentSymbol[] {
  const children: DocumentSymbol[] = [];
  for (const item of items) {
    if (item.kind !== 'statement') continue;
    const symbol = childSymbol(lineIndex, item);
    if (symbol) children.push(symbol);
  }
  return children;
}

function haproxySymbols(config: HaproxyConfig, lineIndex: LineIndex): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const section of config.sections) {
    const name = section.name ? `${section.type} ${section.name.raw}` : section.type;
    const selection = section.name ?? section.keyword;
    symbols.push({
      name,
      kind: SECTION_KINDS[section.type] ?? SymbolKind.Namespace,
      range: range(lineIndex, section.start, sectionEnd(section)),
      selectionRange: range(lineIndex, selection.start, selection.end),
      children: collectChildren(lineIndex, section.items),
    });
  }
  return symbols;
}

function keepalivedSymbol(lineIndex: LineIndex, item: KeepalivedItem): DocumentSymbol {
  const block = item.block;
  const nameWord = item.args[0];
  const end = block?.close !== undefined ? block.close + 1 : item.end;
  const children: DocumentSymbol[] = [];
  if (block) collectBlocks(lineIndex, block.items, children);
  const selection = nameWord ?? item.keyword;
  return {
    name: nameWord
      ? `${item.keyword.raw} ${item.args.map((word) => word.raw).join(' ')}`
      : item.keyword.raw,
    kind: KEEPALIVED_KINDS[item.keyword.value] ?? SymbolKind.Struct,
    range: range(lineIndex, item.start, Math.max(end, item.end)),
    selectionRange: range(lineIndex, selection.start, selection.end),
    children,
  };
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
