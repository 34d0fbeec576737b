import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { sectionReferenceRule } from './section-reference.js';

/**
 * `email-alert mailers <name>` naming no `mailers` section: `haproxy -c` rejects it ("unable to
 * find mailers").
 */
export const undefinedMailers: Rule<HaproxyRuleContext> = sectionReferenceRule({
  code: 'undefined-mailers',
  kind: 'mailers',
  severity: 'error',
  summary: 'email-alert mailers names a mailers section that does not exist.',
  *collect(symbols) {
    for (const proxy of symbols.proxies) {
      for (const statement of proxy.statements('email-alert')) {
        const name = statement.args[1];
        if (statement.args[0]?.value === 'mailers' && name) {
          yield { word: name, via: "'email-alert mailers'" };
        }
      }
    }
  },
});
