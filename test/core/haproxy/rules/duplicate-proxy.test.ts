import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duplicateProxy } from '../../../../server/src/core/haproxy/rules/duplicate-proxy.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('duplicate-proxy', () => {
  void it('reports same-side clashes and relates the first declaration', () => {
    const { issues } = expectFindings(
      duplicateProxy,
      `${DEFAULTS}backend app
  server s1 127.0.0.1:80
backend <|app|>
  server s1 127.0.0.1:80
listen web
  bind :81
frontend <|web|>
  bind :82
listen pool
  bind :83
backend <|pool|>
  server s1 127.0.0.1:80
`,
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.equal(issues[0]?.related?.length, 1);
  });

  void it('accepts a frontend and a backend of one name, twin defaults, and exclusive .if arms', () => {
    expectFindings(
      duplicateProxy,
      `defaults d
defaults d
frontend app
  bind :80
  default_backend app
backend app
  server s1 127.0.0.1:80
backend solo
  server s1 127.0.0.1:80
listen solo
  bind :81
.if defined(BLUE)
backend pool
  server s1 10.0.0.1:80
.else
backend pool
  server s1 10.0.0.2:80
.endif
`,
    );
  });
});
