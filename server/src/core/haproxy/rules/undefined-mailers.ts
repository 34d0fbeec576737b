import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { sectionReferenceRule } from './section-reference.js';
import { proxyReferences } from './symbol-helpers.js';

/**
 * `email-alert mailers <name>` naming no `mailers` section: `haproxy -c` rejects it ("unable to
 * find mailers").
 */
export const undefinedMailers: Rule<HaproxyRuleContext> = sectionReferenceRule({
  code: 'undefined-mailers',
  kind: 'mailers',
  severity: 'error',
  summary: 'email-alert mailers names a mailers section that does not exist.',
  *collect(table) {
    for (const { site } of proxyReferences(table, 'mailers')) {
      yield { site, via: `'${site.via}'` };
    }
  },
});
