import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkIntervalRange } from '../../../../server/src/core/haproxy/rules/check-interval-range.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('check-interval-range', () => {
  // haproxy -c 2.6.12 and 3.0.11 read rise/fall with atol into an int: `rise +5` is fine, and
  // `fall 4294967296` reads 0 ("'fall' has to be > 0").
  void it('reports values out of range, and zero rise/fall as errors', () => {
    const { issues } = expectFindings(
      checkIntervalRange,
      `${DEFAULTS}backend be
  default-server inter <|10|>
  server s1 10.0.0.1:80 check inter <|2h|> fall <|0|> rise <|500|> fastinter 2s
  server s2 10.0.0.2:80 check rise <|abc|>
  server s3 10.0.0.3:80 check rise +5 fall <|4294967296|>
`,
    );
    assert.deepEqual(
      [...issues].sort((a, b) => a.start - b.start).map((issue) => issue.severity),
      ['warning', 'warning', 'error', 'warning', 'error', 'error'],
    );
  });

  void it('accepts ordinary timings', () => {
    expectFindings(
      checkIntervalRange,
      `${DEFAULTS}backend be
  server s1 10.0.0.1:80 check inter 2s fastinter 500ms downinter 1m rise 2 fall 3
`,
    );
  });
});
