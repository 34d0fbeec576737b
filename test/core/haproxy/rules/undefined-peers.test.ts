import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undefinedPeers } from '../../../../server/src/core/haproxy/rules/undefined-peers.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('undefined-peers', () => {
  void it('reports a reference to a missing peers section', () => {
    const { issues } = expectFindings(
      undefinedPeers,
      `${DEFAULTS}backend be
  stick-table type ip size 1m expire 10m peers <|cluster|>
  server s1 127.0.0.1:80
`,
    );
    assert.ok(issues.length > 0);
    assert.match(issues[0]?.message ?? '', /peers/);
  });

  void it('accepts a reference to an existing peers section', () => {
    expectFindings(
      undefinedPeers,
      `${DEFAULTS}peers cluster
  peer lb1 10.0.0.1:10000
backend be
  stick-table type ip size 1m expire 10m peers cluster
  server s1 127.0.0.1:80
`,
    );
  });
});
