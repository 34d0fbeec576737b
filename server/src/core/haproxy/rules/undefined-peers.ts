import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { sectionReferenceRule } from './section-reference.js';
import { wordAfter } from './symbol-helpers.js';

/**
 * `stick-table … peers <name>` naming no `peers` section: `haproxy -c` rejects it ("unable to find
 * sync peers").
 */
export const undefinedPeers: Rule<HaproxyRuleContext> = sectionReferenceRule({
  code: 'undefined-peers',
  kind: 'peers',
  severity: 'error',
  summary: 'A stick-table synchronises with a peers section that does not exist.',
  *collect(symbols) {
    for (const proxy of symbols.proxies) {
      for (const statement of proxy.statements('stick-table')) {
        const name = wordAfter(statement, 'peers')?.value;
        if (name) yield { word: name, via: 'stick-table' };
      }
    }
  },
});
