import type { Rule } from '../../common/rule.js';
import type { Word } from '../ast.js';
import { suggestNames } from '../catalog/index.js';
import {
  ACL_FLAGS,
  ACL_INT_OPERATORS,
  ACL_MATCH_METHODS,
  ACL_VALUED_FLAGS,
} from '../catalog/keyword-values.js';
import {
  defaultKind,
  intProblem,
  ipProblem,
  needsMethod,
  type PatternKind,
} from './acl-helpers.js';
import { didYouMean, liveStatements, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';

/** One refused word of an ACL. */
interface AclProblem {
  readonly word: Word;
  readonly message: string;
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
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'An ACL HAProxy cannot parse (unknown flag or matching method, bad pattern).',
  check(context, report) {
    const flag = (problem: AclProblem): void =>
      report({ message: problem.message, start: problem.word.start, end: problem.word.end });
    for (const entry of liveStatements(context)) {
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
