import type { Rule } from '../../common/rule.js';
import { effectiveServerOptions } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, hasBackend, symbolsOf } from './symbol-helpers.js';

/**
 * A server without health checks in a backend where failover matters: the backend has two or
 * more servers, or the server is a `backup`. Without `check`, HAProxy keeps sending traffic to a
 * dead server. `check` may come from `default-server` in the backend or its defaults, and
 * `no-check` cancels it; servers that `track` another one take its state and are skipped.
 */
export const missingCheck: Rule<HaproxyRuleContext> = {
  code: 'missing-check',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'A load-balanced or backup server has no health check.',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      if (!hasBackend(proxy)) continue;
      const several = proxy.servers.length >= 2 || proxy.servers.some((s) => s.template);
      for (const server of proxy.servers) {
        const options = effectiveServerOptions(proxy, server);
        if (!several && !options.has('backup')) continue;
        if (options.has('check') || options.has('track')) continue;
        const word = server.name ?? server.statement.keyword;
        report({
          message: `server '${word.value}' of ${describeProxy(proxy)} has no 'check': HAProxy will keep sending traffic to it when it is down.`,
          start: word.start,
          end: word.end,
          fixes: [
            {
              title: "Add 'check'",
              edits: [
                {
                  start: server.statement.args.at(-1)?.end ?? word.end,
                  end: server.statement.args.at(-1)?.end ?? word.end,
                  text: ' check',
                },
              ],
            },
          ],
        });
      }
    }
  },
};
