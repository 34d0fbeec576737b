import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conditionAlwaysTrue } from '../../../../server/src/core/haproxy/rules/condition-always-true.js';
import { DEFAULTS, expectFindings } from './harness.js';

const BACKEND = `backend be1
  server s1 192.0.2.1:80
`;

void describe('condition-always-true', () => {
  void it('flags always_true and an ACL ORed with its negation', () => {
    const { issues } = expectFindings(
      conditionAlwaysTrue,
      `${DEFAULTS}frontend fe
  bind :80
  acl api path_beg /api
  acl yes always_true
  http-request set-header X-A 1 <|if { always_true }|>
  http-request set-header X-B 1 <|if api || !api|>
  http-request set-header X-C 1 <|unless yes|>
  http-request set-header X-D 1 <|if !{ always_false }|>
  default_backend be1
${BACKEND}`,
    );
    assert.match(issues[0]?.message ?? '', /'\{ always_true \}' always matches/);
    assert.match(issues[1]?.message ?? '', /'api' or '!api' always holds/);
    assert.match(issues[2]?.message ?? '', /it never applies/);
  });

  void it('stays silent on TRUE, tcp rules, volatile and undecided conditions', () => {
    expectFindings(
      conditionAlwaysTrue,
      `${DEFAULTS}frontend fe
  bind :80
  tcp-request inspect-delay 5s
  acl api path_beg /api
  acl coin rand(2) -m int 0
  acl empty path_beg
  tcp-request content accept if api || !api
  http-request set-header X-A 1 if TRUE
  http-request set-header X-B 1 if coin || !coin
  http-request set-header X-C 1 if !empty
  http-request set-header X-D 1 if api || !{ path_beg /api }
  http-request set-header X-E 1 if { always_true } api
  default_backend be1
${BACKEND}`,
    );
  });
});
