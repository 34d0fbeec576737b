import { describe, it } from 'node:test';
import { serverVerifyNone } from '../../../../server/src/core/haproxy/rules/server-verify-none.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('server-verify-none', () => {
  void it('reports verify none on ssl servers, inherited or not, and the global switch', () => {
    expectFindings(
      serverVerifyNone,
      `global
  <|ssl-server-verify none|>
${DEFAULTS}backend be
  default-server ssl <|verify none|>
  server s1 10.0.0.1:443
  server s2 10.0.0.2:443
  server s3 10.0.0.3:443 <|verify none|>
`,
    );
  });

  void it('accepts verified TLS and plain servers with verify none', () => {
    expectFindings(
      serverVerifyNone,
      `${DEFAULTS}backend be
  server s1 10.0.0.1:443 ssl verify required ca-file /ca.pem
  server s2 10.0.0.2:80 verify none
`,
    );
  });
});
