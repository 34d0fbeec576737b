import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undefinedAcl } from '../../../../server/src/core/haproxy/rules/undefined-acl.js';
import { applyFix, DEFAULTS, expectFindings } from './harness.js';

void describe('undefined-acl', () => {
  void it('reports unknown names, offering close ACL names', () => {
    const { issues, text } = expectFindings(
      undefinedAcl,
      `${DEFAULTS}frontend fe
  bind :80
  acl is_api path_beg /api
  http-request deny if !<|is_apj|> || { src 10.0.0.0/8 }
  use_backend be if <|missing|> METH_GET
  default_backend be
backend be
  server s1 127.0.0.1:80
`,
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.match(applyFix(text, issues[0]), /deny if !is_api \|\|/);
  });

  void it('accepts predefined ACLs and anonymous ACLs', () => {
    expectFindings(
      undefinedAcl,
      `${DEFAULTS}frontend fe
  bind :80
  http-request deny if !TRUE FALSE LOCALHOST HTTP METH_GET HTTP_1.1 WAIT_END REQ_CONTENT
  http-request allow if { path / }
`,
    );
  });

  void it('reports an ACL used above its definition, pointing at the definition', () => {
    const { issues } = expectFindings(
      undefinedAcl,
      `${DEFAULTS}frontend fe
  bind :80
  http-request deny if <|late|>
  acl late path /
`,
    );
    assert.match(issues[0]?.message ?? '', /before its definition/);
    assert.equal(issues[0]?.related?.length, 1);
  });

  void it('does not let a definition in one .if arm serve a use in the other arm', () => {
    expectFindings(
      undefinedAcl,
      `${DEFAULTS}frontend fe
  bind :80
.if defined(A)
  acl x path /a
.else
  http-request deny if <|x|>
.endif
.if defined(B)
  acl y path /b
.endif
  http-request deny if y
`,
    );
  });

  void it('does not take ACLs from defaults at 2.6, but gives later versions the benefit of the doubt', () => {
    const config = `defaults base
  mode http
  acl from_defaults path /
frontend fe from base
  bind :80
  http-request deny if <|from_defaults|>
`;
    expectFindings(undefinedAcl, config, '2.6');
    expectFindings(undefinedAcl, config.replace(/<\||\|>/g, ''), '3.2');
  });
});

void describe('undefined-acl: the acl() fetch (3.0)', () => {
  void it('reports a name the fetch cannot find above it, as haproxy -c 3.0 does', () => {
    expectFindings(
      undefinedAcl,
      `${DEFAULTS}frontend fe
  bind :80
  acl api path_beg /api
  http-request set-var(txn.a) acl(!api,<|later|>)
  acl later path_beg /x
  http-request deny if later
  default_backend be
backend be
  server s1 127.0.0.1:80
`,
      '3.0',
    );
  });
});
