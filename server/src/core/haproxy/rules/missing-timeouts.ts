import type { Rule } from '../../common/rule.js';
import type { ProxySymbol } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, hasBackend, hasFrontend, symbolsOf } from './symbol-helpers.js';

/** Whether `timeout <which>` is set to a non-zero value here or in the inherited defaults. */
function hasTimeout(proxy: ProxySymbol | undefined, which: string): boolean {
  const seen = new Set<ProxySymbol>();
  for (let at = proxy; at && !seen.has(at); at = at.defaults) {
    seen.add(at);
    const lines = at.statements('timeout').filter((s) => s.args[0]?.value === which);
    const last = lines[lines.length - 1];
    if (last) return !/^0+(?:[a-z]+)?$/.test(last.args[1]?.value ?? '0');
  }
  return false;
}

/**
 * A frontend without `timeout client`, or a backend with servers but without `timeout connect`
 * and `timeout server`, after defaults inheritance. HAProxy accepts the file but warns ("missing
 * timeouts"): connections could stay open forever.
 */
export const missingTimeouts: Rule<HaproxyRuleContext> = {
  code: 'missing-timeouts',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'A proxy has no client, connect or server timeout.',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      if (proxy.kind === 'defaults' || (proxy.mode !== 'http' && proxy.mode !== 'tcp')) continue;
      const missing: string[] = [];
      if (hasFrontend(proxy) && !hasTimeout(proxy, 'client')) missing.push('client');
      if (hasBackend(proxy) && proxy.servers.length > 0) {
        for (const which of ['connect', 'server']) {
          if (!hasTimeout(proxy, which)) missing.push(which);
        }
      }
      if (missing.length === 0) continue;
      const word = proxy.nameWord ?? proxy.section.keyword;
      report({
        message: `${describeProxy(proxy)} has no ${missing.map((m) => `'timeout ${m}'`).join(', ')} (here or in its defaults).`,
        start: word.start,
        end: word.end,
      });
    }
  },
};
