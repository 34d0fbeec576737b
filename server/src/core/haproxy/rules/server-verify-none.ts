import type { Rule } from '../../common/rule.js';
import { effectiveServerOptions } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { symbolsOf } from './symbol-helpers.js';

/**
 * TLS towards servers without certificate verification: `verify none` on an `ssl` server (or
 * inherited from `default-server`), or `ssl-server-verify none` in `global`. Anyone on the path
 * can impersonate the server. HAProxy accepts it, so this is a warning.
 */
export const serverVerifyNone: Rule<HaproxyRuleContext> = {
  code: 'server-verify-none',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'TLS connections to servers do not verify the certificate.',
  check(context, report) {
    const symbols = symbolsOf(context);
    for (const statement of symbols.global('ssl-server-verify')) {
      const value = statement.args[0];
      if (value?.value !== 'none') continue;
      report({
        message: "'ssl-server-verify none' turns off certificate verification for every server.",
        start: statement.keyword.start,
        end: value.end,
      });
    }
    const seen = new Set<number>();
    for (const proxy of symbols.proxies) {
      for (const server of proxy.servers) {
        const options = effectiveServerOptions(proxy, server);
        const verify = options.get('verify');
        if (!options.has('ssl') || verify?.args[0]?.value !== 'none') continue;
        if (seen.has(verify.word.start)) continue;
        seen.add(verify.word.start);
        report({
          message: `server '${server.name?.value ?? ''}' uses TLS without verifying the certificate ('verify none').`,
          start: verify.word.start,
          end: verify.args[0]?.end ?? verify.word.end,
        });
      }
    }
  },
};
