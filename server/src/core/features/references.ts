/**
 * Find references: every definition and use of the name under the cursor.
 */
import type { Location } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import { documentReferences, sitesOfKey } from '../references.js';

/** Uses of the name at `offset`, with its definitions when `includeDeclaration` is set. */
export function getReferences(
  documents: readonly ParsedDocument[],
  document: ParsedDocument,
  offset: number,
  includeDeclaration: boolean,
): Location[] {
  const here = documentReferences(document).siteAt(offset);
  if (!here) return [];
  return sitesOfKey(documents, document, here.key)
    .filter(({ site }) => includeDeclaration || !site.definition)
    .map(({ document: owner, site }) => ({
      uri: owner.uri,
      range: {
        start: owner.lineIndex.positionAt(site.start),
        end: owner.lineIndex.positionAt(site.end),
      },
    }));
}
