import type { Rule } from '../../common/rule.js';
import type { Statement } from '../ast.js';
import type { HaproxyRuleContext } from './context.js';
import type { ProxySymbol } from '../analysis/symbols.js';
import { describeProxy, hasFrontend, relatedAt, symbolsOf } from './symbol-helpers.js';

/** `option` names that only mean something in HTTP mode; HAProxy ignores them in TCP mode. */
const HTTP_OPTIONS: ReadonlySet<string> = new Set([
  'httplog',
  'forwardfor',
  'http-server-close',
  'httpclose',
  'http-keep-alive',
  'http-pretend-keepalive',
  'originalto',
  'http-buffer-request',
]);

/** Keywords whose whole line is ignored outside HTTP mode. */
const HTTP_KEYWORDS: ReadonlySet<string> = new Set([
  'http-request',
  'http-response',
  'http-after-response',
  'cookie',
]);

function httpOnly(statement: Statement): boolean {
  const keyword = statement.keyword.value;
  if (HTTP_KEYWORDS.has(keyword)) return true;
  return keyword === 'option' && HTTP_OPTIONS.has(statement.args[0]?.value ?? '');
}

/**
 * The last line of a section setting or cancelling `option <name>` (`no option <name>`), if any.
 */
function optionLine(proxy: ProxySymbol, name: string): Statement | undefined {
  const lines = [...proxy.statements('option'), ...proxy.statements('no')].filter(
    (statement) =>
      (statement.keyword.value === 'option' && statement.args[0]?.value === name) ||
      (statement.keyword.value === 'no' &&
        statement.args[0]?.value === 'option' &&
        statement.args[1]?.value === name),
  );
  return lines.sort((a, b) => a.start - b.start).at(-1);
}

/**
 * The HTTP options a TCP proxy inherits from its `defaults` section that HAProxy warns about:
 * `option httplog` on a proxy that accepts connections ("not usable with frontend 'x' (needs
 * 'mode http'). Falling back to 'option tcplog'") unless the proxy picks its own log format, and
 * `option forwardfor` on any proxy ("ignored for frontend 'x' as it requires HTTP mode"). The
 * common case is a Kubernetes API frontend in `mode tcp` under an HTTP `defaults`.
 */
function inherited(proxy: ProxySymbol): { name: string; line: Statement }[] {
  const defaults = proxy.defaults;
  if (!defaults) return [];
  const found: { name: string; line: Statement }[] = [];
  for (const name of ['httplog', 'forwardfor']) {
    const line = optionLine(defaults, name);
    if (!line || line.keyword.value === 'no' || optionLine(proxy, name)) continue;
    if (name === 'httplog') {
      if (!hasFrontend(proxy)) continue;
      const ownFormat =
        proxy.statements('log-format').length > 0 ||
        ['tcplog', 'httpslog'].some((other) => optionLine(proxy, other) !== undefined);
      if (ownFormat) continue;
    }
    found.push({ name, line });
  }
  return found;
}

/**
 * HTTP-only options and rules in a proxy whose effective mode is `tcp`: HAProxy accepts the file
 * but warns that they are ignored ("requires HTTP mode"), so this is a warning. Lines written in
 * the proxy itself are reported where they are; `option httplog` and `option forwardfor` inherited
 * from `defaults` on the proxy's name, as HAProxy warns about those too.
 */
export const httpOptionInTcp: Rule<HaproxyRuleContext> = {
  code: 'http-option-in-tcp',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'HTTP-only options or rules in a TCP-mode proxy are ignored.',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      if (proxy.kind === 'defaults' || proxy.mode !== 'tcp') continue;
      const name = proxy.nameWord ?? proxy.section.keyword;
      for (const { name: option, line } of inherited(proxy)) {
        report({
          message:
            option === 'httplog'
              ? `${describeProxy(proxy)} is in mode tcp but inherits 'option httplog' from defaults: HAProxy falls back to 'option tcplog'. Set 'option tcplog' here to say so.`
              : `${describeProxy(proxy)} is in mode tcp but inherits 'option forwardfor' from defaults, which HAProxy ignores here (it needs mode http). It cannot be cancelled: set it in the HTTP proxies, or give TCP proxies a defaults section of their own.`,
          start: name.start,
          end: name.end,
          related: [relatedAt(context, line, `option ${option} in defaults`)],
        });
      }
      for (const statement of proxy.body) {
        if (!httpOnly(statement)) continue;
        const last = statement.args[0] ?? statement.keyword;
        const what =
          statement.keyword.value === 'option' ? `option ${last.value}` : statement.keyword.value;
        report({
          message: `'${what}' is ignored in ${describeProxy(proxy)}, which is in mode tcp (it needs mode http).`,
          start: statement.keyword.start,
          end: statement.keyword.value === 'option' ? last.end : statement.keyword.end,
        });
      }
    }
  },
};
