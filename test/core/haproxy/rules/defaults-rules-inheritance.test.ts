import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultsRulesInheritance } from '../../../../server/src/core/haproxy/rules/defaults-rules-inheritance.js';
import { expectFindings } from './harness.js';

void describe('defaults-rules-inheritance', () => {
  void it('reports frontends and backends sharing a rule-bearing defaults, explicitly or not', () => {
    const { issues } = expectFindings(
      defaultsRulesInheritance,
      `defaults d1
  mode http
  http-request set-header X-A 1
frontend fe
  bind :80
backend <|be|>
  server s1 127.0.0.1:80
backend be2 from <|d1|>
  server s1 127.0.0.1:80
`,
    );
    assert.match(issues[0]?.message ?? '', /frontend/);
  });

  void it('reports defaults and listen sections using one, and one-sided tcp rules', () => {
    expectFindings(
      defaultsRulesInheritance,
      `defaults conn
  tcp-request connection accept
backend be from <|conn|>
  server s1 127.0.0.1:80
defaults resp
  tcp-response content accept
frontend fe from <|resp|>
  bind :80
defaults from <|resp|>
  mode tcp
listen li from <|conn|>
  bind :81
`,
    );
  });

  void it('accepts separate defaults per side and defaults without rules', () => {
    expectFindings(
      defaultsRulesInheritance,
      `defaults front
  http-request set-header X-A 1
  tcp-request inspect-delay 5s
defaults back
  tcp-response content accept
  http-request set-header X-B 1
defaults plain
  mode http
frontend fe from front
  bind :80
backend be from back
  server s1 127.0.0.1:80
listen li from plain
  bind :81
frontend fe2 from plain
  bind :82
`,
    );
  });
});
