import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keywordNotAllowedHere } from '../../../../server/src/core/haproxy/rules/keyword-not-allowed-here.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('keyword-not-allowed-here', () => {
  void it('warns where HAProxy ignores the line and errs where it refuses it', () => {
    const { issues } = expectFindings(
      keywordNotAllowedHere,
      `${DEFAULTS}frontend fe
  bind :80
  <|balance|> roundrobin
  <|server|> s1 127.0.0.1:80
  default_backend be
backend be
  <|tcp-request connection|> reject
  server s1 127.0.0.1:80
`,
    );
    assert.deepEqual(
      issues.map((i) => i.severity),
      ['warning', 'error', 'error'],
    );
  });

  void it('rejects keywords of another section family', () => {
    const { issues } = expectFindings(
      keywordNotAllowedHere,
      `${DEFAULTS}backend be
  <|daemon|>
  server s1 127.0.0.1:80
`,
    );
    assert.match(issues[0]?.message ?? '', /'global'/);
    assert.equal(issues[0]?.severity, 'error');
  });

  void it('refuses rule sets in an anonymous defaults section only', () => {
    expectFindings(
      keywordNotAllowedHere,
      `defaults
  mode http
  <|http-request|> deny
defaults named
  http-request deny
`,
    );
  });

  void it('accepts keywords in their own sections', () => {
    expectFindings(
      keywordNotAllowedHere,
      `global
  daemon
${DEFAULTS}frontend fe
  bind :80
  default_backend be
backend be
  balance roundrobin
  server s1 127.0.0.1:80
`,
    );
  });
});
