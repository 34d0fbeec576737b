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

  // keepalived 2.2.7 -t: "Unknown configuration entry 'nodad' for ip address - ignoring", the
  // same for the word after `use_vmac`, for `valid_lft`, and for `use_vmac` in static_ipaddress
  // (exit 5); `-nodad`, a bare `use_vmac` and `use_vmac dev eth0` pass.
  void it('flags address options 2.2.7 does not know', () => {
    const { issues } = expectRanges(
      invalidListValue,
      instance(
        '  virtual_ipaddress {\n    10.0.0.1/24 <|nodad|>\n    10.0.0.2/24 use_vmac <|vrrp.51|>\n    fe80::1/64 <|valid_lft|> <|forever|>\n    10.0.0.3/24 -nodad use_vmac dev eth0\n    10.0.0.4/24 dev eth0 use_vmac\n  }\n',
      ) + 'static_ipaddress {\n  10.0.1.1/24 dev eth0 <|use_vmac|>\n}\n',
    );
    assert.match(issues[0]?.message ?? '', /'nodad' needs Keepalived 2\.3/);
    assert.match(issues[1]?.message ?? '', /Unknown address option 'vrrp\.51'/);
    assert.match(issues[4]?.message ?? '', /not taken in static_ipaddress/);
    assert.equal(issues[0]?.severity, 'error');
  });

  void it('accepts the newer address options from target 2.3', () => {
    expectRanges(
      invalidListValue,
      instance(
        '  virtual_ipaddress {\n    10.0.0.1/24 nodad\n    10.0.0.2/24 use_vmac vrrp.51\n    fe80::1/64 valid_lft forever\n  }\n',
      ),
      { version: '2.3' },
    );
  });

  void it('flags unicast peers that are not IP addresses', () => {
    expectRanges(
      invalidListValue,
      instance('  unicast_peer {\n    <|lb-b.example.org|>\n    10.0.0.7\n  }\n'),
    );
  });
  // keepalived 2.2.7 -t: "VRRP is trying to assign invalid broadcast", "No dev parameter
  // specified", "Address label … is longer than maximum length 15", "Unknown configuration entry
  // 'foo' for ip address" (exit 5); `brd +`, a 15-character label and `10.0.0.1/` pass.
  void it('flags bad broadcast, missing dev, long labels and unknown address options', () => {
    expectRanges(
      invalidListValue,
      instance(
        '  virtual_ipaddress {\n    10.0.0.1/24 brd <|10.0.0.|>\n    10.0.0.2/24 <|dev|>\n    10.0.0.3/24 dev eth0 label <|eth0:abcdefghijklm|>\n    10.0.0.4/24 <|foo|>\n  }\n',
      ),
    );
    expectRanges(
      invalidListValue,
      instance(
        '  virtual_ipaddress {\n    10.0.0.1/24 brd + dev eth0 label eth0:abcdefghij\n    10.0.0.5/\n    10.0.0.6/24 dev eth0 no_track\n  }\n  unicast_peer {\n    10.0.0.7/\n  }\n',
      ),
    );
  });

  // keepalived 2.2.7 -t: "VRRP parsed invalid IP 10.1.0./24", "invalid route via address" (exit
  // 5); `all`, `any`, `default` and `via inet6 <address>` pass.
  void it('flags route and rule addresses that are not addresses', () => {
    expectRanges(
      invalidListValue,
      'static_rules {\n  from 10.0.0.0/8 to <|10.1.0./24|> table 1 preference 1\n  not from <|10.1.0.|> table 1 preference 2\n  from all table 1 preference 3\n  to any table 1 preference 4\n  from default table 1 preference 5\n}\n' +
        'static_routes {\n  10.1.0.0/24 via <|10.0.0.|> dev eth0\n  10.2.0.0/24 src <|10.0.0.300|> dev eth0\n  default via 10.0.0.1 dev eth0\n  2001:db8:1::/64 via inet6 2001:db8::1 dev eth0\n}\n',
    );
  });
});
