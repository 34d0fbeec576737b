/**
 * The reference table of a parsed document, whichever its language: what the editor features
 * that follow names (definition, references, highlights, rename, semantic tokens) read.
 */
import type { NameSite, ReferenceTable } from './common/references.js';
import { isGlobalKey } from './common/references.js';
import type { HaproxyDocument, ParsedDocument } from './document.js';
import { haproxyReferences, type HaproxyReferences } from './haproxy/analysis/references.js';
import { keepalivedReferences } from './keepalived/analysis/references.js';
import { DEFAULT_SETTINGS } from './settings.js';

/**
 * The table of the document as written: every line of a keepalived.conf, and for a haproxy.cfg
 * every `.if` branch (the target version only decides which sites are flagged dead, and which
 * defaults section a proxy inherits its ACLs from; navigation, which is not told the target,
 * takes the default one).
 */
export function documentReferences(
  document: ParsedDocument,
  haproxyVersion = DEFAULT_SETTINGS.haproxy.version,
): ReferenceTable {
  return document.languageId === 'haproxy'
    ? haproxyReferences(document.parse.ast, haproxyVersion)
    : keepalivedReferences(document.parse.ast.items);
}

/** The reference table of a haproxy.cfg as written (see {@link documentReferences}). */
export function haproxyDocumentReferences(document: HaproxyDocument): HaproxyReferences {
  return haproxyReferences(document.parse.ast, DEFAULT_SETTINGS.haproxy.version);
}

/** A site with the document it is in. */
interface PlacedSite {
  readonly document: ParsedDocument;
  readonly site: NameSite;
}

/**
 * Every site of `key` in the documents of the same language as `home` (local keys only in
 * `home`, which is searched even when `documents` leaves it out).
 */
export function sitesOfKey(
  documents: readonly ParsedDocument[],
  home: ParsedDocument,
  key: string,
): PlacedSite[] {
  const found: PlacedSite[] = [];
  const list = !isGlobalKey(key)
    ? [home]
    : documents.some((document) => document.uri === home.uri)
      ? documents
      : [home, ...documents];
  for (const document of list) {
    if (document.languageId !== home.languageId) continue;
    for (const site of documentReferences(document).sitesOf(key)) found.push({ document, site });
  }
  return found;
}
