import type { DocumentLink } from 'vscode-languageserver';
import type { DocumentLinkCandidate, ParsedDocument, ReferencedFiles } from '../core/index.js';

/**
 * The candidate links of a document that lead to one file of the workspace, found the way go to
 * definition finds them: relative paths from the document's folder, absolute ones through the
 * path mappings. Without a resolver (a host that has none) there are no links.
 */
export function existingLinks(
  document: ParsedDocument,
  candidates: readonly DocumentLinkCandidate[],
  files: ReferencedFiles | undefined,
): DocumentLink[] {
  const links: DocumentLink[] = [];
  if (files === undefined) return links;
  for (const candidate of candidates) {
    const found = files.find(candidate.path, candidate.kind, document.uri);
    // A glob matching several files, or a folder, is no single file to open.
    const target = found.state === 'found' && found.uris.length === 1 ? found.uris[0] : undefined;
    if (target === undefined) continue;
    links.push({
      range: {
        start: document.lineIndex.positionAt(candidate.start),
        end: document.lineIndex.positionAt(candidate.end),
      },
      target,
    });
  }
  return links;
}
