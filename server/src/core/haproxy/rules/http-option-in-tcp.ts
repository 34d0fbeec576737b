import type { Rule } from '../../common/rule.js';
import type { Statement } from '../ast.js';
import type { HaproxyRuleContext } from './index.js';
import { describeProxy, symbolsOf } from './symbol-helpers.js';

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
 * HTTP-only options and rules in a proxy whose effective mode is `tcp`: HAProxy accepts the file
 * but warns that they are ignored ("requires HTTP mode"), so this is a warning. Only lines
 * written in the proxy itself are reported; `defaults` sections serve proxies of both modes.
 */
export const httpOptionInTcp: Rule<HaproxyRuleContext> = {
  code: 'http-option-in-tcp',
  defaultSeverity: 'warning',
  summary: 'HTTP-only options or rules in a TCP-mode proxy are ignored.',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      if (proxy.kind === 'defaults' || proxy.mode !== 'tcp') continue;
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
