/**
 * Go to definition: from a use (or a definition) of a name to the lines that define it.
 */
import type { Location } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import { nameIndex, occurrenceAt, occurrencesOf } from './name-index.js';

/**
 * Definitions of the name at `offset` in `document`, searched in `documents` (the document itself
 * is always searched). Several definitions are returned when a name is defined more than once (an
 * ACL written on several lines, duplicate sections).
 */
export function getDefinition(
  documents: readonly ParsedDocument[],
  document: ParsedDocument,
  offset: number,
): Location[] {
  const here = occurrenceAt(nameIndex(document), offset);
  if (!here) return [];
  return occurrencesOf(documents, document, here.key)
    .filter(({ occurrence }) => occurrence.declaration)
    .map(({ document: owner, occurrence }) => ({
      uri: owner.uri,
      range: {
        start: owner.lineIndex.positionAt(occurrence.start),
        end: owner.lineIndex.positionAt(occurrence.end),
      },
    }));
}
