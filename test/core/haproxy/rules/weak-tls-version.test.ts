import { describe, it } from 'node:test';
import { weakTlsVersion } from '../../../../server/src/core/haproxy/rules/weak-tls-version.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('weak-tls-version', () => {
  void it('reports old protocol settings on bind, server and global lines', () => {
    expectFindings(
      weakTlsVersion,
      `global
  ssl-default-bind-options ssl-min-ver <|TLSv1.0|>
  ssl-default-server-options <|force-tlsv11|>
${DEFAULTS}frontend fe
  bind :443 ssl crt /x.pem ssl-min-ver <|SSLv3|>
backend be
  server s1 10.0.0.1:443 ssl verify required ca-file /ca.pem ssl-max-ver <|TLSv1.1|>
`,
    );
  });

  void it('accepts TLS 1.2 and later', () => {
    expectFindings(
      weakTlsVersion,
      `global
  ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets
${DEFAULTS}frontend fe
  bind :443 ssl crt /x.pem ssl-min-ver TLSv1.3
`,
    );
  });
});
