import type { Rule } from '../../common/rule.js';
import type { Word } from '../ast.js';
import type { ProxySymbol } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, hasFrontend, symbolsOf } from './symbol-helpers.js';

/** True when a bind address listens on every interface or on a routable address. */
function isPublicBind(address: Word): boolean {
  if (address.hasVariable || address.template) return false;
  return address.value.split(',').some((part) => {
    const host = part.replace(/^(?:ipv4@|ipv6@|tcp@|tcp4@|tcp6@)/, '');
    if (
      /^(?:unix|abns|abnsz|fd|sockpair|udp[46]?|quic[46]?|uxst|uxdg)@/.test(host) ||
      host.startsWith('/')
    ) {
      return false;
    }
    const name = host.startsWith('[')
      ? host.slice(1, host.indexOf(']'))
      : host.replace(/:[^:]*$/, '');
    if (name === '' || name === '*' || name === '0.0.0.0' || name === '::') return true;
    if (/^(?:127\.|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.)/.test(name)) {
      return false;
    }
    if (/^(?:::1|f[cd][0-9a-f]{2}:|fe80:)/i.test(name) || name === 'localhost') return false;
    return /^\d+\.\d+\.\d+\.\d+$/.test(name) || name.includes(':');
  });
}

/** Whether the proxy or its defaults protect the stats page with a login. */
function hasAuth(proxy: ProxySymbol): boolean {
  for (let at: ProxySymbol | undefined = proxy; at; at = at.defaults) {
    if (
      at.statements('stats').some((s) => /^(?:auth|http-request)$/.test(s.args[0]?.value ?? ''))
    ) {
      return true;
    }
    if (at.statements('http-request').some((s) => s.args[0]?.value === 'auth')) return true;
    if (at.kind === 'defaults') break;
  }
  return false;
}

/**
 * The statistics page enabled (`stats enable`, `stats uri`) in a frontend or listen section that
 * binds a wildcard or routable address, with no `stats auth` and no `http-request auth`: anyone
 * who can reach it sees the topology. A lint of ours, so a warning.
 */
export const statsWithoutAuth: Rule<HaproxyRuleContext> = {
  code: 'stats-without-auth',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'The stats page is exposed on a public address without authentication.',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      if (!hasFrontend(proxy) || proxy.mode !== 'http') continue;
      const enabling = proxy
        .statements('stats')
        .find((s) => /^(?:enable|uri)$/.test(s.args[0]?.value ?? ''));
      if (!enabling || hasAuth(proxy)) continue;
      const exposed = proxy.statements('bind').some((s) => s.args[0] && isPublicBind(s.args[0]));
      if (!exposed) continue;
      report({
        message: `The stats page of ${describeProxy(proxy)} listens on a public or wildcard address without 'stats auth'.`,
        start: enabling.keyword.start,
        end: (enabling.args[0] ?? enabling.keyword).end,
      });
    }
  },
};
