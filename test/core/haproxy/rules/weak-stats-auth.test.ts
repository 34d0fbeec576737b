import { describe, it } from 'node:test';
import { weakStatsAuth } from '../../../../server/src/core/haproxy/rules/weak-stats-auth.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('weak-stats-auth', () => {
  void it('reports default, short and user-named passwords', () => {
    expectFindings(
      weakStatsAuth,
      `${DEFAULTS}listen st
  bind 127.0.0.1:8404
  stats enable
  stats auth <|admin:admin|>
  stats auth <|ops:password|>
  stats auth <|ops:x9!|>
  stats auth <|longusername:longusername|>
`,
    );
  });

  void it('accepts a strong password and environment variables', () => {
    expectFindings(
      weakStatsAuth,
      `${DEFAULTS}listen st
  bind 127.0.0.1:8404
  stats auth ops:c0rrect-h0rse-battery
  stats auth "ops:\${STATS_PASSWORD}"
`,
    );
  });
});
