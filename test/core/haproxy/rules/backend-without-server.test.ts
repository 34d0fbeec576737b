import { describe, it } from 'node:test';
import { backendWithoutServer } from '../../../../server/src/core/haproxy/rules/backend-without-server.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('backend-without-server', () => {
  void it('reports a backend with nothing to answer with', () => {
    expectFindings(
      backendWithoutServer,
      `${DEFAULTS}backend <|empty|>
  balance roundrobin
backend ok
  server s1 127.0.0.1:80
`,
    );
  });

  void it('accepts backends answering by themselves', () => {
    expectFindings(
      backendWithoutServer,
      `${DEFAULTS}backend returns
  http-request return status 200
backend stats
  stats enable
backend tpl
  server-template web 3 app.local:80
backend picks
  use-server s1 if TRUE
`,
    );
  });
});
