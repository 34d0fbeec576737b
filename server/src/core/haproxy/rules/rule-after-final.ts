import type { Rule } from '../../common/rule.js';
import type { Statement } from '../ast.js';
import type { HaproxyRuleContext } from './context.js';
import { relatedAt, symbolsOf } from './symbol-helpers.js';

/**
 * The actions after which HAProxy stops evaluating the rule set, as its parser counts them when
 * it warns (checked with `haproxy -c` 2.6.12 and 3.0.11: `reject`, `silent-drop` and
 * `use-service` stop the request too, but HAProxy does not warn after them, so neither do we).
 */
const FINAL_ACTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  'http-request': new Set(['allow', 'auth', 'deny', 'redirect', 'return', 'tarpit']),
  'http-response': new Set(['allow', 'deny', 'redirect', 'return']),
};

/**
 * A rule written right after an unconditional final rule of the same set (`http-request deny`
 * with no `if`/`unless`, then another `http-request` line): HAProxy never reaches it and warns
 * "previous 'http-request' action is final and has no condition attached, further entries are
 * NOOP". A warning, as HAProxy's, on the same line HAProxy names (the first rule after).
 */
export const ruleAfterFinal: Rule<HaproxyRuleContext> = {
  code: 'rule-after-final',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'A rule after an unconditional final rule of its set: HAProxy never runs it.',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      const previous = new Map<string, Statement>();
      for (const statement of proxy.body) {
        const set = statement.keyword.value;
        const finals = FINAL_ACTIONS[set];
        if (finals === undefined) continue;
        const before = previous.get(set);
        previous.set(set, statement);
        if (before === undefined || before.condition !== undefined) continue;
        const action = before.args[0]?.value ?? '';
        if (!finals.has(action)) continue;
        report({
          message: `HAProxy never runs this '${set}' rule, nor any later one in this section: the '${set} ${action}' above has no condition and ends the evaluation. Add a condition to it, or move it after the rules that must run.`,
          start: statement.keyword.start,
          end: statement.end,
          related: [relatedAt(context, before.keyword, `unconditional '${set} ${action}'`)],
          tags: ['unnecessary'],
        });
      }
    }
  },
};
