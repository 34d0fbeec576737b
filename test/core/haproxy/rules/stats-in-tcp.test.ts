import { describe, it } from 'node:test';
import { statsInTcp } from '../../../../server/src/core/haproxy/rules/stats-in-tcp.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('stats-in-tcp', () => {
  void it('reports the first stats line of a tcp proxy', () => {
    expectFindings(
      statsInTcp,
      `listen st
  mode tcp
  bind :8404
  <|stats enable|>
  stats uri /
`,
    );
  });

  void it('accepts stats in http mode', () => {
    expectFindings(statsInTcp, `${DEFAULTS}listen st\n  bind :8404\n  stats enable\n`);
  });
});
