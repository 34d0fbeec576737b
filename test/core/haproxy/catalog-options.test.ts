import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareVersions } from '../../../server/src/core/common/catalog.js';
import { ACTIONS } from '../../../server/src/core/haproxy/catalog/actions.js';
import { BIND_OPTIONS } from '../../../server/src/core/haproxy/catalog/bind-options.js';
import { SERVER_OPTIONS } from '../../../server/src/core/haproxy/catalog/server-options.js';
import type {
  ActionSpec,
  EntryBase,
  OptionSpec,
  RuleSet,
} from '../../../server/src/core/haproxy/catalog/types.js';
import { reportSharedMissing, sharedDir } from '../../helpers/paths.js';

/** Data file tag → version used for availability checks. */
const VERSIONS: readonly (readonly [string, string])[] = [
  ['v2.6.0', '2.6'],
  ['deb-2.6.12', '2.6.12'],
  ['v2.8.0', '2.8'],
  ['v3.0.0', '3.0'],
  ['v3.2.0', '3.2'],
  ['v3.4.0', '3.4'],
];

interface KeywordData {
  readonly bind_options: readonly string[];
  readonly server_options: readonly string[];
  readonly actions_matrix?: readonly { readonly kw: string; readonly cols: readonly string[] }[];
}

function loadData(tag: string): KeywordData | undefined {
  if (sharedDir === undefined) return undefined;
  const file = join(sharedDir, 'data', `haproxy-${tag}-keywords.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as KeywordData;
}

function available(entry: EntryBase, version: string): boolean {
  if (entry.since !== undefined && compareVersions(entry.since, version) > 0) return false;
  if (entry.removed !== undefined && compareVersions(entry.removed.since, version) <= 0) {
    return false;
  }
  return true;
}

function rulesetsAt(action: ActionSpec, version: string): Set<RuleSet> {
  const out = new Set<RuleSet>();
  if (!available(action, version)) return out;
  for (const r of action.rulesets) {
    const since = action.rulesetSince?.[r];
    if (since === undefined || compareVersions(since, version) <= 0) out.add(r);
  }
  return out;
}

const CODES: Record<string, RuleSet> = {
  Q: 'quic-initial',
  C: 'tcp-request connection',
  S: 'tcp-request session',
  T: 'tcp-request content',
  R: 'tcp-response content',
  H: 'http-request',
  P: 'http-response',
  A: 'http-after-response',
};
const MATRIX_COLUMNS_8: readonly RuleSet[] = [
  'quic-initial',
  'tcp-request connection',
  'tcp-request session',
  'tcp-request content',
  'tcp-response content',
  'http-request',
  'http-response',
  'http-after-response',
];
const RULE_ACTION_SETS = new Set<RuleSet>(MATRIX_COLUMNS_8);

/**
 * Rule sets of each action in HAProxy 2.6, extracted from the 2.6 manual (section 4.2 entries
 * `http-request <action>`, `tcp-request connection <action>`, …) and from `haproxy -dKall` of
 * Debian 2.6.12 (`ot-group` only exists there). Codes: H http-request, P http-response,
 * A http-after-response, C/S/T tcp-request connection/session/content, R tcp-response content.
 */
const EXPECTED_2_6: Readonly<Record<string, string>> = {
  accept: 'CSTR',
  'add-acl': 'HP',
  'add-header': 'HPA',
  allow: 'HPA',
  auth: 'H',
  'cache-store': 'P',
  'cache-use': 'H',
  capture: 'HPAT',
  close: 'R',
  'del-acl': 'HP',
  'del-header': 'HPA',
  'del-map': 'HP',
  deny: 'HP',
  'disable-l7-retry': 'H',
  'do-resolve': 'HT',
  'early-hint': 'H',
  'expect-netscaler-cip': 'C',
  'expect-proxy': 'C',
  'normalize-uri': 'H',
  'ot-group': 'HPATR',
  redirect: 'HP',
  reject: 'HCSTR',
  'replace-header': 'HPA',
  'replace-path': 'H',
  'replace-pathq': 'H',
  'replace-uri': 'H',
  'replace-value': 'HPA',
  return: 'HP',
  'sc-inc-gpc': 'HPCSTR',
  'sc-inc-gpc0': 'HPCSTR',
  'sc-inc-gpc1': 'HPCSTR',
  'sc-set-gpt': 'HPCSTR',
  'sc-set-gpt0': 'HPCSTR',
  'send-spoe-group': 'HPTR',
  'set-dst': 'HCST',
  'set-dst-port': 'HCST',
  'set-header': 'HPA',
  'set-log-level': 'HPTR',
  'set-map': 'HP',
  'set-mark': 'HPCSTR',
  'set-method': 'H',
  'set-nice': 'HPTR',
  'set-path': 'H',
  'set-pathq': 'H',
  'set-priority-class': 'HT',
  'set-priority-offset': 'HT',
  'set-query': 'H',
  'set-src': 'HCST',
  'set-src-port': 'HCST',
  'set-status': 'PA',
  'set-timeout': 'H',
  'set-tos': 'HPCSTR',
  'set-uri': 'H',
  'set-var': 'HPACSTR',
  'set-var-fmt': 'HPACSTR',
  'silent-drop': 'HPCSTR',
  'strict-mode': 'HPA',
  'switch-mode': 'T',
  tarpit: 'H',
  'track-sc0': 'HPCST',
  'track-sc1': 'HPCST',
  'track-sc2': 'HPCST',
  'unset-var': 'HPACSTR',
  'use-service': 'HT',
  'wait-for-body': 'HP',
  'wait-for-handshake': 'H',
};

function decode(codes: string): Set<RuleSet> {
  return new Set([...codes].map((c) => CODES[c]).filter((r): r is RuleSet => r !== undefined));
}

/** Rule-action rule sets of all entries with that name at a version. */
function actionRulesets(name: string, version: string): Set<RuleSet> {
  const out = new Set<RuleSet>();
  for (const a of ACTIONS.filter((e) => e.name === name)) {
    for (const r of rulesetsAt(a, version)) if (RULE_ACTION_SETS.has(r)) out.add(r);
  }
  return out;
}

function sorted(s: Set<RuleSet>): RuleSet[] {
  return [...s].sort();
}

/** Options the binaries register (haproxy -dKall) but the per-version keyword lists lack. */
const SERVER_EXTRAS = ['no-check-send-proxy', 'resolve-opts', 'usesrc'];

test('every bind option of the data is catalogued and available at its version', (t) => {
  if (sharedDir === undefined) return reportSharedMissing('catalog-options');
  const byName = new Map(BIND_OPTIONS.map((o) => [o.name, o]));
  for (const [tag, version] of VERSIONS) {
    const data = loadData(tag);
    assert.ok(data, tag);
    for (const name of data.bind_options) {
      const entry = byName.get(name);
      assert.ok(entry, `bind option ${name} (${tag}) missing`);
      assert.ok(available(entry, version), `bind option ${name} not available at ${tag}`);
    }
    t.diagnostic(`${tag}: ${data.bind_options.length} bind options in the data`);
  }
});

test('every server option of the data is catalogued and available at its version', (t) => {
  if (sharedDir === undefined) return reportSharedMissing('catalog-options');
  const byName = new Map(SERVER_OPTIONS.map((o) => [o.name, o]));
  for (const [tag, version] of VERSIONS) {
    const data = loadData(tag);
    assert.ok(data, tag);
    for (const name of data.server_options) {
      const entry = byName.get(name);
      assert.ok(entry, `server option ${name} (${tag}) missing`);
      assert.ok(available(entry, version), `server option ${name} not available at ${tag}`);
    }
    t.diagnostic(`${tag}: ${data.server_options.length} server options in the data`);
  }
});

test('catalogued options that are not in the keyword lists are registered by 2.6.12', () => {
  if (sharedDir === undefined) return reportSharedMissing('catalog-options');
  const dump = readFileSync(join(sharedDir, 'data', 'haproxy-2.6.12-dKall.txt'), 'utf8');
  for (const name of SERVER_EXTRAS) {
    assert.ok(
      SERVER_OPTIONS.some((o) => o.name === name),
      name,
    );
    assert.match(dump, new RegExp(`server <name> <addr> ${name}\\b`), name);
  }
});

test('options removed or deprecated carry their lifecycle', () => {
  const bind = new Map(BIND_OPTIONS.map((o) => [o.name, o]));
  assert.equal(bind.get('process')?.removed?.replacement, 'thread');
  assert.ok(!available(bind.get('process') as OptionSpec, '2.8'));
  assert.ok(available(bind.get('process') as OptionSpec, '2.6'));
  assert.ok(available(bind.get('ocsp-update') as OptionSpec, '2.8'));
  assert.ok(!available(bind.get('ocsp-update') as OptionSpec, '3.0'));
  assert.deepEqual(bind.get('ssl-min-ver')?.args[0]?.values, [
    'SSLv3',
    'TLSv1.0',
    'TLSv1.1',
    'TLSv1.2',
    'TLSv1.3',
  ]);
  assert.deepEqual(bind.get('verify')?.args[0]?.values, ['none', 'optional', 'required']);
  assert.deepEqual(bind.get('level')?.args[0]?.values, ['user', 'operator', 'admin']);
});

test('server options: default-server, negatable forms and argument shapes', () => {
  const server = new Map(SERVER_OPTIONS.map((o) => [o.name, o]));
  assert.equal(server.get('id')?.defaultServer, false);
  assert.equal(server.get('check')?.defaultServer, true);
  for (const o of SERVER_OPTIONS) {
    if (o.negatable) assert.ok(server.has(`no-${o.name}`), `no-${o.name} should be listed`);
  }
  for (const base of ['check', 'backup', 'ssl', 'send-proxy', 'agent-check', 'tfo']) {
    assert.equal(server.get(base)?.negatable, true, base);
  }
  assert.deepEqual(server.get('weight')?.args[0], {
    name: 'weight',
    type: 'int',
    min: 0,
    max: 256,
    check: { kind: 'atol', min: 0, max: 256, optional: true },
  });
  assert.equal(server.get('resolvers')?.args[0]?.refers, 'resolvers');
  assert.equal(server.get('track')?.args[0]?.refers, 'server');
  assert.equal(server.get('inter')?.args[0]?.type, 'time');
});

test('every 3.0+ actions-matrix action has exactly the rule sets its columns mark', (t) => {
  if (sharedDir === undefined) return reportSharedMissing('catalog-options');
  for (const [tag, version] of VERSIONS) {
    const data = loadData(tag);
    assert.ok(data, tag);
    const matrix = data.actions_matrix;
    if (matrix === undefined) continue;
    for (const row of matrix) {
      // `expect-proxy layer4` → action `expect-proxy`; `set-mark (deprecated)` → `set-mark`.
      const name = row.kw.replace(' (deprecated)', '').split(' ')[0] ?? row.kw;
      const columns = row.cols.length === 8 ? MATRIX_COLUMNS_8 : MATRIX_COLUMNS_8.slice(1);
      const expected = new Set(columns.filter((_, i) => row.cols[i] === 'X'));
      assert.deepEqual(
        sorted(actionRulesets(name, version)),
        sorted(expected),
        `${name} at ${tag}`,
      );
    }
    t.diagnostic(`${tag}: ${matrix.length} actions in the matrix`);
  }
});

test('2.6 actions (from the 2.6 manual and -dKall) have exactly the expected rule sets', () => {
  for (const [name, codes] of Object.entries(EXPECTED_2_6)) {
    assert.deepEqual(sorted(actionRulesets(name, '2.6')), sorted(decode(codes)), name);
  }
  // Nothing else claims to exist in 2.6.
  const extra = new Set(
    ACTIONS.filter((a) => [...rulesetsAt(a, '2.6')].some((r) => RULE_ACTION_SETS.has(r)))
      .map((a) => a.name)
      .filter((n) => !(n in EXPECTED_2_6)),
  );
  assert.deepEqual([...extra], []);
});

test('check directives and lifecycle of actions', () => {
  const names = (rs: RuleSet): string[] =>
    ACTIONS.filter((a) => a.rulesets.includes(rs))
      .map((a) => a.name)
      .sort();
  assert.deepEqual(names('http-check'), [
    'comment',
    'connect',
    'disable-on-404',
    'expect',
    'send',
    'send-state',
    'set-var',
    'set-var-fmt',
    'unset-var',
  ]);
  assert.deepEqual(names('tcp-check'), [
    'comment',
    'connect',
    'expect',
    'send',
    'send-binary',
    'send-binary-lf',
    'send-lf',
    'set-var',
    'set-var-fmt',
    'unset-var',
  ]);
  const byName = new Map(ACTIONS.map((a) => [a.name, a]));
  assert.equal(byName.get('set-mark')?.deprecated?.replacement, 'set-fc-mark');
  assert.equal(byName.get('set-tos')?.deprecated?.replacement, 'set-fc-tos');
  for (const f of ['accept', 'reject', 'deny', 'allow', 'tarpit', 'redirect', 'return']) {
    assert.equal(byName.get(f)?.final, true, f);
  }
  assert.equal(byName.get('set-header')?.final, undefined);
  assert.equal(byName.get('attach-srv')?.experimental, true);
});

function checkEntries(kind: string, entries: readonly EntryBase[]): void {
  for (const e of entries) {
    assert.ok(e.summary.length > 3, `${kind} ${e.name}: summary`);
    assert.ok(e.description.length > e.summary.length / 2, `${kind} ${e.name}: description`);
    assert.match(
      e.docUrl,
      /^https:\/\/(docs\.haproxy\.org\/\d\.\d\/configuration\.html#\d+(\.\d+)*-\S+|github\.com\/haproxy\/haproxy\/\S+)$/,
      `${kind} ${e.name}: docUrl`,
    );
  }
}

test('entries have summaries, descriptions and documentation links; names are unique', () => {
  checkEntries('bind', BIND_OPTIONS);
  checkEntries('server', SERVER_OPTIONS);
  checkEntries('action', ACTIONS);
  assert.equal(new Set(BIND_OPTIONS.map((o) => o.name)).size, BIND_OPTIONS.length);
  assert.equal(new Set(SERVER_OPTIONS.map((o) => o.name)).size, SERVER_OPTIONS.length);
  const pairs = ACTIONS.flatMap((a) => a.rulesets.map((r) => `${r} ${a.name}`));
  assert.equal(new Set(pairs).size, pairs.length, 'an action name appears twice in a rule set');
  for (const a of ACTIONS) {
    for (const r of Object.keys(a.rulesetSince ?? {})) {
      assert.ok(a.rulesets.includes(r as RuleSet), `${a.name}: rulesetSince ${r}`);
    }
  }
});

test('3.x documentation links point at entries present in that manual version', () => {
  if (sharedDir === undefined) return reportSharedMissing('catalog-options');
  const data = new Map(VERSIONS.map(([tag, v]) => [v, loadData(tag)]));
  for (const [list, key] of [
    [BIND_OPTIONS, 'bind_options'],
    [SERVER_OPTIONS, 'server_options'],
  ] as const) {
    for (const o of list) {
      const version = /docs\.haproxy\.org\/(\d\.\d)\//.exec(o.docUrl)?.[1];
      if (version === undefined || SERVER_EXTRAS.includes(o.name)) continue;
      const names = data.get(version)?.[key];
      assert.ok(names?.includes(o.name), `${o.name}: not in the ${version} data (${o.docUrl})`);
    }
  }
});
