import type { Rule } from '../../common/rule.js';
import type { Word } from '../ast.js';
import { suggestNames } from '../catalog/index.js';
import {
  ACL_DOTTED_VERSION_FETCHES,
  ACL_FLAGS,
  ACL_INT_OPERATORS,
  ACL_MATCH_METHODS,
  ACL_VALUED_FLAGS,
} from '../catalog/keyword-values.js';
import type { SampleType } from '../catalog/types.js';
import { didYouMean, liveStatements, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';
import { converterSpec, fetchSpec, parseSample } from './sample-helpers.js';

/** One refused word of an ACL. */
interface AclProblem {
  readonly word: Word;
  readonly message: string;
}

/** How the patterns of an ACL are read; `other` patterns are not judged. */
type PatternKind = 'int' | 'ip' | 'other';

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
function defaultKind(criterion: Word): PatternKind {
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
function needsMethod(criterion: Word): boolean {
  const sample = parseSample(criterion);
  return sample?.fetch.name === 'var' && sample.converters.length === 0;
}

/** Why HAProxy cannot read `value` as an integer pattern (`200`, `200:299`, `:5`). */
function intProblem(value: string): string | undefined {
  if (/^\d+$/.test(value) || /^(?=.*\d)\d*[:-]\d*$/.test(value)) return undefined;
  return `'${value}' is not a number or a range of numbers (N, N:M, N: or :M)`;
}

/** Why HAProxy cannot read `value` as an address pattern; host names are never judged. */
function ipProblem(value: string): string | undefined {
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

/**
 * What HAProxy refuses in the words of one ACL, criterion first (`path -m beg /api`): a missing
 * criterion is the caller's business.
 */
function aclProblems(words: readonly Word[]): AclProblem[] {
  const criterion = words[0];
  if (!criterion || words.some(opaque)) return [];
  let method: string | undefined;
  let i = 1;
  for (; i < words.length; i++) {
    const word = words[i] as Word;
    if (!word.value.startsWith('-') || word.quoting !== 'none') break;
    if (word.value === '--') {
      i++;
      break;
    }
    if (ACL_FLAGS.includes(word.value)) continue;
    if (!ACL_VALUED_FLAGS.includes(word.value)) {
      return [
        {
          word,
          message: `'${word.value}' is not an ACL flag (use -i, -f, -m, -n, -M, -u); put '--' before a pattern that starts with '-'.`,
        },
      ];
    }
    const value = words[i + 1];
    i++;
    if (!value) return [{ word, message: `ACL flag '${word.value}' needs a value.` }];
    if (word.value === '-m') {
      if (!ACL_MATCH_METHODS.includes(value.value)) {
        return [
          {
            word: value,
            message: `Unknown ACL matching method '${value.value}': use ${ACL_MATCH_METHODS.join(', ')}${didYouMean(suggestNames(value.value, ACL_MATCH_METHODS)) || '.'}`,
          },
        ];
      }
      method = value.value;
    }
  }
  if (method === undefined && needsMethod(criterion)) {
    return [
      {
        word: criterion,
        message: `HAProxy cannot tell how to match '${criterion.value}' (its type is only known at run time): add a matching method such as '-m found', '-m str' or '-m int'.`,
      },
    ];
  }
  let kind: PatternKind;
  if (method === 'int' || method === 'len') kind = 'int';
  else if (method === 'ip') kind = 'ip';
  else if (method !== undefined) kind = 'other';
  else kind = defaultKind(criterion);
  if (kind === 'other') return [];
  for (const word of words.slice(i)) {
    if (kind === 'int' && ACL_INT_OPERATORS.includes(word.value)) continue;
    const problem = kind === 'int' ? intProblem(word.value) : ipProblem(word.value);
    if (problem !== undefined) {
      return [{ word, message: `${problem}: HAProxy refuses this ACL pattern.` }];
    }
  }
  return [];
}

/**
 * An ACL HAProxy cannot parse, on an `acl` line or inside `{ … }` in a condition: an unknown
 * flag (`-x`; a pattern starting with `-` needs `--` before it), an unknown `-m` matching method,
 * `var(…)` without `-m` (its type is unknown until run time), a pattern that is not a number
 * where the criterion compares integers (`status abc`), or an address pattern with a bad octet or
 * mask (`src 10.0.0.0/40`). HAProxy stops on each of these,
 * so this is an error. Host names in address patterns are not judged (HAProxy resolves them while
 * parsing), nor are criteria it reads in other ways (`req.ssl_ver 3.1`).
 */
export const invalidAcl: Rule<HaproxyRuleContext> = {
  code: 'invalid-acl',
  defaultSeverity: 'error',
  summary: 'An ACL HAProxy cannot parse (unknown flag or matching method, bad pattern).',
  check(context, report) {
    const flag = (problem: AclProblem): void =>
      report({ message: problem.message, start: problem.word.start, end: problem.word.end });
    for (const { entry } of liveStatements(context)) {
      const spec = entry.match?.spec;
      if (spec?.name === 'acl' && entry.placement !== 'unknown' && !entry.match?.negated) {
        // A line without a criterion is missing-argument's.
        aclProblems(entry.args.slice(1)).forEach(flag);
      }
      for (const group of entry.statement.condition?.groups ?? []) {
        for (const term of group.terms) {
          if (term.kind === 'anonymous') aclProblems(term.words).forEach(flag);
        }
      }
    }
  },
};
