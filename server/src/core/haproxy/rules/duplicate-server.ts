import { duplicateGroups } from '../../common/duplicates.js';
import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, referencesOf, relatedAt } from './symbol-helpers.js';

/**
 * Two `server` lines with one name in the same backend: `haproxy -c` rejects it ("another server
 * named … was already defined"). Servers in different arms of one `.if` are alternatives, not
 * duplicates.
 */
export const duplicateServer: Rule<HaproxyRuleContext> = {
  code: 'duplicate-server',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'Two servers of one backend share a name.',
  check(context, report) {
    const table = referencesOf(context);
    const { symbols } = table;
    for (const proxy of symbols.proxies) {
      const servers = table.definitionsIn(proxy.section, 'server').filter((site) => !site.dead);
      const groups = duplicateGroups(
        servers,
        (site) =>
          site.template || site.word.hasVariable || site.word.template ? undefined : site.name,
        (site) => String(site.statement?.branch),
        (earlier, later) =>
          !symbols.activity.exclusive(earlier.statement?.branch, later.statement?.branch),
      );
      for (const { first, duplicates } of groups) {
        for (const server of duplicates) {
          report({
            message: `${describeProxy(proxy)} already has a server named '${server.name}'.`,
            start: server.start,
            end: server.end,
            related: [relatedAt(context, first.word, 'first defined here')],
          });
        }
      }
    }
  },
};
