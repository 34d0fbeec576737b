/**
 * Go to definition: from a use (or a definition) of a name to the lines that define it.
 */
import type { Location } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import { documentReferences, sitesOfKey } from '../references.js';

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
  const here = documentReferences(document).siteAt(offset);
  if (!here) return [];
  return sitesOfKey(documents, document, here.key)
    .filter(({ site }) => site.definition)
    .map(({ document: owner, site }) => ({
      uri: owner.uri,
      range: {
        start: owner.lineIndex.positionAt(site.start),
        end: owner.lineIndex.positionAt(site.end),
      },
    }));
}
