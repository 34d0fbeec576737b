import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingTimeouts } from '../../../../server/src/core/haproxy/rules/missing-timeouts.js';
import { expectFindings } from './harness.js';

void describe('missing-timeouts', () => {
  void it('reports proxies missing timeouts after inheritance, like HAProxy', () => {
    const { issues } = expectFindings(
      missingTimeouts,
      `defaults
  mode http
  timeout connect 5s
frontend <|fe|>
  bind :80
  timeout client 0
backend be_empty
backend <|be|>
  server s1 127.0.0.1:80
`,
    );
    assert.match(issues[1]?.message ?? '', /'timeout server'/);
    assert.doesNotMatch(issues[1]?.message ?? '', /connect/);
  });

  void it('follows named defaults through from', () => {
    expectFindings(
      missingTimeouts,
      `defaults full
  timeout connect 5s
  timeout client 30s
  timeout server 30s
defaults
  mode http
listen app from full
  bind :80
  server s1 127.0.0.1:80
listen <|bare|>
  bind :81
  server s1 127.0.0.1:80
`,
    );
  });
});
