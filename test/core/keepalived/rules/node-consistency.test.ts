import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { advertIntV2 } from '../../../../server/src/core/keepalived/rules/advert-int-v2.js';
import { authPassLength } from '../../../../server/src/core/keepalived/rules/auth-pass-length.js';
import { authWithVrrp3 } from '../../../../server/src/core/keepalived/rules/auth-with-vrrp3.js';
import { duplicateInstance } from '../../../../server/src/core/keepalived/rules/duplicate-instance.js';
import { duplicateVip } from '../../../../server/src/core/keepalived/rules/duplicate-vip.js';
import { duplicateVrid } from '../../../../server/src/core/keepalived/rules/duplicate-vrid.js';
import { nopreemptOwner } from '../../../../server/src/core/keepalived/rules/nopreempt-owner.js';
import { preemptWithMaster } from '../../../../server/src/core/keepalived/rules/preempt-with-master.js';
import { priorityOwnerBackup } from '../../../../server/src/core/keepalived/rules/priority-owner-backup.js';
import { trackWeightZero } from '../../../../server/src/core/keepalived/rules/track-weight-zero.js';
import { unicastFamily } from '../../../../server/src/core/keepalived/rules/unicast-family.js';
import { unicastSelfPeer } from '../../../../server/src/core/keepalived/rules/unicast-self-peer.js';
import { vipFamily } from '../../../../server/src/core/keepalived/rules/vip-family.js';
import { applyFix, expectFindings, instance } from './node-harness.js';

const vips = (address: string): string => `  virtual_ipaddress {\n    ${address}\n  }`;

void describe('duplicate-vrid', () => {
  void it('flags two multicast instances on one interface and family', () => {
    const { issues } = expectFindings(
      duplicateVrid,
      instance('VI_1', `  interface eth0\n  virtual_router_id 51\n${vips('10.0.0.1')}`) +
        instance('VI_9', `  interface eth0\n  virtual_router_id <|51|>\n${vips('10.0.0.2')}`) +
        instance('VI_2', `  interface eth1\n  virtual_router_id 51\n${vips('10.0.0.3')}`) +
        instance('VI_6', `  interface eth0\n  virtual_router_id 51\n${vips('fe80::1')}`),
    );
    assert.equal(issues[0]?.message, 'VI_9 and VI_1 both use VRID 51 with IPv4 on interface eth0.');
    assert.equal(issues[0]?.severity, 'error');
    assert.equal(issues[0]?.related?.[0]?.message, 'VRID of VI_1');
  });

  void it('accepts unicast instances with disjoint peers and a unicast/multicast pair', () => {
    const peers = (peer: string): string => `  unicast_peer {\n    ${peer}\n  }`;
    expectFindings(
      duplicateVrid,
      instance('A', `  interface eth0\n  virtual_router_id 7\n${peers('10.0.0.8')}`) +
        instance('B', `  interface eth0\n  virtual_router_id 7\n${peers('10.0.0.9')}`) +
        instance('C', `  interface eth0\n  virtual_router_id 7`),
    );
  });

  void it('warns when unicast peers overlap', () => {
    const peers = `  unicast_peer {\n    10.0.0.8\n  }`;
    const { issues } = expectFindings(
      duplicateVrid,
      instance('A', `  interface eth0\n  virtual_router_id 7\n${peers}`) +
        instance('B', `  interface eth0\n  virtual_router_id <|7|>\n${peers}`),
    );
    assert.equal(issues[0]?.severity, 'warning');
  });
});

void describe('duplicate-vip', () => {
  void it('flags an address in two instances, prefix ignored', () => {
    const { issues } = expectFindings(
      duplicateVip,
      instance('VI_1', vips('10.0.0.1/24')) +
        instance(
          'VI_2',
          `${vips('<|10.0.0.1|>')}\n  virtual_ipaddress_excluded {\n    10.0.0.2\n  }`,
        ),
    );
    assert.equal(issues[0]?.related?.[0]?.message, '10.0.0.1 in VI_1');
  });
});

void describe('duplicate-instance', () => {
  void it('flags the second definition', () => {
    const { issues } = expectFindings(
      duplicateInstance,
      instance('VI_1', '') + instance('VI_2', '') + instance('<|VI_1|>', ''),
    );
    assert.equal(issues[0]?.message, 'vrrp instance VI_1 already defined.');
  });
});

void describe('preempt-with-master', () => {
  void it('flags nopreempt and preempt_delay with state MASTER and offers BACKUP', () => {
    const { issues, text } = expectFindings(
      preemptWithMaster,
      instance('VI_1', '  state MASTER\n  priority 100\n  <|nopreempt|>\n  <|preempt_delay|> 10') +
        instance('VI_2', '  state BACKUP\n  nopreempt'),
    );
    assert.match(applyFix(text, issues[0]!), /state BACKUP\n {2}priority 100\n {2}nopreempt/);
    assert.doesNotMatch(applyFix(text, issues[0]!, 1).split('VI_2')[0] ?? '', /nopreempt/);
  });

  void it('leaves nopreempt with implied priority 255 to nopreempt-owner', () => {
    expectFindings(preemptWithMaster, instance('VI_1', '  state MASTER\n  nopreempt'));
  });
});

void describe('priority-owner-backup', () => {
  void it('warns about priority 255 with state BACKUP', () => {
    const { issues, text } = expectFindings(
      priorityOwnerBackup,
      instance('VI_1', '  state BACKUP\n  priority <|255|>') +
        instance('VI_2', '  state MASTER\n  priority 255') +
        instance('VI_3', '  state BACKUP\n  priority 254'),
    );
    assert.match(applyFix(text, issues[0]!), /priority 254/);
  });
});

void describe('nopreempt-owner', () => {
  void it('flags nopreempt with explicit or implied priority 255', () => {
    const { issues, text } = expectFindings(
      nopreemptOwner,
      instance('VI_1', '  state BACKUP\n  priority 255\n  <|nopreempt|>') +
        instance('VI_2', '  state MASTER\n  <|nopreempt|>') +
        instance('VI_3', '  state BACKUP\n  nopreempt'),
    );
    assert.match(issues[1]?.message ?? '', /implies/);
    assert.doesNotMatch(applyFix(text, issues[0]!).split('VI_2')[0] ?? '', /nopreempt/);
  });
});

void describe('auth-pass-length', () => {
  void it('flags passwords over 8 characters and truncates them', () => {
    const auth = (pass: string): string =>
      `  authentication {\n    auth_type PASS\n    auth_pass ${pass}\n  }`;
    const { issues, text } = expectFindings(
      authPassLength,
      instance('VI_1', auth('<|secret12345|>')) + instance('VI_2', auth('secret12')),
    );
    assert.match(applyFix(text, issues[0]!), /auth_pass secret12\n/);
  });
});

void describe('auth-with-vrrp3', () => {
  const auth = '  authentication {\n    auth_type PASS\n    auth_pass s\n  }';
  void it('flags authentication with version 3, vrrp_version 3 or IPv6', () => {
    expectFindings(
      authWithVrrp3,
      instance('VI_1', `  version 3\n  <|authentication|> {\n    auth_type PASS\n  }`) +
        instance('VI_2', `${vips('fe80::1')}\n  <|authentication|> {\n    auth_pass x\n  }`) +
        instance('VI_3', auth),
    );
    expectFindings(
      authWithVrrp3,
      `global_defs {\n  vrrp_version 3\n}\n${instance('VI_1', `  <|authentication|> {\n  }`)}`,
    );
  });
});

void describe('unicast-self-peer', () => {
  void it('flags the own source address among the peers and removes it', () => {
    const { issues, text } = expectFindings(
      unicastSelfPeer,
      instance(
        'VI_1',
        '  unicast_src_ip 10.0.0.5\n  unicast_peer {\n    <|10.0.0.5|>\n    10.0.0.6\n  }',
      ),
    );
    assert.match(applyFix(text, issues[0]!), /unicast_peer {\n {4}10\.0\.0\.6\n {2}}/);
  });

  void it('leaves lines for different config-ids alone: they never load together', () => {
    expectFindings(
      unicastSelfPeer,
      instance(
        'VI_1',
        '  @lb1 unicast_src_ip 10.0.0.1\n  @lb2 unicast_src_ip 10.0.0.2\n' +
          '  unicast_peer {\n    @lb1 10.0.0.2\n    @lb2 10.0.0.1\n  }',
      ),
    );
  });
});

void describe('unicast-family', () => {
  void it('flags a peer of the other family', () => {
    expectFindings(
      unicastFamily,
      instance(
        'VI_1',
        `  unicast_src_ip 10.0.0.5\n  unicast_peer {\n    <|fd00::2|>\n    10.0.0.6\n  }\n${vips('10.0.0.1')}`,
      ),
    );
  });
});

void describe('track-weight-zero', () => {
  void it('notes tracked scripts whose weight is 0', () => {
    const { issues, text } = expectFindings(
      trackWeightZero,
      'vrrp_script a {\n  script "/bin/true"\n}\nvrrp_script b {\n  script "/bin/true"\n  weight -5\n}\n' +
        instance(
          'VI_1',
          '  track_script {\n    <|a|>\n    b\n    <|b|> weight 0\n    a weight 2\n  }',
        ),
    );
    assert.equal(issues[0]?.severity, 'info');
    assert.match(applyFix(text, issues[0]), /\n {4}a weight -50\n/);
  });
});

void describe('advert-int-v2', () => {
  void it('flags a fractional interval with VRRPv2 only', () => {
    const { issues, text } = expectFindings(
      advertIntV2,
      instance('VI_1', '  advert_int <|1.5|>') +
        instance('VI_2', '  version 3\n  advert_int 0.5') +
        instance('VI_3', '  advert_int 2'),
    );
    assert.match(applyFix(text, issues[0]!), /advert_int 2\n/);
  });
});

void describe('config-id conditions', () => {
  void it('does not compare lines that no single node loads together', () => {
    expectFindings(
      duplicateInstance,
      `@lb1 ${instance('VI_1', '')}@^lb1 ${instance('VI_1', '')}@lb2 ${instance('<|VI_1|>', '')}`,
    );
    expectFindings(
      duplicateVip,
      instance('VI_1', vips('@lb1 10.0.0.1')) + instance('VI_2', vips('@lb2 10.0.0.1')),
    );
    expectFindings(
      duplicateVrid,
      `@lb1 ${instance('A', '  virtual_router_id 5')}@lb2 ${instance('B', '  virtual_router_id 5')}` +
        `@lb1 ${instance('C', '  virtual_router_id <|5|>')}`,
    );
  });
});

void describe('vip-family', () => {
  void it('flags a VIP of the family the first address did not fix', () => {
    const { issues, text } = expectFindings(
      vipFamily,
      instance(
        'VI_1',
        '  virtual_ipaddress_excluded {\n    fd00::5\n  }\n  virtual_ipaddress {\n    10.0.0.1\n    <|fd00::1|>\n  }',
      ) + instance('VI_2', '  unicast_src_ip fd00::9\n' + vips('<|10.0.0.2|>')),
    );
    assert.doesNotMatch(applyFix(text, issues[0]!), /fd00::1/);
  });
});
