import type { Rule } from '../../common/rule.js';
import type { ProxySymbol } from '../analysis/symbols.js';
import type { Statement } from '../ast.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, referencesOf, relatedAt } from './symbol-helpers.js';

/**
 * A second `stick-table` named like an earlier one. A proxy's table takes the proxy's name, so two
 * `stick-table` lines in one proxy clash, and so do tables of a frontend and a backend sharing a
 * name: HAProxy refuses the later line ("stick-table name 'x' conflicts with table declared in
 * backend 'x'", 2.6 and 3.0). Lines in exclusive `.if` arms never meet. Tables of `peers`
 * sections are named differently across versions and are left alone.
 */
export const duplicateStickTable: Rule<HaproxyRuleContext> = {
  code: 'duplicate-stick-table',
  defaultSeverity: 'error',
  summary: 'Two stick tables with one name (two in one proxy, or in same-named proxies).',
  check(context, report) {
    const table = referencesOf(context);
    const { symbols } = table;
    const seen = new Map<string, { statement: Statement; owner: ProxySymbol }[]>();
    for (const proxy of symbols.proxies) {
      if (proxy.kind === 'defaults' || proxy.name === undefined) continue;
      const live = table
        .tablesOf(proxy.section)
        .filter((line) => symbols.activity.isLive(line.branch));
      for (const statement of live) {
        const earlier = seen.get(proxy.name) ?? [];
        const first = earlier.find(
          (other) => !symbols.activity.exclusive(other.statement.branch, statement.branch),
        );
        if (first) {
          report({
            message:
              first.owner === proxy
                ? `${describeProxy(proxy)} already has a stick table, named after it: HAProxy refuses a second one in the same proxy.`
                : `The stick table of ${describeProxy(proxy)} is named '${proxy.name}', like the one of ${describeProxy(first.owner)} above: HAProxy refuses a second table with one name.`,
            start: statement.keyword.start,
            end: statement.keyword.end,
            related: [relatedAt(context, first.statement.keyword, 'first table of that name')],
          });
        }
        earlier.push({ statement, owner: proxy });
        seen.set(proxy.name, earlier);
      }
    }
  },
};
