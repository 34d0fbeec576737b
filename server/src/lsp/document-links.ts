import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentLink } from 'vscode-languageserver';
import type { DocumentLinkCandidate, ParsedDocument } from '../core/index.js';
import { fileSystemPath } from './uri.js';

/** Glob characters: a Keepalived include pattern is no single file to open. */
const GLOB = /[*?[]/;

/**
 * The candidate links of a document that point at existing files. Relative paths are resolved
 * against the document's folder; documents that are not files (`untitled:`) only get absolute
 * paths.
 */
export function existingLinks(
  document: ParsedDocument,
  candidates: readonly DocumentLinkCandidate[],
): DocumentLink[] {
  const own = fileSystemPath(document.uri);
  const folder = own === undefined ? undefined : dirname(own);
  const links: DocumentLink[] = [];
  for (const candidate of candidates) {
    if (GLOB.test(candidate.path)) continue;
    const path = isAbsolute(candidate.path)
      ? candidate.path
      : folder === undefined
        ? undefined
        : resolve(folder, candidate.path);
    if (path === undefined || !existsSync(path)) continue;
    links.push({
      range: {
        start: document.lineIndex.positionAt(candidate.start),
        end: document.lineIndex.positionAt(candidate.end),
      },
      target: pathToFileURL(path).href,
    });
  }
  return links;
}
