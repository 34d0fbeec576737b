import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { sectionReferenceRule } from './section-reference.js';
import { proxyReferences } from './symbol-helpers.js';

/**
 * `stick-table … peers <name>` naming no `peers` section: `haproxy -c` rejects it ("unable to find
 * sync peers"). A table named `<peers>/<table>` is undefined-table's to judge.
 */
export const undefinedPeers: Rule<HaproxyRuleContext> = sectionReferenceRule({
  code: 'undefined-peers',
  kind: 'peers',
  severity: 'error',
  summary: 'A stick-table synchronises with a peers section that does not exist.',
  *collect(table) {
    for (const { site } of proxyReferences(table, 'peers')) {
      if (site.qualified === undefined) yield { site, via: site.via };
    }
  },
});
