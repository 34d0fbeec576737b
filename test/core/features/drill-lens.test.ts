import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commonFolder, RUN_DRILL_COMMAND } from '../../../server/src/core/features/drill-lens.js';
import { DEFAULT_SETTINGS, type KeepalivedDocument } from '../../../server/src/core/index.js';
import { inlineCluster, pairConfig, service } from '../../helpers/cluster-nodes.js';

function drillLenses(uriOf: (node: string) => string, nodes: Record<string, string>) {
  const documents = Object.entries(nodes).map(
    ([name, text]) =>
      [name, service.parse('keepalived', uriOf(name), text) as KeepalivedDocument] as const,
  );
  const analysis = service.analyseCluster(
    documents.map(([name, document]) => ({ name, haproxy: [], keepalived: [document] })),
    { settings: DEFAULT_SETTINGS },
  );
  const [, first] = documents[0] ?? [];
  assert.ok(first);
  return service
    .getCodeLenses(first, { settings: DEFAULT_SETTINGS, cluster: analysis })
    .filter((lens) => lens.command?.command === RUN_DRILL_COMMAND);
}

test('drill lens: above a vrrp_instance shared by the nodes, with the cluster folder', () => {
  const lenses = drillLenses((node) => `file:///srv/ha/${node}/keepalived.conf`, {
    lb1: pairConfig(110, 'MASTER', -20),
    lb2: pairConfig(100, 'BACKUP', -20),
  });
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0]?.command?.title, 'Run failover drill');
  assert.deepEqual(lenses[0]?.command?.arguments, ['file:///srv/ha/']);
  assert.equal(lenses[0]?.range.start.line, 9, 'on the vrrp_instance line');
});

test('drill lens: none for an instance alone in its group, nor without a shared folder', () => {
  const alone = drillLenses((node) => `file:///srv/ha/${node}/keepalived.conf`, {
    lb1: pairConfig(110, 'MASTER', -20),
  });
  assert.deepEqual(alone, []);
  // Nodes at the root of the file system have no folder to run the lab on.
  const cluster = inlineCluster({
    lb1: pairConfig(110, 'MASTER', -20),
    lb2: pairConfig(100, 'BACKUP', -20),
  });
  const document = cluster.nodes.lb1?.document;
  assert.ok(document);
  const lenses = service
    .getCodeLenses(document, { settings: DEFAULT_SETTINGS, cluster: cluster.analysis })
    .filter((lens) => lens.command?.command === RUN_DRILL_COMMAND);
  assert.deepEqual(lenses, []);
});

test('commonFolder: the deepest folder holding every file', () => {
  assert.equal(
    commonFolder(['file:///a/b/lb1/k.conf', 'file:///a/b/lb2/k.conf', 'file:///a/b/lb2/h.cfg']),
    'file:///a/b/',
  );
  assert.equal(commonFolder(['file:///a/bc/x', 'file:///a/b/y']), 'file:///a/');
  assert.equal(commonFolder(['file:///x', 'file:///y']), undefined);
  assert.equal(commonFolder([]), undefined);
});
