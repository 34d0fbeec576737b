/**
 * Document highlights: the other occurrences of the name under the cursor in the same document,
 * definitions marked as writes and uses as reads.
 */
import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import { documentReferences } from '../references.js';

/** Highlights for the name at `offset`; empty when the cursor is on no known name. */
export function getDocumentHighlights(
  document: ParsedDocument,
  offset: number,
): DocumentHighlight[] {
  const table = documentReferences(document);
  const here = table.siteAt(offset);
  if (!here) return [];
  return table.sitesOf(here.key).map((site) => ({
    range: {
      start: document.lineIndex.positionAt(site.start),
      end: document.lineIndex.positionAt(site.end),
    },
    kind: site.definition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}
