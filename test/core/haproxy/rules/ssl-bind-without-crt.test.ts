import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sslBindWithoutCrt } from '../../../../server/src/core/haproxy/rules/ssl-bind-without-crt.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('ssl-bind-without-crt', () => {
  void it('reports ssl without crt', () => {
    const { issues } = expectFindings(
      sslBindWithoutCrt,
      `${DEFAULTS}frontend fe
  bind :443 <|ssl|> alpn h2,http/1.1
`,
    );
    assert.equal(issues[0]?.severity, 'error');
  });

  void it('accepts crt and crt-list', () => {
    expectFindings(
      sslBindWithoutCrt,
      `${DEFAULTS}frontend fe
  bind :443 ssl crt /etc/haproxy/site.pem
  bind :8443 ssl crt-list /etc/haproxy/list.txt
  bind :80
`,
    );
  });
});
