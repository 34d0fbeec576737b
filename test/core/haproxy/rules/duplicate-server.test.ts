import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duplicateServer } from '../../../../server/src/core/haproxy/rules/duplicate-server.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('duplicate-server', () => {
  void it('reports a second server with the same name in one backend', () => {
    const { issues } = expectFindings(
      duplicateServer,
      `${DEFAULTS}backend be
  server s1 10.0.0.1:80
  server <|s1|> 10.0.0.2:80
backend other
  server s1 10.0.0.3:80
`,
    );
    assert.equal(issues[0]?.related?.length, 1);
  });

  void it('does not report servers in exclusive .if arms, but does across an unrelated block', () => {
    expectFindings(
      duplicateServer,
      `${DEFAULTS}backend be
.if defined(PROD)
  server s1 10.0.0.1:80
.else
  server s1 127.0.0.1:80
.endif
.if defined(EXTRA)
  server <|s1|> 10.0.0.9:80
.endif
`,
    );
  });
});
