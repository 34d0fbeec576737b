import { describe, it } from 'node:test';
import { checksWithoutCheck } from '../../../../server/src/core/haproxy/rules/checks-without-check.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('checks-without-check', () => {
  void it('reports check settings no server uses', () => {
    expectFindings(
      checksWithoutCheck,
      `${DEFAULTS}backend be
  <|option httpchk|> GET /health
  http-check expect status 200
  server s1 10.0.0.1:80
`,
    );
  });

  void it('accepts them when one server checks, even through default-server', () => {
    expectFindings(
      checksWithoutCheck,
      `${DEFAULTS}backend be
  option httpchk GET /health
  default-server check
  server s1 10.0.0.1:80
`,
    );
  });
});
