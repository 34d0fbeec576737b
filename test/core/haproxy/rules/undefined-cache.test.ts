import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undefinedCache } from '../../../../server/src/core/haproxy/rules/undefined-cache.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('undefined-cache', () => {
  void it('reports a reference to a missing cache section', () => {
    const { issues } = expectFindings(
      undefinedCache,
      `${DEFAULTS}cache web
  total-max-size 64
frontend fe
  bind :80
  http-request cache-use <|webb|>
  http-response cache-store <|webb|>
  filter cache <|other|>
`,
    );
    assert.ok(issues.length > 0);
    assert.match(issues[0]?.message ?? '', /cache/);
  });

  void it('accepts a reference to an existing cache section', () => {
    expectFindings(
      undefinedCache,
      `${DEFAULTS}cache web
  total-max-size 64
frontend fe
  bind :80
  filter cache web
  http-request cache-use web
  http-response cache-store web
`,
    );
  });
});
