import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildCluster } from '../../../server/src/core/cluster/build.js';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings.js';
import { createDiskFileHost } from '../../../server/src/node/file-host.js';
import { fixtureDir, folderNode, keepalivedFile, memoryNode, pairText } from './harness.js';

const build = (nodes: Parameters<typeof buildCluster>[0]['nodes']) =>
  buildCluster({ nodes, settings: DEFAULT_SETTINGS, files: createDiskFileHost() });

void describe('cluster model', () => {
  void it('groups instances of different nodes by instance name', () => {
    const dir = fixtureDir('failover-multicast');
    const model = build(['lb1', 'lb2', 'lb3'].map((name) => folderNode(dir, name)));
    assert.deepEqual(
      model.groups.map((group) => [group.id, group.members.map((m) => m.node.name)]),
      [['VI_1', ['lb1', 'lb2', 'lb3']]],
    );
  });

  void it('groups by a shared VIP, never by a shared VRID alone', () => {
    const other = pairText('').replace('VI_1', 'VI_OTHER');
    const model = build([
      memoryNode('a', pairText('')),
      memoryNode('b', other),
      memoryNode('c', other.replace('10.0.0.100', '10.0.0.200').replace('VI_OTHER', 'VI_C')),
    ]);
    assert.deepEqual(
      model.groups.map((group) => [group.id, group.members.map((m) => m.node.name)]),
      [
        ['VI_1', ['a', 'b']],
        ['VI_C', ['c']],
      ],
    );
  });

  void it('does not join two instances of one node', () => {
    const text = pairText('') + pairText('').replace('VI_1', 'VI_2');
    const model = build([memoryNode('a', text)]);
    assert.equal(model.groups.length, 2);
  });

  void it('follows includes, records their files and resolves tracked scripts', () => {
    const dir = fixtureDir('failover-multicast');
    const model = build(['lb1', 'lb3'].map((name) => folderNode(dir, name)));
    const [lb1, lb3] = model.groups[0]?.members ?? [];
    assert.ok(lb1 && lb3);
    assert.equal(lb1.uri, join(dir, 'lb1/keepalived.conf'));
    const script = lb1.scripts[0];
    assert.equal(script?.name, 'chk_haproxy');
    assert.equal(script?.weight, -2);
    const included = join(dir, 'lb1/scripts.conf');
    assert.equal(lb1.index.view.uriOf(script?.definition?.item ?? lb1.instance.item), included);
    assert.match(model.textOf(included) ?? '', /vrrp_script chk_haproxy/);
    assert.equal(
      model.lineIndexOf(included)?.positionAt(script?.definition?.word.start ?? 0).line,
      0,
    );
    assert.equal(model.lineIndexOf('/nowhere'), undefined);
    assert.equal(lb3.checks[0]?.kind, 'script');
  });

  void it('lets the track_script line override the script weight', () => {
    const dir = fixtureDir('clean-multicast');
    const model = build([folderNode(dir, 'lb1'), folderNode(dir, 'lb2')]);
    const weights = model.groups.map((group) => group.members[0]?.scripts[0]?.weight);
    assert.deepEqual(weights, [-60, -80]);
  });

  void it('expands a shared file per config-id and fills parameters from env', () => {
    const doc = keepalivedFile(join(fixtureDir('shared-config'), 'keepalived.conf'));
    const model = build([
      { name: 'lb1', configId: 'lb1', env: { VIP: '10.0.0.100' }, keepalived: [doc], haproxy: [] },
      {
        name: 'node-b',
        configId: 'lb2',
        env: { VIP: '10.0.0.100' },
        keepalived: [doc],
        haproxy: [],
      },
    ]);
    const members = model.groups[0]?.members ?? [];
    assert.deepEqual(
      members.map((m) => [
        m.node.name,
        m.node.configId,
        m.instance.priority,
        m.instance.vips.map((v) => v.address),
      ]),
      [
        ['lb1', 'lb1', 110, ['10.0.0.100']],
        ['node-b', 'lb2', 100, ['10.0.0.100']],
      ],
    );
    // Without env the VIP stays unresolved, and a different env gives a different view.
    const bare = build([{ name: 'lb1', keepalived: [doc], haproxy: [] }]);
    assert.deepEqual(bare.groups[0]?.members[0]?.instance.vips, []);
    const other = build([
      { name: 'lb1', env: { VIP: '10.9.9.9' }, keepalived: [doc], haproxy: [] },
    ]);
    assert.equal(other.groups[0]?.members[0]?.instance.vips[0]?.address, '10.9.9.9');
  });

  void it('keeps one cached view per env when no file host is given', () => {
    const text = pairText('').replace('10.0.0.100/24', '${VIP}/24');
    const node = memoryNode('a', text);
    const vip = (value: string) =>
      buildCluster({ nodes: [{ ...node, env: { VIP: value } }], settings: DEFAULT_SETTINGS })
        .groups[0]?.members[0]?.instance.vips[0]?.address;
    assert.equal(vip('10.3.3.3'), '10.3.3.3');
    assert.equal(vip('10.4.4.4'), '10.4.4.4');
    assert.equal(vip('10.3.3.3'), '10.3.3.3');
  });

  void it('lets a definition in the file win over env', () => {
    const text = '$VIP=10.1.1.1\n' + pairText('').replace('10.0.0.100/24', '${VIP}/24');
    const model = buildCluster({
      nodes: [memoryNode('a', text, { env: { VIP: '10.2.2.2' } })],
      settings: DEFAULT_SETTINGS,
    });
    assert.equal(model.groups[0]?.members[0]?.instance.vips[0]?.address, '10.1.1.1');
  });
});
