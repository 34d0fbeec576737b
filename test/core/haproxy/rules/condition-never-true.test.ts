import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conditionNeverTrue } from '../../../../server/src/core/haproxy/rules/condition-never-true.js';
import { DEFAULTS, expectFindings } from './harness.js';

const BACKEND = `backend be1
  server s1 192.0.2.1:80
`;

void describe('condition-never-true', () => {
  void it('flags an ACL ANDed with its negation and disjoint patterns on one sample', () => {
    const { issues } = expectFindings(
      conditionNeverTrue,
      `${DEFAULTS}frontend fe
  bind :80
  acl a path_beg /a
  acl b path_beg /b
  acl home path / /index.html
  acl ua req.hdr(user-agent) -m sub bot
  http-request deny <|if a b|>
  http-request deny <|if ua !ua|>
  http-request deny <|unless { path /x } { path /y }|>
  http-request deny <|if home { path_beg /static }|>
  http-request deny <|if { path_end .css } { path /x.js }|>
  http-request deny <|if { path_beg -i /A } { path_beg /b } || a !a|>
  default_backend be1
${BACKEND}`,
    );
    assert.match(
      issues[0]?.message ?? '',
      /'a' and 'b' never match the same path, so this 'http-request' rule never applies/,
    );
    assert.match(issues[1]?.message ?? '', /'ua' and '!ua' cannot both hold/);
    assert.match(issues[2]?.message ?? '', /'unless' never holds this 'http-request' rule back/);
  });

  void it('stays silent on near misses', () => {
    expectFindings(
      conditionNeverTrue,
      `${DEFAULTS}frontend fe
  bind :80
  acl api path_beg /api
  acl v1 path_beg /api/v1
  acl host_a hdr(host) a.example.com
  acl host_b hdr(host) b.example.com
  acl coin rand(2) -m int 0
  http-request deny if api v1
  http-request deny if host_a host_b
  http-request deny if { path_beg /a } { url_beg /b }
  http-request deny if { path_beg /a } { path -m sub /b }
  http-request deny if { path_beg -i /A } { path_beg /a }
  http-request deny if { path /A } { path -i /a }
  http-request deny if { path_beg /a } { path_end /b }
  http-request deny if { path_beg /a } { path_beg -f /etc/haproxy/b.lst }
  http-request deny if coin !coin
  http-request deny if api || !api
  http-request deny if api !v1
  http-request deny if FALSE
  default_backend be1
${BACKEND}`,
    );
  });
});
