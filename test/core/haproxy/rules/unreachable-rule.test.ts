import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unreachableRule } from '../../../../server/src/core/haproxy/rules/unreachable-rule.js';
import { DEFAULTS, expectFindings } from './harness.js';

const BACKENDS = `backend be1
  server s1 192.0.2.1:80
backend be2
  server s1 192.0.2.2:80
`;

void describe('unreachable-rule', () => {
  void it('flags use_backend lines after an unconditional one, and default_backend', () => {
    const { issues } = expectFindings(
      unreachableRule,
      `${DEFAULTS}frontend fe
  bind :80
  acl is_api path_beg /api
  use_backend be1
  <|use_backend be2 if is_api|>
  <|default_backend be2|>
${BACKENDS}`,
    );
    assert.match(issues[0]?.message ?? '', /unconditional use_backend above always chooses first/);
    assert.match(issues[1]?.message ?? '', /default_backend is never used/);
  });

  void it('flags a use_backend whose condition repeats an earlier one', () => {
    expectFindings(
      unreachableRule,
      `${DEFAULTS}listen app
  bind :80
  acl is_api path_beg /api
  use_backend be1 if is_api
  use_backend be2 unless is_api
  <|use_backend be2 if is_api|>
  <|use_backend be2 if is_api { src 192.0.2.0/24 }|>
  default_backend be2
${BACKENDS}`,
    );
  });

  void it('leaves dynamic names and volatile conditions alone', () => {
    expectFindings(
      unreachableRule,
      `${DEFAULTS}frontend fe
  bind :80
  acl coin rand(2) -m int 0
  use_backend be1 if coin
  use_backend be2 if coin
  use_backend be1 if { rand(2) -m int 1 }
  use_backend be2 if { rand(2) -m int 1 }
  use_backend %[req.hdr(host),lower]
  use_backend be1
  default_backend be2
${BACKENDS}`.replace('  use_backend be1\n  default_backend', '  default_backend'),
    );
  });
});

void describe('unreachable-rule: conditions implied by an earlier one', () => {
  void it('flags a use_backend whose patterns an earlier ACL covers, and always_true earlier', () => {
    const { issues } = expectFindings(
      unreachableRule,
      `${DEFAULTS}frontend fe
  bind :80
  acl api path_beg /api
  acl v1 path_beg /api/v1 /api/v2
  acl shop hdr(host) -i shop.example.com
  use_backend be1 if api
  <|use_backend be2 if v1|>
  <|use_backend be2 if { path /api/x } || { path_beg /api/y }|>
  use_backend be1 if shop
  <|use_backend be2 if { hdr(host) -i SHOP.example.com }|>
  use_backend be1 if { always_true }
  <|use_backend be2 if { path /other }|>
  <|default_backend be2|>
${BACKENDS}`,
    );
    assert.match(issues[0]?.message ?? '', /matches every request this one matches/);
    assert.match(issues[3]?.message ?? '', /whose condition always holds/);
  });

  void it('stays silent on near misses', () => {
    expectFindings(
      unreachableRule,
      `${DEFAULTS}frontend fe
  bind :80
  acl v1 path_beg /api/v1
  acl exact_host hdr(host) shop.example.com
  use_backend be1 if v1
  use_backend be2 if { path_beg /api }
  use_backend be1 if { url_beg /api/v1/x }
  use_backend be2 if { path -m sub /api/v1/x }
  use_backend be1 if !v1 { path_beg /z }
  use_backend be1 unless v1
  use_backend be1 if exact_host
  use_backend be2 if { hdr(host) -i shop.example.com }
  use_backend be2 if { path_beg -f /etc/haproxy/paths.lst }
  use_backend be1 if { path_beg /q } { src 192.0.2.1 }
  use_backend be2 if { path_beg /q/r }
  default_backend be2
${BACKENDS}`,
    );
  });
});
