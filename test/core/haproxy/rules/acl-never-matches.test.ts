import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aclNeverMatches } from '../../../../server/src/core/haproxy/rules/acl-never-matches.js';
import { DEFAULTS, expectFindings } from './harness.js';

const BACKEND = `backend be1
  server s1 192.0.2.1:80
`;

void describe('acl-never-matches', () => {
  void it('flags ACLs with no pattern to compare with, named or anonymous', () => {
    const { issues } = expectFindings(
      aclNeverMatches,
      `${DEFAULTS}frontend fe
  bind :80
  acl empty_beg <|path_beg|>
  acl empty_host <|hdr(host)|>
  acl empty_count <|req.hdr_cnt(x)|>
  acl empty_fold <|path -i|>
  acl empty_method <|path -m beg|>
  http-request deny if empty_beg || empty_host || empty_count || empty_fold || empty_method
  use_backend be1 if { <|path_end|> }
  default_backend be1
${BACKEND}`,
    );
    assert.match(
      issues[0]?.message ?? '',
      /ACL 'empty_beg' has no pattern to compare 'path_beg' with/,
    );
    assert.match(issues[5]?.message ?? '', /This anonymous ACL has no pattern/);
    assert.equal(issues[0]?.severity, 'warning');
  });

  void it('gives a hint for always_false', () => {
    const { issues } = expectFindings(
      aclNeverMatches,
      `${DEFAULTS}frontend fe
  bind :80
  acl off <|always_false|>
  http-request deny if off
  default_backend be1
${BACKEND}`,
    );
    assert.equal(issues[0]?.severity, 'hint');
  });

  void it('leaves alone what matches without patterns, or says so on purpose', () => {
    expectFindings(
      aclNeverMatches,
      `${DEFAULTS}frontend fe
  bind :80
  acl a1 ssl_fc
  acl a2 req.hdr(x-debug) -m found
  acl a3 req.hdr_cnt(x) -m bool
  acl a4 path --
  acl a5 path_beg -f /etc/haproxy/paths.lst
  acl a6 always_true
  acl a7 path_beg /api
  acl a8 var(txn.flag) -m bool
  acl a9 always_false -m found
  http-request deny if a1 a2 a3 a4 a5 a6 a7 a8 a9 FALSE
  default_backend be1
${BACKEND}`,
    );
  });
});
