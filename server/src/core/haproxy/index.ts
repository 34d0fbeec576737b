/**
 * The HAProxy configuration parser: words, lines, sections, `.if` blocks and rule conditions,
 * with the syntax findings HAProxy itself would report, and section-wise incremental re-parsing.
 *
 * @packageDocumentation
 */
import type { TextChange } from '../common/text-change.js';
import type { HaproxyParse } from './assemble.js';
import { parseFull, reparse } from './incremental.js';

export type { Directive, HaproxyConfig, Item, Statement, Word } from './ast.js';
export type { HaproxyParse } from './assemble.js';
export { SECTION_KINDS, sectionKind, isSectionKeyword } from './sections.js';

/** Parses a whole `haproxy.cfg`. Never throws; problems become issues. */
export function parseHaproxy(text: string): HaproxyParse {
  return parseFull(text);
}

/**
 * Parses `newText`, which is `oldText` with `change` applied, re-reading only the sections the
 * edit touches. The result deep-equals `parseHaproxy(newText)`.
 */
export function reparseHaproxy(
  previous: HaproxyParse,
  oldText: string,
  newText: string,
  change: TextChange,
): HaproxyParse {
  return reparse(previous, oldText, newText, change);
}
