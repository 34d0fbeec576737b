import type { Rule } from '../../common/rule.js';
import type { Statement, Word } from '../ast.js';
import { isDynamicName, type HaproxySymbols } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, didYouMean, symbolsOf, wordAfter, wordFixes } from './symbol-helpers.js';

/** Keywords whose `table <name>` argument names a stick table. */
const TABLE_USERS = [
  'http-request',
  'http-response',
  'http-after-response',
  'tcp-request',
  'tcp-response',
  'stick',
  'stick-store-request',
  'stick-store-response',
];

/** Every stick table name: proxies with a `stick-table` line, and `<peers>/<table>`. */
function tableNames(symbols: HaproxySymbols): Set<string> {
  const names = new Set<string>();
  for (const proxy of symbols.proxies) {
    if (
      proxy.kind !== 'defaults' &&
      proxy.name !== undefined &&
      proxy.statements('stick-table').length > 0
    ) {
      names.add(proxy.name);
    }
  }
  for (const peers of new Set(symbols.names('peers'))) {
    for (const section of symbols.sectionsNamed('peers', peers)) {
      for (const item of section.items) {
        if (item.kind !== 'statement' || item.keyword.value !== 'table') continue;
        if (!symbols.activity.isLive(item.branch)) continue;
        const name = item.args[0]?.value;
        if (name !== undefined) names.add(`${peers}/${name}`);
      }
    }
  }
  return names;
}

/**
 * Table arguments of sample fetches and converters in one word (`sc_*`, `scN_*`, `src_*`,
 * `table_*`): the first argument that is not a number, since the general-purpose counter index
 * and the tracking counter number that may precede it always are.
 */
function* fetchTables(text: string): Iterable<{ name: string; index: number }> {
  const pattern = /\b(sc[0-9]_\w+|src_\w+|table_\w+|sc_\w+)\(([^()]*)\)/g;
  for (const match of text.matchAll(pattern)) {
    let index = (match.index ?? 0) + (match[1] ?? '').length + 1;
    for (const arg of (match[2] ?? '').split(',')) {
      const name = arg.trim();
      if (name !== '' && !/^\d+$/.test(name)) {
        if (!name.includes('$')) yield { name, index: index + arg.indexOf(name) };
        break;
      }
      index += arg.length + 1;
    }
  }
}

/** The `table <name>` word of a tracking or stick rule, if any; `own` for a bare `track-scN`. */
function tableWord(statement: Statement): Word | 'own' | undefined {
  const tracking = statement.args.find((word) => /^track-sc\d+$/.test(word.value));
  const sticking =
    statement.keyword.value.startsWith('stick') &&
    statement.args.some((word) => /^(?:on|match|store-request|store-response)$/.test(word.value));
  if (!tracking && !sticking) return undefined;
  const named = wordAfter(statement, 'table')?.value;
  // A bare `track-scN` uses the proxy's own table; bare `stick` rules are left alone.
  return named ?? (tracking ? 'own' : undefined);
}

/**
 * `track-scN … table <name>`, `stick … table <name>` and the table argument of `sc_*`, `scN_*`,
 * `src_*` and `table_*` samples naming no stick table: `haproxy -c`
 * rejects them ("unable to find table"). A table is a proxy with a `stick-table` line, or
 * `<peers>/<table>` for a `table` declared in a `peers` section.
 */
export const undefinedTable: Rule<HaproxyRuleContext> = {
  code: 'undefined-table',
  defaultSeverity: 'error',
  summary: 'A tracking or stick rule names a stick table that does not exist.',
  check(context, report) {
    const symbols = symbolsOf(context);
    let names: Set<string> | undefined;
    for (const proxy of symbols.proxies) {
      for (const keyword of TABLE_USERS) {
        for (const statement of proxy.statements(keyword)) {
          const word = tableWord(statement);
          if (word === 'own') {
            // Rules of a defaults section resolve against the defaults section itself, which can
            // never hold a stick-table: HAProxy rejects a bare track-scN there too.
            if (proxy.statements('stick-table').length > 0) continue;
            const action = statement.args.find((w) => /^track-sc\d+$/.test(w.value));
            if (!action) continue;
            report({
              message: `${describeProxy(proxy)} tracks with '${action.value}' without 'table', but has no stick-table of its own.`,
              start: action.start,
              end: action.end,
            });
            continue;
          }
          if (!word || isDynamicName(word)) continue;
          names ??= tableNames(symbols);
          if (names.has(word.value)) continue;
          report({
            message: `${describeProxy(proxy)} uses stick table '${word.value}', but no proxy with a stick-table (nor peers table) has that name.`,
            start: word.start,
            end: word.end,
            fixes: wordFixes(word, names),
          });
        }
      }
      for (const statement of proxy.body) {
        for (const word of statement.words) {
          if (!word.value.includes('(') || word.hasVariable || word.template) continue;
          for (const reference of fetchTables(word.value)) {
            names ??= tableNames(symbols);
            if (names.has(reference.name)) continue;
            const start = word.raw === word.value ? word.start + reference.index : word.start;
            const end = word.raw === word.value ? start + reference.name.length : word.end;
            report({
              message: `${describeProxy(proxy)} reads stick table '${reference.name}' in a sample fetch, but no proxy with a stick-table (nor peers table) has that name.`,
              start,
              end,
              fixes: word.raw === word.value ? didYouMean(reference.name, start, end, names) : [],
            });
          }
        }
      }
    }
  },
};
