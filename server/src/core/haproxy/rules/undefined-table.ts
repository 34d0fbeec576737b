import type { Rule } from '../../common/rule.js';
import type { Statement, Word } from '../ast.js';
import type { HaproxyReferences } from '../analysis/references.js';
import { isDynamicName, type ProxySymbol } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import {
  describeProxy,
  didYouMean,
  proxyReferences,
  referencesOf,
  wordFixes,
} from './symbol-helpers.js';

/** The `track-scN` word of a tracking rule without `table <name>`: it uses the proxy's own table. */
function ownTableTracking(statement: Statement): Word | undefined {
  const action = statement.args.find((word) => /^track-sc\d+$/.test(word.value));
  if (!action) return undefined;
  const marker = statement.args.findIndex((word) => word.value === 'table');
  return marker === -1 || statement.args[marker + 1] === undefined ? action : undefined;
}

/** Rule sets whose actions may track a sticky counter. */
const TRACKING = [
  'http-request',
  'http-response',
  'http-after-response',
  'tcp-request',
  'tcp-response',
];

/**
 * `track-scN … table <name>`, `stick … table <name>` and the table argument of the sample fetches
 * and converters that read a stick table naming no stick table: `haproxy -c` rejects them
 * ("unable to find table"). A table is a proxy with a `stick-table` line, or `<peers>/<table>` for
 * a `table` declared in a `peers` section. A bare `track-scN` needs the proxy's own table.
 */
export const undefinedTable: Rule<HaproxyRuleContext> = {
  code: 'undefined-table',
  defaultSeverity: 'error',
  summary: 'A tracking or stick rule names a stick table that does not exist.',
  check(context, report) {
    const table = referencesOf(context);
    let names: string[] | undefined;
    const candidates = (): string[] => (names ??= table.liveNames('table'));
    for (const proxy of table.symbols.proxies) ownTables(table, proxy, report);
    for (const { site, proxy } of proxyReferences(table, 'table')) {
      const word = site.word;
      if (site.origin === 'sample') {
        if (word.hasVariable || word.template) continue;
        const written = site.qualified ?? site;
        const name = site.qualified?.text ?? site.name;
        if (name.includes('$') || table.resolve(site).length > 0) continue;
        report({
          message: `${describeProxy(proxy)} reads stick table '${name}' in a sample fetch, but no proxy with a stick-table (nor peers table) has that name.`,
          start: written.start,
          end: written.end,
          fixes: site.exact ? didYouMean(name, written.start, written.end, candidates()) : [],
        });
        continue;
      }
      if (isDynamicName(word) || table.resolve(site).length > 0) continue;
      report({
        message: `${describeProxy(proxy)} uses stick table '${word.value}', but no proxy with a stick-table (nor peers table) has that name.`,
        start: word.start,
        end: word.end,
        fixes: wordFixes(word, candidates()),
      });
    }
  },
};

/**
 * Bare `track-scN` actions of a proxy without a stick table. Rules of a defaults section resolve
 * against the defaults section itself, which can never hold a stick-table: HAProxy rejects a bare
 * track-scN there too.
 */
function ownTables(
  table: HaproxyReferences,
  proxy: ProxySymbol,
  report: Parameters<Rule<HaproxyRuleContext>['check']>[1],
): void {
  const { activity } = table.symbols;
  if (table.tablesOf(proxy.section).some((line) => activity.isLive(line.branch))) return;
  for (const keyword of TRACKING) {
    for (const statement of proxy.statements(keyword)) {
      const action = ownTableTracking(statement);
      if (!action) continue;
      report({
        message: `${describeProxy(proxy)} tracks with '${action.value}' without 'table', but has no stick-table of its own.`,
        start: action.start,
        end: action.end,
      });
    }
  }
}
