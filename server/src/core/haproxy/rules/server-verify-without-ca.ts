import type { Rule } from '../../common/rule.js';
import { effectiveServerOptions } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { symbolsOf } from './symbol-helpers.js';

/**
 * A server that talks TLS (`ssl`, or `check-ssl` for its checks) with certificate verification
 * in effect but no `ca-file` to verify against. Verification is on when the server (or its
 * `default-server`) says `verify required`, or says nothing and `global` does not set
 * `ssl-server-verify none`. `haproxy -c` refuses such a server, so this is an error.
 *
 * A server line that cancels an inherited `ssl` with `no-ssl` is left alone: HAProxy 2.6 still
 * refuses some of those, but not in a way that is simple to predict.
 */
export const serverVerifyWithoutCa: Rule<HaproxyRuleContext> = {
  code: 'server-verify-without-ca',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'A TLS server verifies certificates but has no ca-file.',
  check(context, report) {
    const symbols = symbolsOf(context);
    let globalNone = false;
    for (const statement of symbols.global('ssl-server-verify')) {
      const value = statement.args[0];
      if (!value || value.hasVariable || value.template) return;
      globalNone = value.value === 'none';
    }
    for (const proxy of symbols.proxies) {
      for (const server of proxy.servers) {
        const own = server.options;
        if (own.has('no-ssl')) continue;
        const options = effectiveServerOptions(proxy, server);
        const tls = options.get('ssl') ?? options.get('check-ssl');
        if (!tls || options.has('ca-file')) continue;
        const verify = options.get('verify');
        const mode = verify?.args[0];
        if (verify && (!mode || mode.hasVariable || mode.template)) continue;
        if (mode?.value === 'none' || (mode === undefined && globalNone)) continue;
        if (mode !== undefined && mode.value !== 'required') continue;
        const at = own.get('verify') ?? own.get('ssl') ?? own.get('check-ssl');
        const word = at?.word ?? server.name ?? server.statement.keyword;
        const why =
          mode === undefined
            ? 'verifies the server certificate by default'
            : "has 'verify required'";
        report({
          message: `server '${server.name?.value ?? ''}' uses TLS and ${why}, but has no 'ca-file' to check it against: add 'ca-file', or 'verify none' if the certificate cannot be checked.`,
          start: word.start,
          end: at?.args[0]?.end ?? word.end,
        });
      }
    }
  },
};
