import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undefinedUseServer } from '../../../../server/src/core/haproxy/rules/undefined-use-server.js';
import { applyFix, DEFAULTS, expectFindings } from './harness.js';

void describe('undefined-use-server', () => {
  void it('reports use-server to a server the backend lacks', () => {
    const { issues, text } = expectFindings(
      undefinedUseServer,
      `${DEFAULTS}backend be
  use-server <|web2|> if { path /b }
  server web1 127.0.0.1:80
  server web3 127.0.0.1:81
`,
    );
    assert.match(applyFix(text, issues[0]), /use-server web[13] if/);
  });

  void it('accepts known servers and dynamic names, and servers declared below the rule', () => {
    expectFindings(
      undefinedUseServer,
      `${DEFAULTS}backend be
  use-server web1 if { path /a }
  use-server %[req.hdr(x-srv)] if { req.hdr(x-srv) -m found }
  server web1 127.0.0.1:80
`,
    );
  });
});
