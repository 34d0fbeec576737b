import type { Rule } from '../../common/rule.js';
import type { Word } from '../ast.js';
import { effectiveServerOptions, type ProxySymbol } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, hasBackend, symbolsOf } from './symbol-helpers.js';

/** True when the address word certainly carries no port (`10.0.0.1`, `app.local`). */
function lacksPort(address: Word): boolean {
  const value = address.value;
  if (address.hasVariable || address.template || value.includes('@') || value.startsWith('/')) {
    return false;
  }
  if (value.startsWith('[')) return !/\]:/.test(value);
  const colons = value.split(':').length - 1;
  // A bare IPv6 address cannot be told from one with a port, so only 0 colons is certain.
  return colons === 0 && !value.startsWith('_');
}

/** `tcp-check connect port …` / `http-check connect port …` give checks their own port. */
function checksHavePort(proxy: ProxySymbol): boolean {
  for (let at: ProxySymbol | undefined = proxy; at; at = at.defaults) {
    for (const keyword of ['tcp-check', 'http-check']) {
      if (at.statements(keyword).some((s) => s.args.some((w) => w.value === 'port'))) return true;
    }
    if (at.kind === 'defaults') break;
  }
  return false;
}

/**
 * A checked server whose address has no port and no `port` option: HAProxy cannot know where to
 * send the checks and `haproxy -c` rejects it ("has neither service port nor check port").
 */
export const checkPortUnknown: Rule<HaproxyRuleContext> = {
  code: 'check-port-unknown',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'A checked server has neither a service port nor a check port.',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      if (!hasBackend(proxy) || proxy.servers.length === 0 || checksHavePort(proxy)) continue;
      for (const server of proxy.servers) {
        if (server.template || !server.address || !lacksPort(server.address)) continue;
        const options = effectiveServerOptions(proxy, server);
        if (!options.has('check') || options.has('port')) continue;
        report({
          message: `server '${server.name?.value ?? ''}' of ${describeProxy(proxy)} is checked but has no port: add ':<port>' to the address or a 'port' option.`,
          start: server.address.start,
          end: server.address.end,
        });
      }
    }
  },
};
