import { duplicateGroups } from '../../common/duplicates.js';
import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, relatedAt, symbolsOf } from './symbol-helpers.js';

/**
 * Two `server` lines with one name in the same backend: `haproxy -c` rejects it ("another server
 * named … was already defined"). Servers in different arms of one `.if` are alternatives, not
 * duplicates.
 */
export const duplicateServer: Rule<HaproxyRuleContext> = {
  code: 'duplicate-server',
  defaultSeverity: 'error',
  summary: 'Two servers of one backend share a name.',
  check(context, report) {
    const symbols = symbolsOf(context);
    for (const proxy of symbols.proxies) {
      const groups = duplicateGroups(
        proxy.servers,
        (server) => {
          const name = server.name;
          return !name || server.template || name.hasVariable || name.template
            ? undefined
            : name.value;
        },
        (server) => String(server.statement.branch),
        (earlier, later) =>
          !symbols.activity.exclusive(earlier.statement.branch, later.statement.branch),
      );
      for (const { first, duplicates } of groups) {
        if (!first.name) continue;
        for (const server of duplicates) {
          const name = server.name;
          if (!name) continue;
          report({
            message: `${describeProxy(proxy)} already has a server named '${name.value}'.`,
            start: name.start,
            end: name.end,
            related: [relatedAt(context, first.name, 'first defined here')],
          });
        }
      }
    }
  },
};
