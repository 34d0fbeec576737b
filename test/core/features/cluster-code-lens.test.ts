import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../server/src/core/index.js';
import { inlineCluster, pairConfig, service } from '../../helpers/cluster-nodes.js';

function titles(cluster: ReturnType<typeof inlineCluster>, node: string): string[] {
  const document = cluster.nodes[node]?.document;
  assert.ok(document);
  return (
    service
      .getCodeLenses(document, DEFAULT_SETTINGS, cluster.analysis)
      .map((lens) => lens.command?.title ?? '')
      // The single-document lenses (keepalived-code-lens.test.ts) are not under test here.
      .filter(isClusterTitle)
  );
}

function isClusterTitle(title: string): boolean {
  return /· (failover|no master|no clear master)/.test(title);
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
    .getCodeLenses(document, DEFAULT_SETTINGS, cluster.analysis)
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
});

test('cluster code lens: differing virtual_router_id breaks failover', () => {
  const cluster = inlineCluster({
    lb1: pairConfig(101, 'MASTER', 2),
    lb2: pairConfig(100, 'BACKUP', 2).replace('virtual_router_id 51', 'virtual_router_id 52'),
  });
  assert.ok(cluster.analysis.issues.some((issue) => issue.code === 'vrid-mismatch'));
  assert.match(titles(cluster, 'lb2')[0] ?? '', /· failover broken: see problems$/);
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
    .getCodeLenses(document, DEFAULT_SETTINGS)
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
