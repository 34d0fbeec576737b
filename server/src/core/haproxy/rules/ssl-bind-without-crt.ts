import type { Rule } from '../../common/rule.js';
import { lineOptionMap } from '../analysis/resolve.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, symbolsOf } from './symbol-helpers.js';

/** Bind options that give an SSL listener its certificate. */
const CERTIFICATE_OPTIONS = ['crt', 'crt-list', 'default-crt'];

/**
 * `bind … ssl` without `crt` or `crt-list`: `haproxy -c` rejects it ("no SSL certificate
 * specified for bind").
 */
export const sslBindWithoutCrt: Rule<HaproxyRuleContext> = {
  code: 'ssl-bind-without-crt',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'An SSL bind line has no certificate.',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      for (const statement of proxy.statements('bind')) {
        const options = lineOptionMap(statement);
        const ssl = options.get('ssl');
        if (!ssl || CERTIFICATE_OPTIONS.some((name) => options.has(name))) continue;
        report({
          message: `This ssl bind line of ${describeProxy(proxy)} has no certificate: add 'crt <file>' or 'crt-list <file>'.`,
          start: ssl.word.start,
          end: ssl.word.end,
        });
      }
    }
  },
};
