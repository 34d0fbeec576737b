import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undefinedTrackServer } from '../../../../server/src/core/haproxy/rules/undefined-track-server.js';
import { applyFix, DEFAULTS, expectFindings } from './harness.js';

void describe('undefined-track-server', () => {
  void it('reports a missing tracked backend and a missing tracked server', () => {
    const { issues, text } = expectFindings(
      undefinedTrackServer,
      `${DEFAULTS}backend be
  server s1 127.0.0.1:80 track <|bee|>/s1
  server s2 127.0.0.1:81 track <|s9|>
  server s3 127.0.0.1:82 track be2/<|s2|>
backend be2
  server s1 127.0.0.1:80 check
`,
    );
    assert.match(applyFix(text, issues[0]), /track be\/s1/);
  });

  void it('accepts existing targets in the same or another backend', () => {
    expectFindings(
      undefinedTrackServer,
      `${DEFAULTS}backend be
  server s1 127.0.0.1:80 check
  server s2 127.0.0.1:81 track s1
  server s3 127.0.0.1:82 track be2/s1
backend be2
  server s1 127.0.0.1:80 check
`,
    );
  });
});
