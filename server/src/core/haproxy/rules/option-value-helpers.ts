/**
 * Judging one `bind` / `server` option value the way HAProxy's option parsers do (see
 * {@link OptionValueCheck} for the parsing families). Shared by the option value rule and the
 * duplicate id rule, which needs the number HAProxy reads from `id`.
 */
import { compareVersions } from '../../common/catalog.js';
import { leadingInteger } from '../../common/leading-integer.js';
import type { Word } from '../ast.js';
import { majorMinor, suggestNames } from '../catalog/index.js';
import { MUX_PROTOCOLS } from '../catalog/shared-options.js';
import type { OptionValueCheck } from '../catalog/types.js';
import { didYouMean } from './catalog-helpers.js';

/** Largest delay HAProxy stores, in milliseconds. */
const MAX_DELAY_MS = 2_147_483_647;

/** Milliseconds per HAProxy time unit. */
export const UNIT_MS: Readonly<Record<string, number>> = {
  us: 0.001,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * C `atol` then a store into an `int`, as the server option parsers read their numbers (see
 * {@link leadingInteger}). Kept under this name for the duplicate id rule, which compares ids.
 */
export function atolInt(text: string): number {
  return leadingInteger(text, 'int');
}

/** The unit of a delay word, or the offending character when HAProxy refuses it. */
function delayProblem(value: string, positive: boolean, name: string): string | undefined {
  const digits = /^\d*/.exec(value)?.[0] ?? '';
  const rest = value.slice(digits.length);
  let unit = 'ms';
  if (rest !== '') {
    const first = rest[0] ?? '';
    if (first === 'u' && rest[1] === 's') unit = 'us';
    else if (first === 'm' && rest[1] === 's') unit = 'ms';
    else if (first === 'm' || first === 's' || first === 'h' || first === 'd') unit = first;
    else {
      return `'${value}' is not a valid delay for '${name}': unexpected '${first}', use digits with one unit (us, ms, s, m, h, d)`;
    }
  }
  const count = Number(digits === '' ? '0' : digits);
  if (count * (UNIT_MS[unit] ?? 1) > MAX_DELAY_MS) {
    return `'${value}' is too long a delay for '${name}' (at most 2147483647 ms, about 24.8 days)`;
  }
  if (positive && count === 0) return `'${name}' must be a delay above 0`;
  return undefined;
}

function isIpv4(text: string): boolean {
  return (
    /^\d+\.\d+\.\d+\.\d+$/.test(text) && text.split('.').every((octet) => Number(octet) <= 255)
  );
}

/**
 * What HAProxy refuses in the value of option `name` (undefined `value`: the option ends the
 * line), or undefined when it accepts it or the value cannot be known (environment variables,
 * templates).
 */
export function optionValueProblem(
  name: string,
  check: OptionValueCheck,
  value: Word | undefined,
  version: string,
): string | undefined {
  if (value === undefined || value.value === '') {
    return check.optional === true ? undefined : `'${name}' needs a value after it`;
  }
  if (value.hasVariable || value.template) return undefined;
  const text = value.value;
  switch (check.kind) {
    case 'word':
      return undefined;
    case 'time':
      return delayProblem(text, check.positive === true, name);
    case 'atol': {
      let number = atolInt(text);
      if (check.abs === true) number = Math.abs(number);
      const low = check.min ?? Number.NEGATIVE_INFINITY;
      const high = check.max ?? Number.POSITIVE_INFINITY;
      if (number >= low && number <= high) return undefined;
      const range = check.max === undefined ? `at least ${low}` : `between ${low} and ${check.max}`;
      return `'${name} ${text}' is refused: HAProxy reads ${number}, and it must be ${range}`;
    }
    case 'integer': {
      if (!/^[+-]?\d+$/.test(text)) return `'${name}' expects an integer, not '${text}'`;
      return BigInt(text) >= BigInt(check.min)
        ? undefined
        : `'${name}' must be at least ${check.min}`;
    }
    case 'enum': {
      const items = check.list === true ? text.split(',').filter((item) => item !== '') : [text];
      const bad = items.find((item) => !check.values.includes(item));
      if (bad === undefined) return undefined;
      return `'${bad}' is not a valid value for '${name}': expected ${check.values.join(', ')}${didYouMean(suggestNames(bad, check.values))}`;
    }
    case 'mux': {
      const since = MUX_PROTOCOLS.get(text);
      if (since === undefined) {
        return `'${text}' is not a multiplexer protocol HAProxy knows for '${name}'${didYouMean(suggestNames(text, [...MUX_PROTOCOLS.keys()]))}`;
      }
      if (compareVersions(majorMinor(version), since) < 0) {
        return `the '${text}' protocol of '${name}' is not available in HAProxy ${version}: it appeared in ${since}`;
      }
      return undefined;
    }
    case 'init-addr': {
      const bad = text
        .split(',')
        .find(
          (item) =>
            item !== '' &&
            !['libc', 'last', 'none'].includes(item) &&
            !item.includes(':') &&
            !isIpv4(item),
        );
      return bad === undefined
        ? undefined
        : `'${bad}' is not a valid 'init-addr' method: expected libc, last, none or an IP address`;
    }
    case 'shards':
      return text === 'by-thread' || atolInt(text) >= 1
        ? undefined
        : `'shards' expects 'by-thread' or a count of at least 1, not '${text}'`;
  }
}
