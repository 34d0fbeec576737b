import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { sectionReferenceRule } from './section-reference.js';

/**
 * `log ring@<name>` naming no `ring` section. HAProxy 2.6 `-c` lets it through, so this is only a
 * warning: the log lines are lost.
 */
export const undefinedRing: Rule<HaproxyRuleContext> = sectionReferenceRule({
  code: 'undefined-ring',
  kind: 'ring',
  severity: 'warning',
  summary: 'log ring@<name> names a ring section that does not exist.',
  *collect(table) {
    const live = table.references('ring').filter((site) => !site.dead);
    // The global log lines first, then the proxies'.
    for (const site of live) {
      if (site.section.type === 'global') yield { site, via: 'log' };
    }
    for (const site of live) {
      if (table.symbols.proxyOf(site.section)) yield { site, via: 'log' };
    }
  },
});
