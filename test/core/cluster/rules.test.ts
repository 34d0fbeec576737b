import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ClusterAnalysis } from '../../../server/src/core/cluster/index.js';
import { createLanguageService } from '../../../server/src/core/index.js';
import { DEFAULT_SETTINGS, resolveSettings } from '../../../server/src/core/settings.js';
import { createDiskFileHost } from '../../../server/src/node/file-host.js';
import { projectRoot } from '../../helpers/paths.js';
import {
  analyse,
  analyseScenario,
  fixtureDir,
  folderNode,
  keepalivedFile,
  memoryNode,
  pairText,
  placesOf,
  where,
} from './harness.js';

/** The one finding of `code` at `place`, with its related places. */
function finding(analysis: ClusterAnalysis, code: string, place: string) {
  const found = analysis.issues.filter(
    (issue) => issue.code === code && where(analysis, issue) === place,
  );
  assert.equal(found.length, 1, `${code} at ${place}: ${found.length} findings`);
  const issue = found[0];
  assert.ok(issue);
  return { issue, related: (issue.related ?? []).map((r) => where(analysis, r)) };
}

const codes = (analysis: ClusterAnalysis): string[] =>
  [...new Set(analysis.issues.map((issue) => issue.code))].sort();

void describe('cross-node VRRP rules on fixtures', () => {
  const mismatch = analyseScenario('mismatch-unicast', ['lb1', 'lb2']);

  void it('reports every finding in each file involved, with source cluster and the peer related', () => {
    for (const issue of mismatch.issues) {
      assert.equal(issue.source, 'cluster');
      assert.ok(issue.uri);
      assert.ok((issue.related ?? []).length > 0, issue.code);
    }
    assert.deepEqual(codes(mismatch), [
      'advert-mismatch',
      'auth-mismatch',
      'group-setting-mismatch',
      'unicast-mismatch',
      'version-mismatch',
      'vip-mismatch',
      'vrid-mismatch',
    ]);
  });

  void it('vrid-mismatch: error on both VRID lines, fix takes the peer value', () => {
    assert.deepEqual(placesOf(mismatch, 'vrid-mismatch'), [
      'mismatch-unicast/lb1/keepalived.conf:9',
      'mismatch-unicast/lb2/keepalived.conf:9',
    ]);
    const { issue, related } = finding(
      mismatch,
      'vrid-mismatch',
      'mismatch-unicast/lb1/keepalived.conf:9',
    );
    assert.equal(issue.severity, 'error');
    assert.deepEqual(related, ['mismatch-unicast/lb2/keepalived.conf:9']);
    assert.equal(issue.fixes?.[0]?.edits[0]?.text, '52');
    const text = mismatch.model.textOf(issue.uri ?? '') ?? '';
    const edit = issue.fixes?.[0]?.edits[0];
    assert.equal(text.slice(edit?.start, edit?.end), '51');
  });

  void it('advert-mismatch, auth-mismatch, version-mismatch, group-setting-mismatch', () => {
    assert.deepEqual(placesOf(mismatch, 'advert-mismatch'), [
      'mismatch-unicast/lb1/keepalived.conf:11',
      'mismatch-unicast/lb2/keepalived.conf:11',
    ]);
    assert.deepEqual(placesOf(mismatch, 'auth-mismatch'), [
      'mismatch-unicast/lb1/keepalived.conf:14',
      'mismatch-unicast/lb2/keepalived.conf:14',
    ]);
    assert.deepEqual(placesOf(mismatch, 'version-mismatch'), [
      'mismatch-unicast/lb1/keepalived.conf:30',
      'mismatch-unicast/lb2/keepalived.conf:31',
    ]);
    assert.deepEqual(
      finding(mismatch, 'version-mismatch', 'mismatch-unicast/lb2/keepalived.conf:31').related,
      ['mismatch-unicast/lb1/keepalived.conf:30'],
    );
    assert.deepEqual(placesOf(mismatch, 'group-setting-mismatch'), [
      'mismatch-unicast/lb1/keepalived.conf:31',
      'mismatch-unicast/lb2/keepalived.conf:32',
    ]);
    const timer = finding(
      mismatch,
      'group-setting-mismatch',
      'mismatch-unicast/lb1/keepalived.conf:31',
    );
    assert.equal(timer.issue.severity, 'warning');
    assert.match(timer.issue.message, /down_timer_adverts is 3 .* but 5 on lb2/);
  });

  void it('vip-mismatch: error before keepalived 2.3.3, warning from it', () => {
    assert.deepEqual(placesOf(mismatch, 'vip-mismatch'), [
      'mismatch-unicast/lb1/keepalived.conf:20',
      'mismatch-unicast/lb2/keepalived.conf:20',
    ]);
    const { issue } = finding(mismatch, 'vip-mismatch', 'mismatch-unicast/lb2/keepalived.conf:20');
    assert.equal(issue.severity, 'error');
    assert.match(issue.message, /192\.168\.10\.101/);
    const newer = analyseScenario(
      'mismatch-unicast',
      ['lb1', 'lb2'],
      resolveSettings({ keepalived: { version: '2.3.3' } }),
    );
    assert.deepEqual(
      newer.issues.filter((i) => i.code === 'vip-mismatch').map((i) => i.severity),
      ['warning', 'warning'],
    );
  });

  void it('unicast-mismatch: the peer list lacking the source, and the source line', () => {
    assert.deepEqual(placesOf(mismatch, 'unicast-mismatch'), [
      'mismatch-unicast/lb1/keepalived.conf:16',
      'mismatch-unicast/lb2/keepalived.conf:17',
    ]);
    const { issue, related } = finding(
      mismatch,
      'unicast-mismatch',
      'mismatch-unicast/lb2/keepalived.conf:17',
    );
    assert.match(issue.message, /lacks 192\.168\.10\.11/);
    assert.deepEqual(related, ['mismatch-unicast/lb1/keepalived.conf:16']);
  });

  const failover = analyseScenario('failover-multicast', ['lb1', 'lb2', 'lb3']);

  void it('failover-weight: a weight too small to move the VIP, with the numbers and a fix', () => {
    assert.deepEqual(placesOf(failover, 'failover-weight'), [
      'failover-multicast/lb1/keepalived.conf:20',
    ]);
    const { issue, related } = finding(
      failover,
      'failover-weight',
      'failover-multicast/lb1/keepalived.conf:20',
    );
    assert.equal(
      issue.message,
      'if chk_haproxy fails on lb1, lb1 still has 148 and lb2 has 100, lb3 has 100: the VIP stays on the node whose HAProxy is down.',
    );
    assert.deepEqual(related, [
      'failover-multicast/lb2/keepalived.conf:14',
      'failover-multicast/lb3/keepalived.conf:18',
    ]);
    assert.equal(issue.fixes?.[0]?.edits[0]?.text, ' weight -51');
  });

  void it('priority-clash, master-count and script-drift across three nodes and includes', () => {
    assert.deepEqual(codes(failover), [
      'failover-weight',
      'master-count',
      'priority-clash',
      'script-drift',
    ]);
    assert.deepEqual(placesOf(failover, 'priority-clash'), [
      'failover-multicast/lb2/keepalived.conf:14',
      'failover-multicast/lb3/keepalived.conf:18',
    ]);
    const clash = finding(failover, 'priority-clash', 'failover-multicast/lb3/keepalived.conf:18');
    assert.deepEqual(clash.related, ['failover-multicast/lb2/keepalived.conf:14']);
    assert.ok(clash.issue.fixes?.[0]?.title.startsWith('Use priority'));
    assert.deepEqual(placesOf(failover, 'master-count'), [
      'failover-multicast/lb1/keepalived.conf:11',
      'failover-multicast/lb2/keepalived.conf:11',
    ]);
    assert.equal(
      finding(failover, 'master-count', 'failover-multicast/lb2/keepalived.conf:11').issue.severity,
      'warning',
    );
    assert.deepEqual(placesOf(failover, 'script-drift'), [
      'failover-multicast/lb1/scripts.conf:3',
      'failover-multicast/lb2/scripts.conf:3',
      'failover-multicast/lb3/keepalived.conf:10',
    ]);
    const drift = finding(failover, 'script-drift', 'failover-multicast/lb2/scripts.conf:3');
    assert.deepEqual(drift.related, [
      'failover-multicast/lb1/scripts.conf:3',
      'failover-multicast/lb3/keepalived.conf:10',
    ]);
  });

  void it('failover-weight: nopreempt blocking the weights in a shared file with @ lines', () => {
    const doc = keepalivedFile(join(fixtureDir('shared-config'), 'keepalived.conf'));
    const env = { VIP: '10.0.0.100' };
    const shared = analyse([
      { name: 'lb1', configId: 'lb1', env, keepalived: [doc], haproxy: [] },
      { name: 'lb2', configId: 'lb2', env, keepalived: [doc], haproxy: [] },
    ]);
    assert.deepEqual(placesOf(shared, 'failover-weight'), [
      'shared-config/keepalived.conf:18',
      'shared-config/keepalived.conf:34',
    ]);
    const blocked = finding(shared, 'failover-weight', 'shared-config/keepalived.conf:34');
    assert.match(blocked.issue.message, /lb1 drops to 90 and lb2 has 100, but nopreempt on lb2/);
    assert.equal(blocked.issue.fixes, undefined);
    assert.deepEqual(
      finding(shared, 'failover-weight', 'shared-config/keepalived.conf:18').related,
      ['shared-config/keepalived.conf:34'],
    );
    assert.deepEqual(codes(shared), ['failover-weight']);
  });

  void it('vrid-collision: two groups with one VRID on one segment', () => {
    const collision = analyseScenario('vrid-collision', ['web1', 'db1']);
    assert.deepEqual(placesOf(collision, 'vrid-collision'), [
      'vrid-collision/db1/keepalived.conf:9',
      'vrid-collision/web1/keepalived.conf:9',
    ]);
    assert.deepEqual(
      finding(collision, 'vrid-collision', 'vrid-collision/web1/keepalived.conf:9').related,
      ['vrid-collision/db1/keepalived.conf:9'],
    );
    assert.deepEqual(codes(collision), ['vrid-collision']);
  });

  void it('raises nothing on the clean clusters', () => {
    assert.deepEqual(analyseScenario('clean-multicast', ['lb1', 'lb2', 'lb3']).issues, []);
    const examples = join(projectRoot, 'examples');
    assert.deepEqual(
      analyse([folderNode(examples, 'lb1'), folderNode(examples, 'lb2')]).issues,
      [],
    );
  });
});

void describe('cross-node VRRP rules: absent and edge cases', () => {
  const pair = (
    a: string,
    b: string,
    options: { stateA?: string; prioA?: number; prioB?: number } = {},
  ) =>
    analyse([
      memoryNode('a', pairText(a, options.stateA ?? 'MASTER', options.prioA ?? 110)),
      memoryNode('b', pairText(b, 'BACKUP', options.prioB ?? 100)),
    ]);

  void it('a clean in-memory pair raises nothing', () => {
    assert.deepEqual(pair('', '').issues, []);
  });

  void it('compares only the first 8 characters of auth_pass, and never under VRRPv3', () => {
    const auth = (pass: string) => `authentication {\nauth_type PASS\nauth_pass ${pass}\n}`;
    assert.deepEqual(codes(pair(auth('secret123'), auth('secret12x'))), []);
    assert.deepEqual(codes(pair(auth('secret12'), auth('other123'))), ['auth-mismatch']);
    assert.deepEqual(codes(pair(auth('secret12'), '')), ['auth-mismatch']);
    assert.deepEqual(codes(pair(`version 3\n${auth('a')}`, `version 3\n${auth('b')}`)), []);
  });

  void it('advert-mismatch is a warning with VRRPv3', () => {
    const found = pair('version 3\nadvert_int 2', 'version 3');
    assert.deepEqual(
      found.issues.map((i) => [i.code, i.severity]),
      [
        ['advert-mismatch', 'warning'],
        ['advert-mismatch', 'warning'],
      ],
    );
  });

  void it('unicast-mismatch when one node uses unicast and the other multicast', () => {
    const found = pair('unicast_src_ip 10.0.0.1\nunicast_peer {\n10.0.0.2\n}', '');
    assert.deepEqual(codes(found), ['unicast-mismatch']);
    assert.equal(found.issues.length, 2);
    const ok = pair(
      'unicast_src_ip 10.0.0.1\nunicast_peer {\n10.0.0.2\n}',
      'unicast_src_ip 10.0.0.2\nunicast_peer {\n10.0.0.1\n}',
    );
    assert.deepEqual(ok.issues, []);
  });

  void it('group-setting-mismatch on mcast_dst_ip is an error', () => {
    const found = pair('mcast_dst_ip 224.0.0.19', '');
    assert.deepEqual(
      found.issues.map((i) => [i.code, i.severity]),
      [
        ['group-setting-mismatch', 'error'],
        ['group-setting-mismatch', 'error'],
      ],
    );
  });

  void it('failover-weight absent when the weight is large enough or the check means FAULT', () => {
    const script = 'vrrp_script chk {\n    script "/bin/true"\n    weight -20\n}\n';
    const nodes = (track: string) =>
      analyse([
        memoryNode('a', script + pairText(`track_script {\n${track}\n}`, 'MASTER', 110)),
        memoryNode('b', script + pairText(`track_script {\n${track}\n}`, 'BACKUP', 100)),
      ]);
    assert.deepEqual(nodes('chk').issues, []);
    assert.deepEqual(nodes('chk weight 0').issues, []);
    assert.deepEqual(codes(nodes('chk weight -5')), ['failover-weight']);
  });

  void it('master-count: none MASTER is info, a non-preferred MASTER is info, stray nopreempt warns', () => {
    const none = pair('', '', { stateA: 'BACKUP' });
    assert.deepEqual(
      none.issues.map((i) => [i.code, i.severity, i.uri]),
      [['master-count', 'info', '/mem/a/keepalived.conf']],
    );
    const wrong = analyse([
      memoryNode('a', pairText('', 'BACKUP', 110)),
      memoryNode('b', pairText('', 'MASTER', 100)),
    ]);
    assert.deepEqual(wrong.issues.map((i) => [i.code, i.severity, i.uri]).sort(), [
      ['master-count', 'info', '/mem/a/keepalived.conf'],
      ['master-count', 'info', '/mem/b/keepalived.conf'],
    ]);
    const stray = pair('', 'nopreempt', { stateA: 'BACKUP' });
    assert.deepEqual(
      stray.issues.map((i) => [i.code, i.severity, i.uri]),
      [['master-count', 'warning', '/mem/b/keepalived.conf']],
    );
  });

  void it('priority-clash for two address owners', () => {
    const found = analyse([
      memoryNode('a', pairText('', 'MASTER', 255)),
      memoryNode('b', pairText('', 'BACKUP', 255)),
    ]);
    assert.ok(found.issues.some((i) => i.code === 'priority-clash' && /255/.test(i.message)));
  });

  void it('vrid-collision absent on another subnet, another interface or disjoint unicast peers', () => {
    const text = (name: string, vip: string, extra = '') =>
      pairText(extra, 'MASTER', 110).replace('VI_1', name).replace('10.0.0.100/24', vip);
    const run = (b: string) =>
      codes(analyse([memoryNode('a', text('VI_A', '10.0.0.100/24')), memoryNode('b', b)]));
    assert.deepEqual(run(text('VI_B', '10.0.0.200/24')), ['vrid-collision']);
    assert.deepEqual(run(text('VI_B', '10.1.0.200/24')), []);
    assert.deepEqual(run(text('VI_B', '10.0.0.200/24').replace('eth0', 'eth1')), []);
    assert.deepEqual(run(text('VI_B', '10.0.0.200/24', 'unicast_peer {\n10.9.9.9\n}')), []);
  });

  void it('applies suppression comments and severity settings per file', () => {
    const a = pairText('').replace('virtual_router_id 51', 'virtual_router_id 52');
    const silenced = a.replace(
      '    virtual_router_id 52',
      '    # halint-disable-next-line vrid-mismatch\n    virtual_router_id 52',
    );
    const run = (text: string, settings = DEFAULT_SETTINGS) =>
      analyse([memoryNode('a', text), memoryNode('b', pairText('', 'BACKUP', 90))], settings);
    assert.deepEqual(
      run(a)
        .issues.filter((i) => i.code === 'vrid-mismatch')
        .map((i) => i.uri),
      ['/mem/a/keepalived.conf', '/mem/b/keepalived.conf'],
    );
    assert.deepEqual(
      run(silenced)
        .issues.filter((i) => i.code === 'vrid-mismatch')
        .map((i) => i.uri),
      ['/mem/b/keepalived.conf'],
    );
    const off = resolveSettings({ keepalived: { rules: { 'vrid-mismatch': 'off' } } });
    assert.deepEqual(
      run(a, off).issues.filter((i) => i.code === 'vrid-mismatch'),
      [],
    );
    const warn = resolveSettings({ rules: { 'vrid-mismatch': 'warning' } });
    assert.deepEqual(
      run(a, warn)
        .issues.filter((i) => i.code === 'vrid-mismatch')
        .map((i) => i.severity),
      ['warning', 'warning'],
    );
  });

  void it('is reachable through the language service', () => {
    const service = createLanguageService({ files: createDiskFileHost() });
    const dir = fixtureDir('failover-multicast');
    const result = service.analyseCluster(
      ['lb1', 'lb2', 'lb3'].map((name) => folderNode(dir, name)),
    );
    assert.ok(result.issues.some((issue) => issue.code === 'script-drift'));
    assert.ok(result.issues.every((issue) => issue.source === 'cluster' && issue.uri));
    assert.equal(result.model.groups.length, 1);
  });
});
