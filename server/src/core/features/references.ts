/**
 * Find references: every definition and use of the name under the cursor.
 */
import type { Location } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import { nameIndex, occurrenceAt, occurrencesOf } from './name-index.js';

/** Uses of the name at `offset`, with its definitions when `includeDeclaration` is set. */
export function getReferences(
  documents: readonly ParsedDocument[],
  document: ParsedDocument,
  offset: number,
  includeDeclaration: boolean,
): Location[] {
  const here = occurrenceAt(nameIndex(document), offset);
  if (!here) return [];
  return occurrencesOf(documents, document, here.key)
    .filter(({ occurrence }) => includeDeclaration || !occurrence.declaration)
    .map(({ document: owner, occurrence }) => ({
      uri: owner.uri,
      range: {
        start: owner.lineIndex.positionAt(occurrence.start),
        end: owner.lineIndex.positionAt(occurrence.end),
      },
    }));
}
