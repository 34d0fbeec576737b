/**
 * Keywords that open a top-level section. A line whose first word is one of these ends the
 * previous section wherever it appears, so the parser needs them; everything else about keywords
 * lives in the catalogs.
 */

/** What the parser needs to know about a section keyword. */
export interface SectionKind {
  readonly keyword: string;
  /** `required`: HAProxy refuses the header without a name; `optional`: `defaults`; `none`: ignored. */
  readonly name: 'required' | 'optional' | 'none';
  /** First HAProxy version that knows the section, when later than 2.6. */
  readonly since?: string;
  /** First version that no longer accepts it. */
  readonly removed?: string;
}

const KINDS: readonly SectionKind[] = [
  { keyword: 'global', name: 'none' },
  { keyword: 'defaults', name: 'optional' },
  { keyword: 'frontend', name: 'required' },
  { keyword: 'backend', name: 'required' },
  { keyword: 'listen', name: 'required' },
  { keyword: 'userlist', name: 'required' },
  { keyword: 'peers', name: 'required' },
  { keyword: 'resolvers', name: 'required' },
  { keyword: 'mailers', name: 'required' },
  { keyword: 'cache', name: 'required' },
  { keyword: 'program', name: 'required', removed: '3.3' },
  { keyword: 'http-errors', name: 'required' },
  { keyword: 'ring', name: 'required' },
  { keyword: 'log-forward', name: 'required' },
  { keyword: 'fcgi-app', name: 'required' },
  { keyword: 'namespace_list', name: 'none' },
  { keyword: 'crt-store', name: 'optional', since: '3.0' },
  { keyword: 'traces', name: 'none', since: '3.1' },
  { keyword: 'log-profile', name: 'required', since: '3.1' },
  { keyword: 'acme', name: 'required', since: '3.2' },
  { keyword: 'healthcheck', name: 'required', since: '3.4' },
];

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
