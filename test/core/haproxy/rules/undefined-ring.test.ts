import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undefinedRing } from '../../../../server/src/core/haproxy/rules/undefined-ring.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('undefined-ring', () => {
  void it('reports a reference to a missing ring section', () => {
    const { issues } = expectFindings(
      undefinedRing,
      `global
  log ring@<|buf|> local0
${DEFAULTS}backend be
  log ring@<|bufs|> local0
`,
    );
    assert.ok(issues.length > 0);
    assert.match(issues[0]?.message ?? '', /ring/);
  });

  void it('accepts a reference to an existing ring section', () => {
    expectFindings(
      undefinedRing,
      `global
  log ring@buf local0
  log 127.0.0.1:514 local0
ring buf
  size 32764
`,
    );
  });
});
