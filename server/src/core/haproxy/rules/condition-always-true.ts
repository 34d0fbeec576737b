import type { Rule } from '../../common/rule.js';
import { judgedConditions } from './acl-logic.js';
import type { HaproxyRuleContext } from './context.js';
import { referencesOf } from './symbol-helpers.js';

/**
 * A condition that is always true: it rests on `always_true` (`if { always_true }`, an ACL
 * defined as `always_true`), or ORs an ACL with its own negation (`if is_api or !is_api`; not in
 * `tcp-request`/`tcp-response` rules, where a sample still missing leaves both undecided). The
 * condition then does nothing (`if`) or switches the rule off (`unless`). HAProxy's predefined
 * `TRUE`, written on purpose, is left alone. HAProxy says nothing (`haproxy -c` 2.6.12 and
 * 3.0.11); a warning, since the line reads as if it depended on the request.
 */
export const conditionAlwaysTrue: Rule<HaproxyRuleContext> = {
  code: 'condition-always-true',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'A condition that is always true (always_true, an ACL ORed with its negation).',
  check(context, report) {
    for (const { statement, condition, verdict } of judgedConditions(referencesOf(context))) {
      if (!verdict.value || (verdict.kind !== 'constant' && verdict.kind !== 'tautology')) continue;
      const rule = `'${statement.keyword.value}' rule`;
      const effect =
        condition.polarity === 'if'
          ? `this ${rule} applies to every request as if it had no condition`
          : `'unless' always holds this ${rule} back: it never applies`;
      report({
        message: `This condition is always true: ${verdict.reason}, so ${effect}. Remove the condition, or write the test that was meant.`,
        start: condition.start,
        end: condition.end,
        tags: condition.polarity === 'unless' ? ['unnecessary'] : [],
      });
    }
  },
};
