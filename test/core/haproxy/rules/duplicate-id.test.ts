import { describe, it } from 'node:test';
import { duplicateId } from '../../../../server/src/core/haproxy/rules/duplicate-id.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('duplicate-id', () => {
  void it('reports server and bind ids used twice in one proxy', () => {
    expectFindings(
      duplicateId,
      `${DEFAULTS}frontend fe
  bind 127.0.0.1:8080 id 3
  bind 127.0.0.1:8081 id <|3|>
  default_backend be
backend be
  server app1 10.0.0.11:8080 id 07
  server app2 10.0.0.12:8080 id <|7|>
  server app3 10.0.0.13:8080 id <|7a|>
`,
    );
  });

  void it('keeps proxies, servers and binds, and .if arms apart', () => {
    expectFindings(
      duplicateId,
      `${DEFAULTS}listen li
  bind 127.0.0.1:8080 id 5
  server s1 10.0.0.1:80 id 5
backend b1
  server s1 10.0.0.1:80 id 1
backend b2
  server s1 10.0.0.1:80 id 1
.if defined(BLUE)
  server s2 10.0.0.2:80 id 2
.else
  server s3 10.0.0.3:80 id 2
.endif
  server s4 10.0.0.4:80 id "\${ID}"
  server s5 10.0.0.5:80 id "\${ID}"
`,
    );
  });
});
