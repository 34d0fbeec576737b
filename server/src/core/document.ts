import type { LanguageId } from './common/detect.js';
import type { Issue } from './common/issue.js';
import { LineIndex } from './common/line-index.js';
import type { HaproxyParse } from './haproxy/index.js';
import { shareParse } from './haproxy/incremental.js';
import type { KeepalivedParse } from './keepalived/index.js';

interface DocumentBase {
  /** Identifier given by the host: an URI in the editor, a path in the CLI. Never opened by core. */
  readonly uri: string;
  /** Host version counter (LSP document version); 0 when the host has none. */
  readonly version: number;
  readonly text: string;
  readonly lineIndex: LineIndex;
  /** Syntax findings of the parser, in document order. */
  readonly syntaxIssues: readonly Issue[];
}

/** A parsed `haproxy.cfg`. */
export interface HaproxyDocument extends DocumentBase {
  readonly languageId: 'haproxy';
  readonly parse: HaproxyParse;
}

/** A parsed `keepalived.conf` (before includes are followed). */
export interface KeepalivedDocument extends DocumentBase {
  readonly languageId: 'keepalived';
  readonly parse: KeepalivedParse;
}

/**
 * A snapshot of one document: text, line index, syntax tree and syntax issues. Immutable for its
 * holder, with one exception: the language service's `update` consumes the snapshot it is given
 * (a HAProxy tree's sections after the edit may be moved in place), so a host keeps only the
 * result, and declares a snapshot held twice with {@link shareDocument}.
 */
export type ParsedDocument = HaproxyDocument | KeepalivedDocument;

/** Builds the snapshot record around a parse result (and the text's line index, when known). */
export function makeDocument(
  languageId: LanguageId,
  uri: string,
  version: number,
  text: string,
  parse: HaproxyParse | KeepalivedParse,
  lineIndex: LineIndex = new LineIndex(text),
): ParsedDocument {
  const base = { uri, version, text, lineIndex, syntaxIssues: parse.issues };
  return languageId === 'haproxy'
    ? { ...base, languageId, parse: parse as HaproxyParse }
    : { ...base, languageId, parse: parse as KeepalivedParse };
}

/**
 * Declares that `document` has a second holder (the workspace scan and an open buffer sharing
 * the parse of one text): updating either then leaves the shared tree as it is.
 */
export function shareDocument(document: ParsedDocument): void {
  if (document.languageId === 'haproxy') shareParse(document.parse);
}
