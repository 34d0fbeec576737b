/**
 * Keywords that open a top-level section. A line whose first word is one of these ends the
 * previous section wherever it appears, so the parser needs them. They are read from the
 * catalog's section table (catalog/sections.ts), the one place a section is described; this
 * module only keeps what the lexer and the tree builder ask, in lookups built once.
 */
import { SECTIONS } from './catalog/sections.js';

/** What the parser needs to know about a section keyword. */
interface SectionKind {
  readonly keyword: string;
  /** `required`: HAProxy refuses the header without a name; `optional`: `defaults`; `none`: ignored. */
  readonly name: 'required' | 'optional' | 'none';
  /** First HAProxy version that knows the section, when later than 2.6. */
  readonly since?: string;
  /** First version that no longer accepts it. */
  readonly removed?: string;
}

/**
 * Every section of haproxy.cfg. The SPOE sections are left out: they only exist in the file a
 * `filter spoe` names, and in haproxy.cfg their header is an unknown keyword of the section
 * around it, not the start of a new one.
 */
const KINDS: readonly SectionKind[] = SECTIONS.filter((section) => section.spoeOnly !== true).map(
  (section) => ({
    keyword: section.name,
    name: section.nameArg,
    ...(section.since !== undefined ? { since: section.since } : {}),
    ...(section.removed !== undefined ? { removed: section.removed.since } : {}),
  }),
);

/** Looked up for every line the lexer reads: one map, built at load. */
const BY_KEYWORD: ReadonlyMap<string, SectionKind> = new Map(
  KINDS.map((kind) => [kind.keyword, kind]),
);

/** Every section keyword of HAProxy 2.6 to 3.4, in the order the manual introduces them. */
export const SECTION_KINDS: readonly SectionKind[] = KINDS;

/** The section a header keyword opens, or undefined when the word is not a section keyword. */
export function sectionKind(keyword: string): SectionKind | undefined {
  return BY_KEYWORD.get(keyword);
}

/** True when a line starting with `keyword` opens a section. */
export function isSectionKeyword(keyword: string): boolean {
  return BY_KEYWORD.has(keyword);
}
