import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modeMismatch } from '../../../../server/src/core/haproxy/rules/mode-mismatch.js';
import { expectFindings } from './harness.js';

void describe('mode-mismatch', () => {
  void it('reports an http frontend routing to a tcp backend, mode inherited from defaults', () => {
    const { issues } = expectFindings(
      modeMismatch,
      `defaults
  mode http
frontend <|fe|>
  bind :80
  use_backend db if { path /db }
  default_backend web
defaults
  mode tcp
backend db
  server s1 127.0.0.1:5432
backend web
  mode http
  server s1 127.0.0.1:80
`,
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.equal(issues[0]?.related?.length, 3);
    assert.match(issues[0]?.message ?? '', /'db' \(use_backend\)/);
  });

  void it('accepts a tcp frontend handing over to an http backend', () => {
    expectFindings(
      modeMismatch,
      `frontend fe
  mode tcp
  bind :80
  default_backend web
backend web
  mode http
  server s1 127.0.0.1:80
`,
    );
  });
});
