/**
 * The rule sets each HAProxy action belongs to, per version: 2.6 from the manual's section 4.2
 * entries (`http-request set-header …`) and `haproxy -dKall` of Debian 2.6.12; 3.0, 3.2 and 3.4
 * from the actions matrix (section 4.3), with the errata and add-ons listed below.
 *
 * `catalog/actions.ts` is written by hand (arguments, summaries and descriptions need our
 * words), not generated; `test/scripts/generate.test.ts` checks its rule sets against these
 * facts. Run this file to print them as JSON:
 *
 *   npx tsx scripts/generate/haproxy-action-facts.ts
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SharedPaths } from './common.js';
import { byCodePoint, readJson, readText, sharedPaths } from './common.js';

/** The rule sets an action can belong to. */
export type ActionRuleSet =
  | 'quic-initial'
  | 'tcp-request connection'
  | 'tcp-request session'
  | 'tcp-request content'
  | 'tcp-response content'
  | 'http-request'
  | 'http-response'
  | 'http-after-response';

/** Rule sets whose actions the 2.6 manual and dump list as `<rule set> <action>`. */
const RULESETS_2_6: readonly ActionRuleSet[] = [
  'http-request',
  'http-response',
  'http-after-response',
  'tcp-request connection',
  'tcp-request session',
  'tcp-request content',
  'tcp-response content',
];
/** Columns of the actions matrix; matrices of 7 columns predate `quic-initial`. */
const MATRIX_COLUMNS: readonly ActionRuleSet[] = [
  'quic-initial',
  'tcp-request connection',
  'tcp-request session',
  'tcp-request content',
  'tcp-response content',
  'http-request',
  'http-response',
  'http-after-response',
];
/** Versions whose keyword data carry an actions matrix. */
const MATRIX_VERSIONS = ['3.0', '3.2', '3.4'];

/**
 * Rows a matrix leaves out although the action exists: the 3.0 matrix has rows for `track-sc1`
 * and `track-sc2` but none for `track-sc0`, which 2.6 and 3.2 list with the same rule sets.
 * (version, missing action, action whose row it shares).
 */
const MATRIX_ERRATA: readonly (readonly [string, string, string])[] = [
  ['3.0', 'track-sc0', 'track-sc1'],
];

/**
 * Actions of add-ons, which the matrices (core actions only) never list: `ot-group` comes with
 * the OpenTracing add-on (documented in its own README). They keep the rule sets the 2.6.12
 * dump gives them in every later version.
 */
const ADDON_ACTIONS: readonly string[] = ['ot-group'];

/** Action name → version → its rule sets, sorted. */
export type ActionFacts = ReadonlyMap<string, ReadonlyMap<string, readonly ActionRuleSet[]>>;

/**
 * The action named by a manual heading, a dump line or a matrix row: without `(deprecated)`,
 * parenthesised arguments (`set-var(<name>)`), the dump's `*` marker or a following word
 * (`expect-proxy layer4`, whose `layer4` is an argument).
 */
function actionName(text: string): string {
  return (
    text.replace(' (deprecated)', '').replace(/\(.*$/, '').replace(/\*$/, '').split(' ')[0] ?? ''
  );
}

/** A lower-case action word; the manual's matrices and prose also start lines with rule sets. */
const ACTION_WORD = /^[a-z][a-z0-9-]*$/;

/** Every action's rule sets at 2.6, 3.0, 3.2 and 3.4. */
export function actionFacts(shared: SharedPaths): ActionFacts {
  const found = new Map<string, Map<string, Set<ActionRuleSet>>>();
  const add = (name: string, version: string, ruleset: ActionRuleSet): void => {
    if (!ACTION_WORD.test(name)) return;
    const versions = found.get(name) ?? new Map<string, Set<ActionRuleSet>>();
    const sets = versions.get(version) ?? new Set<ActionRuleSet>();
    sets.add(ruleset);
    versions.set(version, sets);
    found.set(name, versions);
  };
  const fromRuleLine = (line: string): void => {
    for (const ruleset of RULESETS_2_6) {
      if (!line.startsWith(`${ruleset} `)) continue;
      const word = line
        .slice(ruleset.length + 1)
        .trim()
        .split(/\s+/)[0];
      // `tcp-request inspect-delay` is a proxy keyword; `<action>` a placeholder.
      if (word === undefined || word === '' || word.startsWith('<') || word === 'inspect-delay') {
        continue;
      }
      const name = actionName(word);
      // The dump writes `track-sc*` once for the three counters.
      const names = name === 'track-sc' ? ['track-sc0', 'track-sc1', 'track-sc2'] : [name];
      for (const n of names) add(n, '2.6', ruleset);
    }
  };
  for (const line of readText(shared.manual('2.6')).split('\n')) fromRuleLine(line);
  for (const line of readText(shared.data('haproxy-2.6.12-dKall.txt')).split('\n')) {
    fromRuleLine(line.trim());
  }
  for (const version of MATRIX_VERSIONS) {
    const data = readJson<{ actions_matrix: readonly { kw: string; cols: readonly string[] }[] }>(
      shared.data(`haproxy-v${version}.0-keywords.json`),
    );
    for (const row of data.actions_matrix) {
      const columns = row.cols.length === 8 ? MATRIX_COLUMNS : MATRIX_COLUMNS.slice(1);
      columns.forEach((ruleset, i) => {
        if (row.cols[i] === 'X') add(actionName(row.kw), version, ruleset);
      });
    }
  }
  for (const [version, name, twin] of MATRIX_ERRATA) {
    for (const ruleset of found.get(twin)?.get(version) ?? []) add(name, version, ruleset);
  }
  for (const name of ADDON_ACTIONS) {
    const sets = found.get(name)?.get('2.6') ?? new Set<ActionRuleSet>();
    for (const version of MATRIX_VERSIONS) for (const ruleset of sets) add(name, version, ruleset);
  }
  const facts = new Map<string, Map<string, readonly ActionRuleSet[]>>();
  for (const name of [...found.keys()].sort(byCodePoint)) {
    const versions = new Map<string, readonly ActionRuleSet[]>();
    for (const [version, sets] of found.get(name) ?? []) {
      versions.set(version, [...sets].sort(byCodePoint));
    }
    facts.set(name, versions);
  }
  return facts;
}

function main(): void {
  const facts = actionFacts(sharedPaths(process.argv[2]));
  const json = Object.fromEntries(
    [...facts].map(([name, versions]) => [name, Object.fromEntries(versions)]),
  );
  console.log(JSON.stringify(json, null, 1));
}

const invoked = process.argv[1];
if (invoked !== undefined && resolve(invoked) === fileURLToPath(import.meta.url)) main();
