import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { sectionReferenceRule } from './section-reference.js';

/**
 * `http-request cache-use`, `http-response cache-store` and `filter cache` naming no `cache`
 * section: `haproxy -c` rejects them ("unable to find the cache").
 */
export const undefinedCache: Rule<HaproxyRuleContext> = sectionReferenceRule({
  code: 'undefined-cache',
  kind: 'cache',
  severity: 'error',
  summary: 'cache-use, cache-store or filter cache names a cache section that does not exist.',
  *collect(symbols) {
    for (const proxy of symbols.proxies) {
      for (const [keyword, action] of [
        ['http-request', 'cache-use'],
        ['http-response', 'cache-store'],
        ['filter', 'cache'],
      ] as const) {
        for (const statement of proxy.statements(keyword)) {
          const name = statement.args[1];
          if (statement.args[0]?.value === action && name) {
            yield { word: name, via: `'${keyword} ${action}'` };
          }
        }
      }
    }
  },
});
