import type { Rule } from '../../common/rule.js';
import type { ServerSymbol } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './index.js';
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
      const byName = new Map<string, ServerSymbol[]>();
      for (const server of proxy.servers) {
        const name = server.name;
        if (!name || server.template || name.hasVariable || name.template) continue;
        const earlier = byName.get(name.value) ?? [];
        const first = earlier.find(
          (other) => !symbols.activity.exclusive(other.statement.branch, server.statement.branch),
        );
        if (first?.name) {
          report({
            message: `${describeProxy(proxy)} already has a server named '${name.value}'.`,
            start: name.start,
            end: name.end,
            related: [relatedAt(context, first.name, 'first defined here')],
          });
        }
        byName.set(name.value, [...earlier, server]);
      }
    }
  },
};
