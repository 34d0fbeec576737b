import type { Rule } from '../../common/rule.js';
import type { Statement } from '../ast.js';
import { effectiveServerOptions } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, hasBackend, symbolsOf } from './symbol-helpers.js';

/** `option` names that choose the health check type. */
const CHECK_OPTIONS =
  /^(?:httpchk|ssl-hello-chk|smtpchk|mysql-check|pgsql-check|redis-check|ldap-check|tcp-check|spop-check)$/;

function configuresChecks(statement: Statement): boolean {
  const keyword = statement.keyword.value;
  if (keyword === 'http-check' || keyword === 'tcp-check') return true;
  return keyword === 'option' && CHECK_OPTIONS.test(statement.args[0]?.value ?? '');
}

/**
 * A backend that configures its health checks (`option httpchk`, `http-check …`, `tcp-check …`)
 * while none of its servers has `check`: the configuration is never used. Only lines written in
 * the backend itself count, as `defaults` sections serve many backends.
 */
export const checksWithoutCheck: Rule<HaproxyRuleContext> = {
  code: 'checks-without-check',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'Health checks are configured but no server enables them.',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      if (!hasBackend(proxy) || proxy.servers.length === 0) continue;
      const first = proxy.body.find(configuresChecks);
      if (!first) continue;
      if (proxy.servers.some((s) => effectiveServerOptions(proxy, s).has('check'))) continue;
      report({
        message: `${describeProxy(proxy)} configures health checks, but none of its servers has 'check', so they never run.`,
        start: first.keyword.start,
        end: (first.args[0] ?? first.keyword).end,
      });
    }
  },
};
