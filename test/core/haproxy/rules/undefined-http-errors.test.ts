import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undefinedHttpErrors } from '../../../../server/src/core/haproxy/rules/undefined-http-errors.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('undefined-http-errors', () => {
  void it('reports a reference to a missing http-errors section', () => {
    const { issues } = expectFindings(
      undefinedHttpErrors,
      `${DEFAULTS}backend be
  errorfiles <|site|>
  http-error status 503 errorfiles <|site2|>
  http-request deny deny_status 403 errorfiles <|site3|>
`,
    );
    assert.ok(issues.length > 0);
    assert.match(issues[0]?.message ?? '', /http-errors/);
  });

  void it('accepts a reference to an existing http-errors section', () => {
    expectFindings(
      undefinedHttpErrors,
      `${DEFAULTS}http-errors site
  errorfile 503 /etc/haproxy/errors/503.http
backend be
  errorfiles site 503
  http-error status 503 errorfiles site
  errorfile 404 /etc/haproxy/errors/404.http
`,
    );
  });
});
