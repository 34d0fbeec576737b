import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPortUnknown } from '../../../../server/src/core/haproxy/rules/check-port-unknown.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('check-port-unknown', () => {
  void it('reports a checked server without any port', () => {
    const { issues } = expectFindings(
      checkPortUnknown,
      `${DEFAULTS}backend be
  server s1 <|10.0.0.1|> check
  server s2 10.0.0.2 check port 8080
  server s3 10.0.0.3:80 check
  server s4 10.0.0.4
  server s5 [::1]:80 check
  server s6 unix@/run/app.sock check
  server s7 "\${HOST}" check
`,
    );
    assert.equal(issues[0]?.severity, 'error');
  });

  void it('accepts a port from default-server or a tcp-check connect', () => {
    expectFindings(
      checkPortUnknown,
      `${DEFAULTS}backend a
  default-server port 9000
  server s1 10.0.0.1 check
backend b
  tcp-check connect port 6379
  server s1 10.0.0.1 check
`,
    );
  });
});
