import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invalidListValue } from '../../../../server/src/core/keepalived/rules/invalid-list-value.js';
import { expectRanges } from './catalog-harness.js';

const instance = (lines: string): string =>
  `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 5\n${lines}}\n`;

void describe('invalid-list-value', () => {
  // keepalived 2.2.7 -t: "VRRP parsed invalid IP not-an-ip. skipping IP..." and "Invalid address
  // prefix len 33" (exit 5).
  void it('flags addresses that are not IPs and prefixes too long', () => {
    const { issues } = expectRanges(
      invalidListValue,
      instance(
        '  virtual_ipaddress {\n    <|not-an-ip|>\n    <|10.0.0.1/33|>\n    <|2001:db8::1/129|>\n    10.0.0.2 scope <|bogus|>\n  }\n',
      ),
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.match(issues[1]?.message ?? '', /prefix length '33'/);
  });

  void it('flags out-of-range option values in track lists', () => {
    expectRanges(invalidListValue, instance('  track_script {\n    chk weight <|300|>\n  }\n'));
  });

  void it('accepts addresses with options, IPv6 and parameters', () => {
    expectRanges(
      invalidListValue,
      instance(
        '  virtual_ipaddress {\n    10.0.0.1/24 dev eth0 label eth0:1 scope global brd 10.0.0.255\n    fe80::1/64\n    ::ffff:10.0.0.3\n    $VIP\n  }\n  track_script {\n    chk weight -20 reverse\n  }\n',
      ),
    );
  });

  void it('flags unicast peers that are not IP addresses', () => {
    expectRanges(
      invalidListValue,
      instance('  unicast_peer {\n    <|lb-b.example.org|>\n    10.0.0.7\n  }\n'),
    );
  });
});
