/**
 * Reproduction 8: hundreds of sibling node folders. The cross-node rules compared every pair of
 * nodes, so 640 nodes took 20 s and gave 410,000 findings. Costs are asserted through the work
 * counter and the number of findings; the time-out is only a safety net.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resetWork, workDone } from '../../../server/src/core/common/work.js';
import { MAX_GROUP_MEMBERS } from '../../../server/src/core/cluster/rules/helpers.js';
import {
  createLanguageService,
  DEFAULT_SETTINGS,
  type ClusterNodeInput,
  type HaproxyDocument,
  type KeepalivedDocument,
} from '../../../server/src/core/index.js';

const service = createLanguageService();

/** `count` nodes of one VRRP group whose unicast peers and HAProxy servers all differ. */
function siblings(count: number): ClusterNodeInput[] {
  return Array.from({ length: count }, (_, i) => {
    const keepalived = [
      'vrrp_instance VI_1 {',
      '  state BACKUP',
      '  interface eth0',
      '  virtual_router_id 51',
      `  priority ${100 + (i % 100)}`,
      `  unicast_src_ip 198.51.100.${i % 250}`,
      '  unicast_peer {',
      `    203.0.113.${i % 250}`,
      '  }',
      '  virtual_ipaddress {',
      `    192.0.2.${i % 200}/24`,
      '  }',
      '}',
      '',
    ].join('\n');
    const haproxy = `frontend fe\n  bind :80\n  default_backend be\nbackend be\n  server s${i} 192.0.2.${i % 250}:80 check\n`;
    return {
      name: `lb${i}`,
      keepalived: [
        service.parse('keepalived', `file:///w/lb${i}/keepalived.conf`, keepalived),
      ] as KeepalivedDocument[],
      haproxy: [
        service.parse('haproxy', `file:///w/lb${i}/haproxy.cfg`, haproxy),
      ] as HaproxyDocument[],
    };
  });
}

function analyse(count: number): { findings: number; work: number; codes: Set<string> } {
  const nodes = siblings(count);
  resetWork();
  const { issues } = service.analyseCluster(nodes, { settings: DEFAULT_SETTINGS });
  return {
    findings: issues.length,
    work: workDone(),
    codes: new Set(issues.map((issue) => issue.code)),
  };
}

test('640 sibling nodes cost four times 160, not sixteen', { timeout: 120_000 }, () => {
  const small = analyse(160);
  const large = analyse(640);
  assert.ok(large.work <= small.work * 4.5, `work ${small.work} then ${large.work}`);
  assert.ok(large.findings <= small.findings * 4.5, `${small.findings} then ${large.findings}`);
  // The old pairwise checks gave 1.6 million findings for 640 nodes.
  assert.ok(large.findings < 640 * 50, `${large.findings} findings`);
  // Drift and the unicast mismatch are still found, and the cut group is said to be cut.
  for (const code of ['config-drift', 'unicast-mismatch', 'analysis-limit']) {
    assert.ok(large.codes.has(code), code);
  }
});

test('a group at the member limit is checked whole and not reported as cut', () => {
  const { issues } = service.analyseCluster(siblings(MAX_GROUP_MEMBERS), {
    settings: DEFAULT_SETTINGS,
  });
  assert.ok(!issues.some((issue) => issue.code === 'analysis-limit'));
  const cut = service
    .analyseCluster(siblings(MAX_GROUP_MEMBERS + 3), { settings: DEFAULT_SETTINGS })
    .issues.filter((issue) => issue.code === 'analysis-limit');
  assert.equal(cut.length, 1);
  assert.equal(cut[0]?.uri, `file:///w/lb${MAX_GROUP_MEMBERS}/keepalived.conf`);
  assert.match(cut[0]?.message ?? '', /35 members; .* first 32, so VI_1 on lb32 and the 2 after/);
});
