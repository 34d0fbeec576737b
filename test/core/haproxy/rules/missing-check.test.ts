import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingCheck } from '../../../../server/src/core/haproxy/rules/missing-check.js';
import { applyFix, DEFAULTS, expectFindings } from './harness.js';

void describe('missing-check', () => {
  void it('reports unchecked servers of a balanced backend and unchecked backups', () => {
    const { issues, text } = expectFindings(
      missingCheck,
      `${DEFAULTS}backend be
  server <|s1|> 10.0.0.1:80
  server s2 10.0.0.2:80 check
backend failover
  server <|primary|> 10.0.0.1:80
  server <|spare|> 10.0.0.9:80 backup
backend single
  server only 10.0.0.1:80
`,
    );
    assert.match(applyFix(text, issues[0]), /server s1 10\.0\.0\.1:80 check\n/);
  });

  void it('follows default-server from the backend and the defaults, and no-check', () => {
    expectFindings(
      missingCheck,
      `defaults
  default-server check inter 2s
backend inherited
  server s1 10.0.0.1:80
  server s2 10.0.0.2:80
backend cancelled
  server s1 10.0.0.1:80
  server <|s2|> 10.0.0.2:80 no-check
backend own
  default-server no-check
  server <|s1|> 10.0.0.1:80
  server s2 10.0.0.2:80 check
  server s3 10.0.0.3:80 track own/s2
`,
    );
  });
});
