import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unusedAcl } from '../../../../server/src/core/haproxy/rules/unused-acl.js';
import { DEFAULTS, applyFix, expectFindings } from './harness.js';

const BACKEND = `backend be1
  server s1 192.0.2.1:80
`;

void describe('unused-acl', () => {
  void it('flags each line of an ACL no condition uses, with a fix removing the line', () => {
    const { issues, text } = expectFindings(
      unusedAcl,
      `${DEFAULTS}frontend fe
  bind :80
  acl <|forgotten|> path_beg /old
  acl <|forgotten|> path_beg /older
  acl used path_beg /api
  use_backend be1 if used
  default_backend be1
${BACKEND}`,
    );
    assert.match(
      issues[0]?.message ?? '',
      /ACL 'forgotten' is defined in frontend 'fe' but no condition uses it/,
    );
    assert.equal(issues[0]?.tags?.[0], 'unnecessary');
    const fixed = applyFix(text, issues[0]);
    assert.ok(!fixed.includes('/old\n') && fixed.includes('/older\n'), fixed);
  });

  void it('counts every place HAProxy resolves ACL names', () => {
    expectFindings(
      unusedAcl,
      `${DEFAULTS}frontend fe
  bind :80
  acl a1 src 192.0.2.1
  acl a2 path_beg /x
  acl a3 path_beg /y
  acl a4 path_beg /z
  acl a5 nbsrv(be1) lt 1
  acl a6 path_beg /w
  acl a7 path_beg /v
  acl a8 path_beg /u
  tcp-request content reject if !a1 a2
  monitor-uri /health
  monitor fail if a5
  http-request deny unless a3 || a4
  redirect prefix https://example.com if a6
  use_backend be1 if { path_beg /t } a7
  stats admin if a8
  default_backend be1
${BACKEND}`,
    );
  });

  void it('counts the rules of a named defaults section, which its proxies inherit', () => {
    expectFindings(
      unusedAcl,
      `defaults base
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
  acl inherited path_beg /d
  acl <|nobody|> path_beg /n
  http-request deny if inherited
frontend fe from base
  bind :80
  default_backend be1
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
backend be1
  server s1 192.0.2.1:80
`,
      '2.8',
    );
  });

  void it('counts the acl() fetch from 3.0, and leaves computed names alone', () => {
    expectFindings(
      unusedAcl,
      `${DEFAULTS}frontend fe
  bind :80
  acl api path_beg /api
  http-request set-var(txn.api) acl(!api)
  default_backend be1
frontend fe2
  bind :81
  acl one path_beg /1
  http-request deny if "\${WHICH}"
  default_backend be1
${BACKEND}`,
      '3.0',
    );
  });
});
