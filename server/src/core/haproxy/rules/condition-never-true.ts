import type { Rule } from '../../common/rule.js';
import { judgedConditions } from './acl-logic.js';
import type { HaproxyRuleContext } from './context.js';
import { referencesOf } from './symbol-helpers.js';

/**
 * A condition that can never be true, whatever the request: an ACL ANDed with its own negation
 * (`if is_api !is_api`), or two ACLs ANDed on the same single-valued sample whose patterns no
 * value can match together (`path_beg /a` and `path_beg /b`; exact `path` values that differ).
 * Only what is certain is reported: different samples, `-m` methods other than `str`, `beg` and
 * `end`, pattern files and volatile fetches are left alone, and `-i` on either side compares
 * patterns without case. ACLs that never match on their own are acl-never-matches'; HAProxy's
 * predefined `FALSE`, the documented way to switch a rule off, is left alone. HAProxy says
 * nothing (`haproxy -c` 2.6.12 and 3.0.11); a warning, since the rule is dead (`if`) or
 * unconditional (`unless`) while it reads otherwise.
 */
export const conditionNeverTrue: Rule<HaproxyRuleContext> = {
  code: 'condition-never-true',
  scope: 'section',
  defaultSeverity: 'warning',
  summary:
    'A condition that can never be true (an ACL ANDed with its negation, disjoint patterns).',
  check(context, report) {
    for (const { statement, condition, verdict } of judgedConditions(referencesOf(context))) {
      if (verdict.value || (verdict.kind !== 'contradiction' && verdict.kind !== 'disjoint')) {
        continue;
      }
      const rule = `'${statement.keyword.value}' rule`;
      const effect =
        condition.polarity === 'if'
          ? `this ${rule} never applies`
          : `'unless' never holds this ${rule} back: it always applies`;
      report({
        message: `This condition can never be true: ${verdict.reason}, so ${effect}. Check the ACLs, or join them with 'or'.`,
        start: condition.start,
        end: condition.end,
        tags: condition.polarity === 'if' ? ['unnecessary'] : [],
      });
    }
  },
};
