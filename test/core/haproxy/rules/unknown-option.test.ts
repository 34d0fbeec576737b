import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unknownOption } from '../../../../server/src/core/haproxy/rules/unknown-option.js';
import { DEFAULTS, applyFix, expectFindings } from './harness.js';

void describe('unknown-option', () => {
  void it('reports unknown bind and server options with a fix', () => {
    const { issues, text } = expectFindings(
      unknownOption,
      `${DEFAULTS}frontend fe
  bind 127.0.0.1:8080 <|foo-opt|>
  default_backend be
backend be
  default-server inter 2s <|fal|> 3
  server s1 127.0.0.1:80 <|chek|> weight 10
`,
    );
    assert.match(issues[2]?.message ?? '', /did you mean 'check'\?/);
    assert.match(applyFix(text, issues[2] ?? assert.fail()), /127\.0\.0\.1:80 check weight 10/);
  });

  void it('accepts options, their arguments, no- forms and parenthesised names', () => {
    expectFindings(
      unknownOption,
      `${DEFAULTS}frontend fe
  bind :443 ssl crt /etc/haproxy/site.pem alpn h2,http/1.1
  default_backend be
backend be
  server s1 127.0.0.1:80 check inter 2s no-ssl send-proxy-v2 set-proxy-v2-tlv-fmt(0xE1) %[str(x)]
  server s2 127.0.0.1:81 "\${OPTS}"
`,
      '3.2',
    );
  });

  void it('names the version that brought a newer option', () => {
    const input = `${DEFAULTS}backend be
  server s1 127.0.0.1:80 <|healthcheck|> hc
`;
    const { issues } = expectFindings(unknownOption, input, '3.2');
    assert.match(issues[0]?.message ?? '', /appeared in 3\.4/);
  });

  // haproxy -c 3.0.11 accepts `hash-key` on a server line; 2.6.12: "unknown keyword 'hash-key'".
  void it('knows the server option hash-key from 3.0 on', () => {
    const input = `${DEFAULTS}backend be
  balance source
  hash-type consistent
  server s1 127.0.0.1:80 <|hash-key|> addr-port
`;
    const { issues } = expectFindings(unknownOption, input, '2.6');
    assert.match(issues[0]?.message ?? '', /appeared in 3\.0/);
    expectFindings(unknownOption, input.replace(/<\||\|>/g, ''), '3.0');
  });
});
