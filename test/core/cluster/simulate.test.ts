import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCluster } from '../../../server/src/core/cluster/build.js';
import type { ClusterNodeInput } from '../../../server/src/core/cluster/model.js';
import { effectivePriority, simulateFailover } from '../../../server/src/core/cluster/simulate.js';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings.js';
import { memoryNode, pairText } from './harness.js';

const SCRIPTS = [
  'vrrp_script chk_pos {\n    script "/bin/true"\n    weight 30\n}',
  'vrrp_script chk_neg {\n    script "/bin/true"\n    weight -40\n}',
  'vrrp_script chk_zero {\n    script "/bin/true"\n}',
  '',
].join('\n');

function simulate(...nodes: ClusterNodeInput[]) {
  const model = buildCluster({ nodes, settings: DEFAULT_SETTINGS });
  const group = model.groups[0];
  assert.ok(group);
  return simulateFailover(group);
}

const node = (name: string, priority: number, track: string, extra = '') =>
  memoryNode(name, SCRIPTS + pairText(`${extra}\ntrack_script {\n${track}\n}`, 'BACKUP', priority));

void describe('failover simulation', () => {
  void it('adds succeeding positive weights and subtracts failing negative ones', () => {
    const sim = simulate(node('a', 100, 'chk_pos\nchk_neg'), node('b', 120, 'chk_neg'));
    const [a, b] = sim.members;
    assert.equal(a?.healthy, 130);
    assert.equal(b?.healthy, 120);
    assert.equal(sim.healthy.holder?.node.name, 'a');
    const pos = sim.failures.find((f) => f.member.node.name === 'a' && f.check.name === 'chk_pos');
    assert.equal(pos?.priority, 100);
    assert.equal(pos?.holder?.node.name, 'b');
    const neg = sim.failures.find((f) => f.member.node.name === 'a' && f.check.name === 'chk_neg');
    assert.equal(neg?.priority, 90);
    assert.equal(neg?.holder?.node.name, 'b');
  });

  void it('clamps to 1..254 and puts a failing weight-0 check in FAULT', () => {
    const sim = simulate(node('a', 250, 'chk_pos\nchk_zero'), node('b', 20, 'chk_neg weight -100'));
    assert.equal(sim.members[0]?.healthy, 254);
    const zero = sim.failures.find((f) => f.check.name === 'chk_zero');
    assert.equal(zero?.priority, 'fault');
    assert.equal(zero?.holder?.node.name, 'b');
    const low = sim.failures.find((f) => f.member.node.name === 'b');
    assert.equal(low?.priority, 1);
  });

  void it('never adjusts an address owner but still faults it on weight 0', () => {
    const sim = simulate(node('a', 255, 'chk_neg\nchk_zero'), node('b', 100, 'chk_neg'));
    assert.equal(sim.members[0]?.healthy, 255);
    const neg = sim.failures.find((f) => f.member.node.name === 'a' && f.check.name === 'chk_neg');
    assert.equal(neg?.priority, 255);
    assert.equal(neg?.ignored, true);
    assert.equal(neg?.holder?.node.name, 'a');
    const zero = sim.failures.find(
      (f) => f.member.node.name === 'a' && f.check.name === 'chk_zero',
    );
    assert.equal(zero?.priority, 'fault');
  });

  void it('ignores tracking weights of sync-group members unless the group keeps them', () => {
    const group = (keep: string) =>
      `vrrp_sync_group G1 {\n    group {\n        VI_1\n    }\n${keep}}\n`;
    const plain = simulate(
      memoryNode('a', group('') + SCRIPTS + pairText('track_script {\nchk_neg\n}', 'BACKUP', 140)),
      node('b', 100, 'chk_neg'),
    );
    const ignored = plain.failures.find((f) => f.member.node.name === 'a');
    assert.equal(ignored?.priority, 140);
    const kept = simulate(
      memoryNode(
        'a',
        group('    sync_group_tracking_weight\n') +
          SCRIPTS +
          pairText('track_script {\nchk_neg\n}', 'BACKUP', 140),
      ),
      node('b', 100, 'chk_neg'),
    );
    assert.equal(kept.failures.find((f) => f.member.node.name === 'a')?.priority, 100);
  });

  void it('keeps the VIP on a master whose priority only equals the backup', () => {
    const sim = simulate(node('a', 140, 'chk_neg'), node('b', 100, 'chk_neg'));
    const fail = sim.failures.find((f) => f.member.node.name === 'a');
    assert.equal(fail?.priority, 100);
    assert.equal(fail?.holder?.node.name, 'a');
  });

  void it('breaks ties by the higher unicast source address, else reports the tie', () => {
    const src = (address: string) => `unicast_src_ip ${address}\nunicast_peer {\n10.0.0.9\n}`;
    const won = simulate(
      node('a', 100, 'chk_neg', src('10.0.0.2')),
      node('b', 100, 'chk_neg', src('10.0.0.10')),
    );
    assert.equal(won.healthy.holder?.node.name, 'b');
    const tie = simulate(node('a', 100, 'chk_neg'), node('b', 100, 'chk_neg'));
    assert.equal(tie.healthy.holder, undefined);
    assert.deepEqual(
      tie.healthy.tie.map((m) => m.node.name),
      ['a', 'b'],
    );
  });

  void it('lets nopreempt on the backup block a failover by weights', () => {
    const sim = simulate(node('a', 110, 'chk_neg'), node('b', 100, 'chk_neg', 'nopreempt'));
    const fail = sim.failures.find((f) => f.member.node.name === 'a');
    assert.equal(fail?.priority, 70);
    assert.equal(fail?.holder?.node.name, 'a');
    assert.deepEqual(
      fail?.blocked.map((m) => m.node.name),
      ['b'],
    );
  });

  void it('counts a reversed check as failing while it succeeds', () => {
    const model = buildCluster({
      nodes: [node('a', 100, 'chk_neg reverse')],
      settings: DEFAULT_SETTINGS,
    });
    const member = model.groups[0]?.members[0];
    assert.ok(member);
    assert.equal(effectivePriority(member), 60);
    assert.equal(effectivePriority(member, new Set(member.checks)), 100);
  });

  void it('lets tracked interfaces fail too', () => {
    const sim = simulate(
      memoryNode('a', pairText('track_interface {\neth1 weight -50\n}', 'BACKUP', 120)),
      memoryNode('b', pairText('', 'BACKUP', 100)),
    );
    const fail = sim.failures[0];
    assert.equal(fail?.check.kind, 'interface');
    assert.equal(fail?.priority, 70);
    assert.equal(fail?.holder?.node.name, 'b');
  });
});
