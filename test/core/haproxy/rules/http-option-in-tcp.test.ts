import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { httpOptionInTcp } from '../../../../server/src/core/haproxy/rules/http-option-in-tcp.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('http-option-in-tcp', () => {
  void it('reports HTTP-only lines in a tcp proxy', () => {
    const { issues } = expectFindings(
      httpOptionInTcp,
      `defaults
  mode tcp
  option httplog
frontend <|fe|>
  bind :80
  <|option forwardfor|>
  <|http-request|> deny if { path /x }
  default_backend be
backend be
  <|cookie|> SRV insert
  option httpchk
  server s1 127.0.0.1:80 check
`,
    );
    assert.equal(issues[0]?.severity, 'warning');
    // haproxy -c 2.6.12: "'option httplog' not usable with frontend 'fe' (needs 'mode http')".
    assert.match(issues[0]?.message ?? '', /inherits 'option httplog'/);
  });

  void it('accepts them in http mode', () => {
    expectFindings(
      httpOptionInTcp,
      `${DEFAULTS}frontend fe
  bind :80
  option forwardfor
  http-request deny if { path /x }
`,
    );
  });
});
