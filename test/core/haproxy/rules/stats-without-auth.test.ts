import { describe, it } from 'node:test';
import { statsWithoutAuth } from '../../../../server/src/core/haproxy/rules/stats-without-auth.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('stats-without-auth', () => {
  void it('reports stats on a public or wildcard bind without auth', () => {
    expectFindings(
      statsWithoutAuth,
      `${DEFAULTS}listen st
  bind :8404
  <|stats enable|>
listen st2
  bind 203.0.113.5:8404
  <|stats uri|> /stats
`,
    );
  });

  void it('accepts private binds and protected pages, auth inherited from defaults included', () => {
    expectFindings(
      statsWithoutAuth,
      `${DEFAULTS}listen local
  bind 127.0.0.1:8404
  stats enable
listen lan
  bind 10.1.2.3:8404
  stats enable
listen guarded
  bind :8405
  stats enable
  stats auth ops:c0rrect-h0rse
defaults
  mode http
  stats auth ops:c0rrect-h0rse
listen inherited
  bind :8406
  stats enable
`,
    );
  });
});
