import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, hasBackend, symbolsOf } from './symbol-helpers.js';

/** Lines that let a backend answer without any server of its own. */
const ANSWERS_ITSELF: ReadonlySet<string> = new Set([
  'dispatch',
  'stats',
  'http-request',
  'tcp-request',
  'redirect',
  'use-server',
  'errorfile',
  'errorloc',
  'errorloc302',
  'errorloc303',
]);

/**
 * A backend (or listen section used as one) with no `server` line and nothing else to answer
 * with (`dispatch`, `stats`, `http-request return/redirect/use-service`, …). HAProxy starts, but
 * every request routed there fails with 503. A lint of ours, so a warning.
 */
export const backendWithoutServer: Rule<HaproxyRuleContext> = {
  code: 'backend-without-server',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'A backend has no server and nothing else to answer with.',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      if (!hasBackend(proxy) || proxy.servers.length > 0) continue;
      if (proxy.body.some((s) => ANSWERS_ITSELF.has(s.keyword.value))) continue;
      if (
        proxy
          .statements('option')
          .some((s) => /^(?:transparent|http_proxy)$/.test(s.args[0]?.value ?? ''))
      ) {
        continue;
      }
      // A listen section without server but with a bind usually serves stats inherited from defaults.
      if (proxy.kind === 'listen' && proxy.defaults?.statements('stats').length) continue;
      const word = proxy.nameWord ?? proxy.section.keyword;
      report({
        message: `${describeProxy(proxy)} has no server: requests routed to it will fail with 503.`,
        start: word.start,
        end: word.end,
      });
    }
  },
};
