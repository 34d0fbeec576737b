/**
 * The HAProxy catalog: every section, keyword, option, action, fetch, converter and predefined
 * ACL, with lookups built once, on first use.
 */
import { closeCandidates } from '../../common/edit-distance.js';
import { lazy } from '../../common/lazy.js';
import { keptFor } from '../../common/memo.js';
import { ACTIONS } from './actions.js';
import { BIND_OPTIONS } from './bind-options.js';
import { CRT_STORE_LOAD_OPTIONS } from './crt-store-options.js';
import { GLOBAL_KEYWORDS } from './global.js';
import type { HaproxyKeywordSpec } from './keyword-types.js';
import { PREDEFINED_ACLS } from './predefined-acls.js';
import { PROXY_KEYWORDS } from './proxy.js';
import { SECTION_KEYWORDS } from './section-keywords.js';
import { SECTIONS, sectionSpec } from './sections.js';
import type { SectionSpec } from './sections.js';
import { CONVERTERS, FETCHES } from './samples.js';
import { SERVER_OPTIONS } from './server-options.js';
import type { ActionSpec, OptionSpec, PredefinedAcl, SampleSpec } from './types.js';
import { isAvailable, sectionsAt } from './versions.js';

export type { HaproxyArgSpec, HaproxyKeywordSpec } from './keyword-types.js';
export { SECTIONS, sectionSpec } from './sections.js';
export {
  HAPROXY_VERSIONS,
  isAvailable,
  lifecycleAt,
  majorMinor,
  sectionsAt,
  valueAvailable,
} from './versions.js';
export type { LifecycleState, Versioned } from './versions.js';
export { CRT_STORE_LOAD_OPTIONS, GLOBAL_KEYWORDS, PROXY_KEYWORDS, SECTION_KEYWORDS };

/** Every keyword of every section. */
export const ALL_KEYWORDS: readonly HaproxyKeywordSpec[] = [
  ...GLOBAL_KEYWORDS,
  ...PROXY_KEYWORDS,
  ...SECTION_KEYWORDS,
];

/** Result of matching a statement's words against the keywords of a section. */
export interface KeywordMatch {
  readonly spec: HaproxyKeywordSpec;
  /** Words of the statement taken by the keyword name, `no` included. */
  readonly length: number;
  /** The statement started with `no` and the keyword is negatable. */
  readonly negated: boolean;
}

/** A keyword and its name split into words, split once rather than on every lookup. */
interface IndexedKeyword {
  readonly spec: HaproxyKeywordSpec;
  readonly parts: readonly string[];
}

/** Keywords of one section grouped by first word, longest names first. */
type FirstWordIndex = ReadonlyMap<string, readonly IndexedKeyword[]>;

function buildIndex(): ReadonlyMap<string, FirstWordIndex> {
  const bySection = new Map<string, Map<string, IndexedKeyword[]>>();
  for (const spec of ALL_KEYWORDS) {
    const sections = new Set<string>(spec.sections);
    for (const past of spec.sectionHistory ?? []) for (const s of past.sections) sections.add(s);
    const parts = spec.name.split(' ');
    const first = parts[0] ?? spec.name;
    for (const section of sections) {
      let byFirst = bySection.get(section);
      if (!byFirst) {
        byFirst = new Map();
        bySection.set(section, byFirst);
      }
      const list = byFirst.get(first) ?? [];
      list.push({ spec, parts });
      byFirst.set(first, list);
    }
  }
  for (const byFirst of bySection.values()) {
    for (const list of byFirst.values()) {
      list.sort((a, b) => b.parts.length - a.parts.length);
    }
  }
  return bySection;
}

// Built on the first lookup: a run over Keepalived files only never reads it.
const INDEX = lazy(buildIndex);

/**
 * The most words a keyword lookup reads: the longest keyword name plus a leading `no`. Callers
 * with long lines may pass only that many words.
 */
export const MAX_KEYWORD_WORDS =
  Math.max(...ALL_KEYWORDS.map((spec) => spec.name.split(' ').length)) + 1;

function matchWords(
  section: string,
  words: readonly string[],
  from: number,
): IndexedKeyword | undefined {
  const first = words[from];
  if (first === undefined) return undefined;
  const candidates = INDEX().get(section)?.get(first);
  if (!candidates) return undefined;
  // Runs for every statement of a file: plain loops, no closure or array per candidate.
  for (const candidate of candidates) {
    const { spec, parts } = candidate;
    if (parts.length > words.length - from) continue;
    const last = parts.length - 1;
    let same = true;
    for (let i = 1; i <= last && same; i++) {
      const part = parts[i] as string;
      const word = words[from + i] ?? '';
      same = word === part || (spec.nameArgs === true && i === last && word.startsWith(`${part}(`));
    }
    if (same) return candidate;
  }
  return undefined;
}

/**
 * The keyword a statement starts with, in `section`, whatever the version: the longest
 * multi-word name wins (`timeout connect` over `timeout`, `stats socket` over `stats`), a
 * leading `no` is accepted in front of negatable keywords (`no option redispatch`, `no log`),
 * and keywords flagged `nameArgs` match `name(args)` (`http-check set-var(txn.x)`).
 */
export function lookupKeyword(section: string, words: readonly string[]): KeywordMatch | undefined {
  if (words[0] === 'no' && words.length > 1) {
    const found = matchWords(section, words, 1);
    if (found?.spec.negatable) return keptFor(NEGATED_MATCHES, found, negatedMatch);
  }
  const found = matchWords(section, words, 0);
  return found ? keptFor(DIRECT_MATCHES, found, directMatch) : undefined;
}

/**
 * One match object per keyword and polarity: the resolution keeps the match of every statement,
 * and on a large file a fresh copy each was megabytes of identical, never-changed objects.
 */
const DIRECT_MATCHES = new WeakMap<IndexedKeyword, KeywordMatch>();
const NEGATED_MATCHES = new WeakMap<IndexedKeyword, KeywordMatch>();

const directMatch = (found: IndexedKeyword): KeywordMatch => ({
  spec: found.spec,
  length: found.parts.length,
  negated: false,
});

/** `no` counts as one more word of the keyword. */
const negatedMatch = (found: IndexedKeyword): KeywordMatch => ({
  spec: found.spec,
  length: found.parts.length + 1,
  negated: true,
});

/** Keywords usable in `section` at `version` (deprecated ones included, removed ones not). */
export function keywordsForSection(section: string, version: string): HaproxyKeywordSpec[] {
  const byFirst = INDEX().get(section);
  if (!byFirst) return [];
  const result: HaproxyKeywordSpec[] = [];
  for (const list of byFirst.values()) {
    for (const { spec } of list) {
      if (isAvailable(spec, version) && sectionsAt(spec, version).includes(section)) {
        result.push(spec);
      }
    }
  }
  return result.sort((a, b) => a.name.localeCompare(b.name));
}

/** Edit distance, for did-you-mean suggestions (the bounded one of `common/`). */
export { editDistance } from '../../common/edit-distance.js';

/**
 * Names close to `word` among `candidates`, best first: at most `max` names within an edit
 * distance of about a third of the word's length (at least 1, at most 3).
 */
export function suggestNames(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  const scored = closeCandidates(word, candidates, limit).filter((entry) => entry.name !== word);
  scored.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  return scored.slice(0, max).map((s) => s.name);
}

/**
 * Did-you-mean for an unknown statement in `section`: compares the first word, and the first
 * two words for multi-word keywords, with the keywords available at `version`.
 */
export function suggestKeywords(
  section: string,
  words: readonly string[],
  version: string,
  max = 3,
): string[] {
  const names = keywordsForSection(section, version).map((spec) => spec.name);
  const firsts = new Set(names.map((name) => name.split(' ')[0] ?? name));
  const first = words[0] ?? '';
  if (!firsts.has(first)) return suggestNames(first, firsts, max);
  const typed = words.slice(0, 2).join(' ');
  const sameFirst = names.filter((name) => name.startsWith(`${first} `));
  return suggestNames(typed, sameFirst, max);
}

/** The HAProxy catalog as one object. */
interface HaproxyCatalog {
  readonly sections: readonly SectionSpec[];
  readonly keywords: readonly HaproxyKeywordSpec[];
  readonly bindOptions: readonly OptionSpec[];
  readonly serverOptions: readonly OptionSpec[];
  /** Options of `load` lines in `crt-store` sections. */
  readonly crtStoreLoadOptions: readonly OptionSpec[];
  readonly actions: readonly ActionSpec[];
  readonly fetches: readonly SampleSpec[];
  readonly converters: readonly SampleSpec[];
  readonly predefinedAcls: readonly PredefinedAcl[];
  section(name: string): SectionSpec | undefined;
  lookup(section: string, words: readonly string[]): KeywordMatch | undefined;
  keywordsForSection(section: string, version: string): HaproxyKeywordSpec[];
  suggest(section: string, words: readonly string[], version: string, max?: number): string[];
}

export const HAPROXY_CATALOG: HaproxyCatalog = {
  sections: SECTIONS,
  keywords: ALL_KEYWORDS,
  bindOptions: BIND_OPTIONS,
  serverOptions: SERVER_OPTIONS,
  crtStoreLoadOptions: CRT_STORE_LOAD_OPTIONS,
  actions: ACTIONS,
  fetches: FETCHES,
  converters: CONVERTERS,
  predefinedAcls: PREDEFINED_ACLS,
  section: sectionSpec,
  lookup: lookupKeyword,
  keywordsForSection,
  suggest: suggestKeywords,
};
