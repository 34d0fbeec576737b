import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { sectionReferenceRule } from './section-reference.js';
import { proxyReferences } from './symbol-helpers.js';

/**
 * `errorfiles <name>` (the keyword, or the option of `http-error`, `http-request return|deny`, …)
 * naming no `http-errors` section: `haproxy -c` rejects it ("unknown http-errors section").
 */
export const undefinedHttpErrors: Rule<HaproxyRuleContext> = sectionReferenceRule({
  code: 'undefined-http-errors',
  kind: 'http-errors',
  severity: 'error',
  summary: 'errorfiles names an http-errors section that does not exist.',
  *collect(table) {
    for (const { site } of proxyReferences(table, 'http-errors')) {
      const keyword = site.statement?.keyword.value ?? '';
      yield { site, via: keyword === 'errorfiles' ? 'errorfiles' : `'${keyword} … errorfiles'` };
    }
  },
});
