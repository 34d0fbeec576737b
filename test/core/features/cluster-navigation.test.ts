// Cross-node navigation and the cluster-wide interface names of completion.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Location } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, PLAIN_FORMAT } from '../../../server/src/core/index.js';
import { inlineCluster, service, type InlineCluster } from '../../helpers/cluster-nodes.js';

/** A node: `name` marks the instance name, `script` the script definition, `track` its use. */
function node(
  state: 'MASTER' | 'BACKUP',
  priority: number,
  marks: { name?: string; script?: string; track?: string; iface?: string; extra?: string } = {},
): string {
  return [
    'global_defs {',
    '    enable_script_security',
    '    script_user root',
    '}',
    `vrrp_script ${marks.script ?? 'chk_haproxy'} {`,
    '    script "/usr/bin/killall -0 haproxy"',
    '    weight -20',
    '}',
    `vrrp_instance ${marks.name ?? 'VI_1'} {`,
    `    state ${state}`,
    `    interface ${marks.iface ?? 'eth0'}`,
    '    virtual_router_id 51',
    `    priority ${priority}`,
    '    virtual_ipaddress {',
    '        10.0.0.100/24',
    '    }',
    '    track_script {',
    `        ${marks.track ?? 'chk_haproxy'}`,
    '    }',
    '}',
    marks.extra ?? '',
    '',
  ].join('\n');
}

/** Locations as `node:[start,end]` offsets, sorted. */
function places(cluster: InlineCluster, locations: readonly Location[]): string[] {
  return locations
    .map((location) => {
      const name = /^file:\/\/\/([^/]+)\//.exec(location.uri)?.[1] ?? location.uri;
      const document = cluster.nodes[name]?.document;
      assert.ok(document, location.uri);
      const start = document.lineIndex.offsetAt(location.range.start);
      const end = document.lineIndex.offsetAt(location.range.end);
      return `${name}:${start}-${end}`;
    })
    .sort();
}

/** The marked ranges of the nodes in the same notation. */
function marked(cluster: InlineCluster, ...picks: Array<[string, number]>): string[] {
  return picks
    .map(([name, index]) => {
      const range = cluster.nodes[name]?.ranges[index];
      assert.ok(range, `${name} range ${index}`);
      return `${name}:${range.start}-${range.end}`;
    })
    .sort();
}

test('cluster navigation: definition of an instance name lists the peers on the other nodes', () => {
  const cluster = inlineCluster({
    lb1: node('MASTER', 110, { name: '<|VI_1|>' }),
    lb2: node('BACKUP', 100, { name: '<|V<|>I_1|>' }),
    lb3: node('BACKUP', 90, { name: '<|VI_1|>' }),
  });
  const lb2 = cluster.nodes.lb2;
  assert.ok(lb2);
  const offset = lb2.cursors[0] ?? 0;
  const found = service.getDefinition(lb2.document, offset, { cluster: cluster.analysis });
  assert.deepEqual(places(cluster, found), marked(cluster, ['lb1', 0], ['lb2', 0], ['lb3', 0]));
  // The document's own definition stays first.
  assert.equal(found[0]?.uri, lb2.document.uri);
  // Without the analysis: only this document.
  assert.deepEqual(
    places(cluster, service.getDefinition(lb2.document, offset)),
    marked(cluster, ['lb2', 0]),
  );
});

test('cluster navigation: references of an instance include the peers and their sync groups', () => {
  // keepalived -t accepts a sync group of two with weighted scripts only with this option.
  const sync = [
    'vrrp_instance VI_2 {',
    '    interface eth0',
    '    virtual_router_id 52',
    '    virtual_ipaddress {',
    '        10.0.1.1/24',
    '    }',
    '}',
    'vrrp_sync_group G1 {',
    '    sync_group_tracking_weight',
    '    group {',
    '        <|VI_1|>',
    '        VI_2',
    '    }',
    '}',
  ].join('\n');
  const cluster = inlineCluster({
    lb1: node('MASTER', 110, { name: '<|VI_1|>', extra: sync }),
    lb2: node('BACKUP', 100, { name: '<|VI_<|>1|>' }),
  });
  const lb2 = cluster.nodes.lb2;
  assert.ok(lb2);
  const offset = lb2.cursors[0] ?? 0;
  assert.deepEqual(
    places(
      cluster,
      service.getReferences(lb2.document, offset, true, { cluster: cluster.analysis }),
    ),
    marked(cluster, ['lb1', 0], ['lb1', 1], ['lb2', 0]),
  );
  assert.deepEqual(
    places(
      cluster,
      service.getReferences(lb2.document, offset, false, { cluster: cluster.analysis }),
    ),
    marked(cluster, ['lb1', 1]),
  );
});

test('cluster navigation: references of a tracked script reach the peers definitions and uses', () => {
  const cluster = inlineCluster({
    lb1: node('MASTER', 110, { script: '<|chk_haproxy|>', track: '<|chk_haproxy|>' }),
    lb2: node('BACKUP', 100, { script: '<|chk_haproxy|>', track: '<|chk_h<|>aproxy|>' }),
  });
  const lb2 = cluster.nodes.lb2;
  assert.ok(lb2);
  const offset = lb2.cursors[0] ?? 0;
  const all = marked(cluster, ['lb1', 0], ['lb1', 1], ['lb2', 0], ['lb2', 1]);
  assert.deepEqual(
    places(
      cluster,
      service.getReferences(lb2.document, offset, true, { cluster: cluster.analysis }),
    ),
    all,
  );
  assert.deepEqual(
    places(
      cluster,
      service.getReferences(lb2.document, offset, false, { cluster: cluster.analysis }),
    ),
    marked(cluster, ['lb1', 1], ['lb2', 1]),
  );
  // From the definition's name too.
  const definition = lb2.ranges[0]?.start ?? 0;
  assert.deepEqual(
    places(
      cluster,
      service.getReferences(lb2.document, definition, true, { cluster: cluster.analysis }),
    ),
    all,
  );
  // Go to definition of a track entry stays on this node.
  assert.deepEqual(
    places(cluster, service.getDefinition(lb2.document, offset, { cluster: cluster.analysis })),
    marked(cluster, ['lb2', 0]),
  );
});

test('cluster navigation: an unrelated instance of the same node is not a peer', () => {
  const other = [
    'vrrp_instance <|OTHER|> {',
    '    interface eth1',
    '    virtual_router_id 60',
    '    virtual_ipaddress {',
    '        10.0.1.1/24',
    '    }',
    '}',
  ].join('\n');
  const cluster = inlineCluster({
    lb1: node('MASTER', 110, { name: '<|VI_1|>' }),
    lb2: node('BACKUP', 100, { name: '<|VI_1|>', extra: other.replace('<|OTHER', '<|O<|>THER') }),
  });
  const lb2 = cluster.nodes.lb2;
  assert.ok(lb2);
  assert.deepEqual(
    places(
      cluster,
      service.getDefinition(lb2.document, lb2.cursors[0] ?? 0, { cluster: cluster.analysis }),
    ),
    marked(cluster, ['lb2', 1]),
  );
});

test('cluster completion: interface names of every node are offered', () => {
  const cluster = inlineCluster({
    lb1: node('MASTER', 110, { iface: 'bond0' }),
    lb2: node('BACKUP', 100, { iface: '<|>' }),
  });
  const lb2 = cluster.nodes.lb2;
  assert.ok(lb2);
  const offset = lb2.cursors[0] ?? 0;
  const labels = (withCluster: boolean): string[] =>
    service
      .getCompletions(lb2.document, offset, {
        settings: DEFAULT_SETTINGS,
        format: PLAIN_FORMAT,
        cluster: withCluster ? cluster.analysis : undefined,
      })
      .map((item) => item.label);
  assert.ok(labels(true).includes('bond0'), labels(true).join(', '));
  assert.ok(!labels(false).includes('bond0'));
});
