/**
 * Document highlights: the other occurrences of the name under the cursor in the same document,
 * definitions marked as writes and uses as reads.
 */
import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import { nameIndex, occurrenceAt } from './name-index.js';

/** Highlights for the name at `offset`; empty when the cursor is on no known name. */
export function getDocumentHighlights(
  document: ParsedDocument,
  offset: number,
): DocumentHighlight[] {
  const index = nameIndex(document);
  const here = occurrenceAt(index, offset);
  if (!here) return [];
  return (index.byKey.get(here.key) ?? []).map((occurrence) => ({
    range: {
      start: document.lineIndex.positionAt(occurrence.start),
      end: document.lineIndex.positionAt(occurrence.end),
    },
    kind: occurrence.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}
