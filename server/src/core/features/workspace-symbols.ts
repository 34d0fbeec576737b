/**
 * Workspace-wide symbol search over the documents the host knows: the document outlines, flattened,
 * filtered by a case-insensitive substring of the query.
 */
import type { DocumentSymbol, WorkspaceSymbol } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import { getDocumentSymbols } from './document-symbols.js';

function flatten(
  uri: string,
  symbols: readonly DocumentSymbol[],
  container: string | undefined,
  query: string,
  into: WorkspaceSymbol[],
): void {
  for (const symbol of symbols) {
    if (query === '' || symbol.name.toLowerCase().includes(query)) {
      const entry: WorkspaceSymbol = {
        name: symbol.name,
        kind: symbol.kind,
        location: { uri, range: symbol.selectionRange },
      };
      if (container !== undefined) entry.containerName = container;
      into.push(entry);
    }
    if (symbol.children?.length) flatten(uri, symbol.children, symbol.name, query, into);
  }
}

/**
 * Symbols of every document whose name contains `query` (case-insensitive; an empty query lists
 * everything), in document order.
 */
export function getWorkspaceSymbols(
  documents: readonly ParsedDocument[],
  query: string,
): WorkspaceSymbol[] {
  const needle = query.trim().toLowerCase();
  const found: WorkspaceSymbol[] = [];
  for (const document of documents) {
    flatten(document.uri, getDocumentSymbols(document), undefined, needle, found);
  }
  return found;
}
