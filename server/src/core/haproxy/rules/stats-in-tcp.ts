import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, symbolsOf } from './symbol-helpers.js';

/**
 * `stats …` lines in a proxy whose effective mode is `tcp`: the statistics page is HTTP, and
 * HAProxy warns that the statement is ignored.
 */
export const statsInTcp: Rule<HaproxyRuleContext> = {
  code: 'stats-in-tcp',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'stats directives in a TCP-mode proxy are ignored.',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      if (proxy.kind === 'defaults' || proxy.mode !== 'tcp') continue;
      const first = proxy.statements('stats')[0];
      if (!first) continue;
      report({
        message: `The stats page of ${describeProxy(proxy)} is ignored: it is in mode tcp and stats needs mode http.`,
        start: first.keyword.start,
        end: (first.args[0] ?? first.keyword).end,
      });
    }
  },
};
