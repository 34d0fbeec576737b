/**
 * How HAProxy reads the patterns of an ACL, shared by `invalid-acl` (patterns written on the line)
 * and the pattern-file checks (patterns loaded with `-f`, keys of a map).
 */
import type { Word } from '../ast.js';
import { ACL_DOTTED_VERSION_FETCHES, ACL_VALUED_FLAGS } from '../catalog/keyword-values.js';
import type { SampleType } from '../catalog/types.js';
import { converterSpec, fetchSpec, parseSample } from './sample-helpers.js';

/** How the patterns of an ACL are read; `other` patterns are not judged. */
export type PatternKind = 'int' | 'ip' | 'other';

function kindOfType(type: SampleType | undefined): PatternKind {
  if (type === 'integer') return 'int';
  if (type === 'ip' || type === 'ipv4' || type === 'ipv6' || type === 'address') return 'ip';
  return 'other';
}

/**
 * How HAProxy reads the patterns of a criterion without `-m`: from the ACL keyword's suffix
 * (`path_len` compares lengths, `path_beg` strings) or from the type of the last fetch or
 * converter of the expression.
 */
export function defaultKind(criterion: Word): PatternKind {
  const sample = parseSample(criterion);
  if (!sample) return 'other';
  const last = sample.converters[sample.converters.length - 1];
  if (last) return kindOfType(converterSpec(last.name)?.output);
  const name = sample.fetch.name;
  if (ACL_DOTTED_VERSION_FETCHES.includes(name)) return 'other';
  const spec = fetchSpec(name);
  if (!spec) return 'other';
  // An ACL keyword made of a fetch and a suffix: `_len` compares lengths, the others strings.
  if (spec.name !== name) return name.endsWith('_len') ? 'int' : 'other';
  return kindOfType(spec.output);
}

/** `var(…)` alone has no type before run time, so HAProxy wants an explicit `-m`. */
export function needsMethod(criterion: Word): boolean {
  const sample = parseSample(criterion);
  return sample?.fetch.name === 'var' && sample.converters.length === 0;
}

/** Why HAProxy cannot read `value` as an integer pattern (`200`, `200:299`, `:5`). */
export function intProblem(value: string): string | undefined {
  if (/^\d+$/.test(value) || /^(?=.*\d)\d*[:-]\d*$/.test(value)) return undefined;
  return `'${value}' is not a number or a range of numbers (N, N:M, N: or :M)`;
}

/** Why HAProxy cannot read `value` as an address pattern; host names are never judged. */
export function ipProblem(value: string): string | undefined {
  const slash = value.indexOf('/');
  const address = slash < 0 ? value : value.slice(0, slash);
  const mask = slash < 0 ? undefined : value.slice(slash + 1);
  const bad = `'${value}' is not a valid IPv4 or IPv6 address or network`;
  if (address.includes(':')) {
    if (!/^[0-9A-Fa-f:.]+$/.test(address)) return bad;
    if (mask === undefined) return undefined;
    return /^\d+$/.test(mask) && Number(mask) <= 128
      ? undefined
      : `${bad} (IPv6 masks go from 0 to 128)`;
  }
  if (!/^[\d.]+$/.test(address)) return undefined;
  const parts = address.split('.');
  if (parts.length > 4 || parts.some((p) => p === '')) return bad;
  if (parts.length === 4 && parts.some((p) => Number(p) > 255)) return bad;
  if (mask === undefined) return undefined;
  if (/^\d+$/.test(mask)) {
    return Number(mask) <= 32 ? undefined : `${bad} (IPv4 masks go from 0 to 32)`;
  }
  const dotted = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(mask);
  return dotted && mask.split('.').every((p) => Number(p) <= 255) ? undefined : bad;
}

/** How the lines of a pattern file are read: as {@link PatternKind}, or as regular expressions. */
export type PatternLines = PatternKind | 'reg';

/**
 * How HAProxy reads the patterns of one ACL, criterion first (`src -f blocked.lst`): the `-m`
 * method when there is one, else the criterion's own (`path_reg` matches regexes, `src` addresses).
 */
export function aclPatternLines(words: readonly Word[]): PatternLines {
  const criterion = words[0];
  if (!criterion) return 'other';
  let method: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const word = words[i] as Word;
    if (!word.value.startsWith('-') || word.quoting !== 'none' || word.value === '--') break;
    if (!ACL_VALUED_FLAGS.includes(word.value)) continue;
    if (word.value === '-m') method = words[i + 1]?.value;
    i++;
  }
  if (method === 'reg') return 'reg';
  if (method === 'int' || method === 'len') return 'int';
  if (method === 'ip') return 'ip';
  if (method !== undefined) return 'other';
  if (/_reg$/.test(parseSample(criterion)?.fetch.name ?? '')) return 'reg';
  return defaultKind(criterion);
}
