import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { sectionReferenceRule } from './section-reference.js';
import { proxyReferences } from './symbol-helpers.js';

/**
 * `http-request cache-use`, `http-response cache-store` and `filter cache` naming no `cache`
 * section: `haproxy -c` rejects them ("unable to find the cache").
 */
export const undefinedCache: Rule<HaproxyRuleContext> = sectionReferenceRule({
  code: 'undefined-cache',
  kind: 'cache',
  severity: 'error',
  summary: 'cache-use, cache-store or filter cache names a cache section that does not exist.',
  *collect(table) {
    for (const { site } of proxyReferences(table, 'cache')) {
      const statement = site.statement;
      if (!statement) continue;
      yield { site, via: `'${statement.keyword.value} ${statement.args[0]?.value ?? ''}'` };
    }
  },
});
