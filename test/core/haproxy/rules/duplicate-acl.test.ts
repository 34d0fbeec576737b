import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duplicateAcl } from '../../../../server/src/core/haproxy/rules/duplicate-acl.js';
import { unknownOption } from '../../../../server/src/core/haproxy/rules/unknown-option.js';
import { DEFAULTS, applyFix, expectFindings } from './harness.js';

void describe('duplicate-acl', () => {
  // haproxy -c 2.6 accepts all of these (exit 0); a running 2.6 answers a request with the
  // proxy's `acl TRUE always_false`, not with the predefined TRUE.
  void it('warns when a proxy ACL takes the name of a predefined ACL', () => {
    const { issues } = expectFindings(
      duplicateAcl,
      `${DEFAULTS}frontend fe
  bind 127.0.0.1:8080
  acl <|TRUE|> always_false
  acl <|METH_GET|> method POST
  acl is_get method GET
  http-request deny if TRUE || METH_GET
  default_backend be
backend be
  server s1 127.0.0.1:80
`,
    );
    assert.equal(issues[0]?.severity, 'warning');
    assert.match(
      issues[0]?.message ?? '',
      /replaces HAProxy's predefined ACL 'TRUE' \(always_true\)/,
    );
  });

  void it('hints at a line repeating an earlier definition, with a fix removing it', () => {
    const input = `${DEFAULTS}frontend fe
  bind 127.0.0.1:8080
  acl api path_beg /api
  acl api hdr(host) -i api.example.com
  <|acl api path_beg /api|>
  use_backend be if api
  default_backend be
backend be
  server s1 127.0.0.1:80
`;
    const { issues, text } = expectFindings(duplicateAcl, input);
    assert.equal(issues[0]?.severity, 'hint');
    assert.deepEqual(issues[0]?.tags, ['unnecessary']);
    assert.equal(issues[0]?.related?.length, 1);
    assert.equal(
      applyFix(text, issues[0])
        .split('\n')
        .filter((line) => line.includes('path_beg')).length,
      1,
    );
  });

  // Several lines with one name OR together (accepted by haproxy -c 2.6, exit 0), even with a
  // different fetch or flags; the same line in exclusive .if arms or in other proxies is fine.
  void it('accepts ORed definitions, other proxies and exclusive .if arms', () => {
    expectFindings(
      duplicateAcl,
      `${DEFAULTS}frontend fe
  bind 127.0.0.1:8080
  acl a path_beg /x
  acl a path_beg -i /x
  acl a src 10.0.0.0/8
.if defined(PROD)
  acl b path /p
.else
  acl b path /p
.endif
  acl c hdr(x) "\${VALUE}"
  acl c hdr(x) "\${VALUE}"
  default_backend be
backend be
  acl a path_beg /x
  server s1 127.0.0.1:80
`,
    );
  });
});

void describe('unknown-option on bind lines', () => {
  // haproxy -c 2.6 (exit 1): "'bind 127.0.0.1:8443' in section 'frontend': unknown keyword 'alpm';
  // did you mean 'alpn' maybe ?"
  void it('suggests and fixes a misspelt bind option', () => {
    const { issues, text } = expectFindings(
      unknownOption,
      `${DEFAULTS}frontend fe
  bind 127.0.0.1:8443 <|alpm|> h2
  default_backend be
backend be
  server s1 127.0.0.1:80
`,
    );
    assert.match(issues[0]?.message ?? '', /did you mean 'alpn'\?/);
    assert.match(applyFix(text, issues[0]), /bind 127\.0\.0\.1:8443 alpn h2/);
  });
});
