import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { headerProblem } from './section-header-helpers.js';
import { describeProxy, hasFrontend, symbolsOf } from './symbol-helpers.js';

/**
 * A frontend or listen section without any `bind` line accepts no connection. HAProxy warns
 * ("has no 'bind' directive"), so this is a warning. A section line carrying an address
 * (`listen stats :8404`) gets its own error from unexpected-section-argument instead.
 */
export const frontendWithoutBind: Rule<HaproxyRuleContext> = {
  code: 'frontend-without-bind',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'A frontend or listen section has no bind line.',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      if (!hasFrontend(proxy) || proxy.statements('bind').length > 0) continue;
      if (headerProblem(proxy.section)?.kind === 'address') continue;
      const word = proxy.nameWord ?? proxy.section.keyword;
      report({
        message: `${describeProxy(proxy)} has no 'bind' line, so it accepts no connection; declare it as a backend if that was intended.`,
        start: word.start,
        end: word.end,
      });
    }
  },
};
