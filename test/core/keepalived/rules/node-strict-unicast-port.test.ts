import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { priorityOwnerBackup } from '../../../../server/src/core/keepalived/rules/priority-owner-backup.js';
import { strictModeConflict } from '../../../../server/src/core/keepalived/rules/strict-mode-conflict.js';
import { unicastWithoutPeers } from '../../../../server/src/core/keepalived/rules/unicast-without-peers.js';
import { virtualServerPortZero } from '../../../../server/src/core/keepalived/rules/virtual-server-port-zero.js';
import { expectFindings, instance } from './node-harness.js';

const base = '  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n    10.0.0.1\n  }\n';
const STRICT = 'global_defs {\n  vrrp_strict\n}\n';

// Every case below was run through keepalived 2.2.7 -t in a network namespace.
void describe('strict-mode-conflict', () => {
  void it('flags a MASTER that is not the owner and a BACKUP that is', () => {
    const { issues } = expectFindings(
      strictModeConflict,
      STRICT +
        instance('VI_1', `  state <|MASTER|>\n  priority 150\n${base}`) +
        instance('VI_2', `  state <|BACKUP|>\n  priority 255\n${base}`),
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.equal(issues[0]?.related?.[0]?.message, 'priority');
  });

  void it('flags authentication in strict mode, also turned on per instance', () => {
    expectFindings(
      strictModeConflict,
      instance(
        'VI_1',
        `  strict_mode on\n  <|authentication|> {\n    auth_type PASS\n    auth_pass abc\n  }\n${base}`,
      ) + instance('VI_2', `  strict_mode\n  state <|MASTER|>\n  priority 100\n${base}`),
    );
  });

  // keepalived 2.2.7 -t: "(VI_1) preempt_delay is incompatible with strict mode - resetting".
  void it('flags preempt_delay in strict mode, not a delay of 0', () => {
    expectFindings(
      strictModeConflict,
      STRICT +
        instance('VI_1', `  state BACKUP\n  <|preempt_delay|> 10\n${base}`) +
        instance('VI_2', `  state BACKUP\n  preempt_delay 0\n${base}`),
    );
  });

  void it('accepts owners, default states, auth_pass alone and strict_mode off', () => {
    expectFindings(
      strictModeConflict,
      STRICT +
        instance('VI_1', `  state MASTER\n  priority 255\n${base}`) +
        instance('VI_2', `  state MASTER\n${base}`) +
        instance('VI_3', `  priority 255\n${base}`) +
        instance('VI_4', `  state BACKUP\n  authentication {\n    auth_pass abc\n  }\n${base}`) +
        instance('VI_5', `  strict_mode off\n  state MASTER\n  priority 150\n${base}`),
    );
    // Outside strict mode MASTER with priority 150 is fine.
    expectFindings(strictModeConflict, instance('VI_1', `  state MASTER\n  priority 150\n${base}`));
  });

  void it('does not pair conditional lines while the config-id is unknown', () => {
    expectFindings(
      strictModeConflict,
      STRICT +
        instance(
          'VI_1',
          `@lb1 state MASTER\n@lb2 state BACKUP\n@lb2 priority 100\n@lb1 priority 255\n${base}`,
        ) +
        'global_defs {\n@lb9 vrrp_strict\n}\n',
    );
    expectFindings(
      strictModeConflict,
      'global_defs {\n@lb9 vrrp_strict\n}\n' +
        instance('VI_1', `  state MASTER\n  priority 100\n${base}`),
    );
  });

  void it('leaves the strict BACKUP owner to this rule, not priority-owner-backup', () => {
    expectFindings(
      priorityOwnerBackup,
      STRICT + instance('VI_2', `  state BACKUP\n  priority 255\n${base}`),
    );
  });
});

void describe('unicast-without-peers', () => {
  void it('flags unicast settings without any peer', () => {
    const { issues } = expectFindings(
      unicastWithoutPeers,
      instance('VI_1', `  <|unicast_src_ip|> 10.0.0.5\n  <|unicast_ttl|> 10\n${base}`) +
        instance('VI_2', `  <|check_unicast_src|>\n  <|unicast_peer|> {\n  }\n${base}`),
    );
    assert.equal(issues[0]?.severity, 'warning');
  });

  void it('accepts peers, unicast_fault_no_peer alone and parameter lines', () => {
    expectFindings(
      unicastWithoutPeers,
      instance('VI_1', `  unicast_src_ip 10.0.0.5\n  unicast_peer {\n    10.0.0.6\n  }\n${base}`) +
        instance('VI_2', `  unicast_fault_no_peer\n${base}`) +
        instance('VI_3', `  unicast_src_ip 10.0.0.5\n  $PEERS\n${base}`),
    );
  });
});

void describe('virtual-server-port-zero', () => {
  const vs = (head: string, lines = ''): string =>
    `virtual_server ${head} {\n  lb_algo rr\n${lines}  real_server 10.0.0.2 80 {\n  }\n}\n`;

  void it('flags port 0 or no port without persistence', () => {
    const { issues } = expectFindings(
      virtualServerPortZero,
      vs('10.0.0.1 <|0|>') + vs('<|10.0.0.1|>') + vs('2001:db8::1 <|0|>'),
    );
    assert.equal(issues[0]?.severity, 'error');
  });

  void it('accepts persistent services, real ports, fwmark and group services', () => {
    expectFindings(
      virtualServerPortZero,
      vs('10.0.0.1 0', '  persistence_timeout 60\n') +
        vs('10.0.0.1', '  persistence_timeout 60\n') +
        vs('10.0.0.1 80') +
        vs('fwmark 5') +
        vs('group G1') +
        vs('10.0.0.1', '  $PERSIST\n'),
    );
  });
});
