import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undefinedBackend } from '../../../../server/src/core/haproxy/rules/undefined-backend.js';
import { applyFix, DEFAULTS, expectFindings } from './harness.js';

void describe('undefined-backend', () => {
  void it('reports use_backend and default_backend to missing backends, with a did-you-mean fix', () => {
    const { issues, text } = expectFindings(
      undefinedBackend,
      `${DEFAULTS}frontend fe
  bind :80
  use_backend <|be_apii|> if { path_beg /api }
  default_backend <|nowhere|>
backend be_api
  server s1 127.0.0.1:8080
`,
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.match(applyFix(text, issues[0]), /use_backend be_api if/);
    assert.deepEqual(issues[1]?.fixes, []);
  });

  void it('accepts listen targets and skips dynamic names', () => {
    expectFindings(
      undefinedBackend,
      `${DEFAULTS}frontend fe
  bind :80
  use_backend %[req.hdr(host),lower] if { req.hdr(host) -m found }
  use_backend "be_\${ENV}" if TRUE
  default_backend app
listen app
  bind :81
  server s1 127.0.0.1:8080
`,
    );
  });

  void it('says when the name is a frontend', () => {
    const { issues } = expectFindings(
      undefinedBackend,
      `${DEFAULTS}frontend fe
  bind :80
  default_backend <|other|>
frontend other
  bind :81
`,
    );
    assert.match(issues[0]?.message ?? '', /is a frontend/);
    assert.equal(issues[0]?.related?.length, 1);
  });

  void it('ignores backends declared in a branch not taken at the target version', () => {
    expectFindings(
      undefinedBackend,
      `${DEFAULTS}frontend fe
  bind :80
  default_backend <|be|>
.if version_atleast(9.0)
backend be
  server s1 127.0.0.1:80
.endif
`,
    );
  });
});
