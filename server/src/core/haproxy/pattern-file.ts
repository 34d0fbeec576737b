/**
 * Reading an ACL pattern file or a map the way HAProxy loads it at start-up (and at `haproxy -c`):
 * a line starting with `#` is a comment (an indented `#` is not: HAProxy checks for it before it
 * skips leading blanks), leading spaces and tabs are skipped, blank lines are ignored, and only
 * the line ending is cut, so trailing blanks belong to the pattern. In a map, the key ends at the
 * first blank and the value is the rest of the line (a key alone is accepted, with an empty value).
 */
import { ipProblem, type PatternLines } from './rules/acl-helpers.js';

/** The first line HAProxy refuses in a pattern file or map. */
export interface PatternFileProblem {
  /** 1-based, as HAProxy counts. */
  readonly line: number;
  readonly message: string;
}

/**
 * Regex errors that PCRE and JavaScript both report. JavaScript's `RegExp` is no PCRE: only an
 * error on this list, on a pattern free of PCRE-only syntax, is trusted.
 */
const SHARED_REGEX_ERRORS =
  /Unterminated group|Unterminated character class|Unmatched '\)'|numbers out of order|Nothing to repeat|\\ at end of pattern/;

/** PCRE syntax JavaScript reads differently: `\Q…\E`, inline options and verbs, `(?#…)`, `(?>…)`. */
const PCRE_ONLY = /\\Q|\(\*|\(\?(?![:=!]|<[=!]|<[A-Za-z])/;

/** Why PCRE (HAProxy's regex library) refuses `value`, when JavaScript agrees; else undefined. */
export function regexProblem(value: string): string | undefined {
  if (PCRE_ONLY.test(value)) return undefined;
  try {
    new RegExp(value);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? (/: ([^:]*)$/.exec(error.message)?.[1] ?? '') : '';
    return SHARED_REGEX_ERRORS.test(reason)
      ? `regex '${value}' is invalid (${reason.toLowerCase()})`
      : undefined;
  }
}

/** Why HAProxy refuses one pattern (or map key) read as `lines`; undefined when it takes it. */
function patternProblem(value: string, lines: PatternLines): string | undefined {
  if (lines === 'reg') return regexProblem(value);
  if (lines !== 'ip') return undefined;
  // A blank inside is never part of an address or host name (`192.0.2.1 # note` is one pattern).
  if (/\s/.test(value)) return `'${value}' is not a valid IPv4 or IPv6 address or network`;
  return ipProblem(value);
}

/**
 * The first line of a pattern file (or, with `map`, of a map's keys) HAProxy refuses, read as
 * `lines`; `other` lines (strings) are never judged. HAProxy stops at the first bad line, so
 * only that one is given.
 */
export function patternFileProblem(
  text: string,
  lines: PatternLines,
  map: boolean,
): PatternFileProblem | undefined {
  if (lines === 'other' || lines === 'int') return undefined;
  const all = text.split('\n');
  for (let at = 0; at < all.length; at++) {
    const raw = (all[at] ?? '').replace(/\r+$/, '');
    if (raw.startsWith('#')) continue;
    const content = raw.replace(/^[ \t]+/, '');
    if (content === '') continue;
    const value = map ? (/^[^ \t]*/.exec(content)?.[0] ?? '') : content;
    const message = patternProblem(value, lines);
    if (message !== undefined) return { line: at + 1, message };
  }
  return undefined;
}

/** Most lines and characters of a map read for key completion: a large map is cut, not read whole. */
export const MAP_KEY_LINES = 1000;
export const MAP_KEY_CHARS = 65536;

/** One key of a map, with the value of its first line (HAProxy uses the first match). */
export interface MapKey {
  readonly key: string;
  readonly value: string;
}

/**
 * The keys of a map read the way HAProxy reads it (see {@link patternFileProblem}), each once, from
 * the first {@link MAP_KEY_LINES} lines and {@link MAP_KEY_CHARS} characters only.
 */
export function mapKeys(text: string): MapKey[] {
  const seen = new Map<string, string>();
  const lines = text.slice(0, MAP_KEY_CHARS).split('\n').slice(0, MAP_KEY_LINES);
  for (const line of lines) {
    const raw = line.replace(/\r+$/, '');
    if (raw.startsWith('#')) continue;
    const content = raw.replace(/^[ \t]+/, '');
    const key = /^[^ \t]*/.exec(content)?.[0] ?? '';
    if (key === '' || seen.has(key)) continue;
    seen.set(key, content.slice(key.length).replace(/^[ \t]+/, ''));
  }
  return [...seen].map(([key, value]) => ({ key, value }));
}
