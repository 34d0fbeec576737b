import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-types';
import { SHOW_FINDING_COMMAND } from '../../../server/src/core/features/cluster-code-lens.js';
import { DEFAULT_SETTINGS } from '../../../server/src/core/index.js';
import { inlineCluster, pairConfig, service } from '../../helpers/cluster-nodes.js';

function clusterLenses(cluster: ReturnType<typeof inlineCluster>, node: string): CodeLens[] {
  const document = cluster.nodes[node]?.document;
  assert.ok(document);
  return (
    service
      .getCodeLenses(document, { settings: DEFAULT_SETTINGS, cluster: cluster.analysis })
      // The single-document lenses (keepalived-code-lens.test.ts) are not under test here.
      .filter((lens) => isClusterTitle(lens.command?.title ?? ''))
  );
}

function titles(cluster: ReturnType<typeof inlineCluster>, node: string): string[] {
  return clusterLenses(cluster, node).map((lens) => lens.command?.title ?? '');
}

function isClusterTitle(title: string): boolean {
  return /· (failover|no master|no clear master)|^split: /.test(title);
}

/** Inserts `lines` into the instance, after its `virtual_router_id` line. */
function withInstanceLines(config: string, ...lines: string[]): string {
  return config.replace(
    'virtual_router_id 51\n',
    `virtual_router_id 51\n${lines.map((line) => `    ${line}\n`).join('')}`,
  );
}

test('cluster code lens: roles, effective priorities and a working failover', () => {
  const cluster = inlineCluster({
    lb1: pairConfig(101, 'MASTER', 2),
    lb2: pairConfig(100, 'BACKUP', 2),
  });
  const expected = 'MASTER lb1 (103) · BACKUP lb2 (102) · failover OK';
  assert.deepEqual(titles(cluster, 'lb1'), [expected]);
  assert.deepEqual(titles(cluster, 'lb2'), [expected]);
  const document = cluster.nodes.lb1?.document;
  assert.ok(document);
  const [lens] = service
    .getCodeLenses(document, { settings: DEFAULT_SETTINGS, cluster: cluster.analysis })
    .filter((found) => isClusterTitle(found.command?.title ?? ''));
  // Above the `vrrp_instance` line (after global_defs and the script).
  assert.equal(lens?.range.start.line, 9);
  assert.equal(lens?.command?.command, '');
});

test('cluster code lens: a weight that cannot move the VIP breaks failover', () => {
  const cluster = inlineCluster({
    lb1: pairConfig(110, 'MASTER', 2),
    lb2: pairConfig(100, 'BACKUP', 2),
  });
  assert.ok(cluster.analysis.issues.some((issue) => issue.code === 'failover-weight'));
  const expected = 'MASTER lb1 (112) · BACKUP lb2 (102) · failover broken: see problems';
  assert.deepEqual(titles(cluster, 'lb1'), [expected]);
  assert.deepEqual(titles(cluster, 'lb2'), [expected]);
  // "see problems" is a link: the lens reveals the finding, here in lb1's file.
  const [lens] = clusterLenses(cluster, 'lb1');
  assert.equal(lens?.command?.command, SHOW_FINDING_COMMAND);
  const [uri, range] = (lens?.command?.arguments ?? []) as [string, CodeLens['range']];
  assert.equal(uri, 'file:///lb1/keepalived.conf');
  const finding = cluster.analysis.issues.find((issue) => issue.code === 'failover-weight');
  assert.equal(
    range.start.line,
    cluster.nodes.lb1?.document.lineIndex.positionAt(finding?.start ?? 0).line,
  );
});

test('cluster code lens: differing virtual_router_id is a split, not an election', () => {
  const cluster = inlineCluster({
    lb1: pairConfig(101, 'MASTER', 2),
    lb2: pairConfig(100, 'BACKUP', 2).replace('virtual_router_id 51', 'virtual_router_id 52'),
  });
  assert.ok(cluster.analysis.issues.some((issue) => issue.code === 'vrid-mismatch'));
  const expected = 'split: lb1 MASTER | lb2 MASTER — see vrid-mismatch';
  assert.deepEqual(titles(cluster, 'lb1'), [expected]);
  assert.deepEqual(titles(cluster, 'lb2'), [expected]);
  // The lens on lb2 reveals lb2's own finding, on its virtual_router_id line.
  const [lens] = clusterLenses(cluster, 'lb2');
  assert.equal(lens?.command?.command, SHOW_FINDING_COMMAND);
  const [uri, range] = (lens?.command?.arguments ?? []) as [string, CodeLens['range']];
  assert.equal(uri, 'file:///lb2/keepalived.conf');
  assert.equal(range.start.line, 12);
});

test('cluster code lens: members hearing each other elect within their part', () => {
  const cluster = inlineCluster({
    lb1: pairConfig(101, 'MASTER', 2),
    lb2: pairConfig(100, 'BACKUP', 2),
    lb3: pairConfig(99, 'BACKUP', 2).replace('virtual_router_id 51', 'virtual_router_id 52'),
  });
  assert.deepEqual(titles(cluster, 'lb3'), [
    'split: lb1 MASTER, lb2 BACKUP | lb3 MASTER — see vrid-mismatch',
  ]);
});

test('cluster code lens: different auth_pass values split the group', () => {
  const cluster = inlineCluster({
    lb1: withInstanceLines(
      pairConfig(101, 'MASTER', 2),
      'authentication {',
      '    auth_type PASS',
      '    auth_pass secret1',
      '}',
    ),
    lb2: withInstanceLines(
      pairConfig(100, 'BACKUP', 2),
      'authentication {',
      '    auth_type PASS',
      '    auth_pass secret2',
      '}',
    ),
  });
  assert.deepEqual(titles(cluster, 'lb1'), ['split: lb1 MASTER | lb2 MASTER — see auth-mismatch']);
});

test('cluster code lens: different VRRP versions split the group', () => {
  const cluster = inlineCluster({
    lb1: pairConfig(101, 'MASTER', 2),
    lb2: withInstanceLines(pairConfig(100, 'BACKUP', 2), 'version 3'),
  });
  assert.deepEqual(titles(cluster, 'lb2'), [
    'split: lb1 MASTER | lb2 MASTER — see version-mismatch',
  ]);
});

test('cluster code lens: unicast on one node and multicast on the other split the group', () => {
  const cluster = inlineCluster({
    lb1: withInstanceLines(
      pairConfig(101, 'MASTER', 2),
      'unicast_src_ip 10.0.0.1',
      'unicast_peer {',
      '    10.0.0.2',
      '}',
    ),
    lb2: pairConfig(100, 'BACKUP', 2),
  });
  assert.deepEqual(titles(cluster, 'lb1'), [
    'split: lb1 MASTER | lb2 MASTER — see unicast-mismatch',
  ]);
});

test('cluster code lens: only groups spanning nodes, only with an analysis', () => {
  const single = inlineCluster({ lb1: pairConfig(101, 'MASTER', 2) });
  assert.deepEqual(titles(single, 'lb1'), []);
  const pair = inlineCluster({
    lb1: pairConfig(101, 'MASTER', 2),
    lb2: pairConfig(100, 'BACKUP', 2),
  });
  const document = pair.nodes.lb1?.document;
  assert.ok(document);
  const titlesAlone = service
    .getCodeLenses(document, { settings: DEFAULT_SETTINGS })
    .map((lens) => lens.command?.title ?? '');
  assert.deepEqual(titlesAlone.filter(isClusterTitle), []);
});

test('cluster code lens: a failover-weight finding of another group does not count', () => {
  const second = (priority: number, state: 'MASTER' | 'BACKUP'): string =>
    [
      'vrrp_instance VI_2 {',
      `    state ${state}`,
      '    interface eth0',
      '    virtual_router_id 52',
      `    priority ${priority}`,
      '    virtual_ipaddress {',
      '        10.0.0.200/24',
      '    }',
      '}',
      '',
    ].join('\n');
  const cluster = inlineCluster({
    lb1: pairConfig(110, 'MASTER', 2) + second(150, 'MASTER'),
    lb2: pairConfig(100, 'BACKUP', 2) + second(100, 'BACKUP'),
  });
  assert.deepEqual(titles(cluster, 'lb1'), [
    'MASTER lb1 (112) · BACKUP lb2 (102) · failover broken: see problems',
    'MASTER lb1 (150) · BACKUP lb2 (100) · failover OK',
  ]);
});
