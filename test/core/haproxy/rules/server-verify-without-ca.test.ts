import { describe, it } from 'node:test';
import { serverVerifyWithoutCa } from '../../../../server/src/core/haproxy/rules/server-verify-without-ca.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('server-verify-without-ca', () => {
  void it('reports TLS servers that verify without a CA file', () => {
    expectFindings(
      serverVerifyWithoutCa,
      `${DEFAULTS}backend be
  server s1 10.0.0.1:443 <|ssl|>
  server s2 10.0.0.2:443 ssl <|verify required|> check
  server s3 10.0.0.3:443 check <|check-ssl|>
  server-template web 2 10.0.0.4:443 <|ssl|>
backend be2
  default-server ssl
  server <|s1|> 10.0.0.1:443
`,
    );
  });

  void it('accepts a CA file, verify none, the global switch and plain servers', () => {
    expectFindings(
      serverVerifyWithoutCa,
      `${DEFAULTS}backend be
  default-server ca-file /etc/haproxy/ca.pem
  server s1 10.0.0.1:443 ssl
backend be2
  default-server verify none
  server s1 10.0.0.1:443 ssl
  server s2 10.0.0.2:443 ssl verify required ca-file @system-ca
  server s3 10.0.0.3:443 verify required
  server s4 10.0.0.4:443 ssl no-ssl
backend be3
  default-server ssl
  server s1 10.0.0.1:443 no-ssl
`,
    );
  });

  void it("follows global 'ssl-server-verify'", () => {
    expectFindings(
      serverVerifyWithoutCa,
      `global
  ssl-server-verify none
${DEFAULTS}backend be
  server s1 10.0.0.1:443 ssl
  server s2 10.0.0.2:443 ssl <|verify required|>
`,
    );
  });
});
