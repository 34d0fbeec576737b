import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undefinedMailers } from '../../../../server/src/core/haproxy/rules/undefined-mailers.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('undefined-mailers', () => {
  void it('reports a reference to a missing mailers section', () => {
    const { issues } = expectFindings(
      undefinedMailers,
      `${DEFAULTS}backend be
  email-alert mailers <|mta|>
  email-alert from a@example.com
  email-alert to b@example.com
`,
    );
    assert.ok(issues.length > 0);
    assert.match(issues[0]?.message ?? '', /mailers/);
  });

  void it('accepts a reference to an existing mailers section', () => {
    expectFindings(
      undefinedMailers,
      `${DEFAULTS}mailers mta
  mailer smtp1 10.0.0.25:25
backend be
  email-alert mailers mta
`,
    );
  });
});
