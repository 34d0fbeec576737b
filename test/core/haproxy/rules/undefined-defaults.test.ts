import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undefinedDefaults } from '../../../../server/src/core/haproxy/rules/undefined-defaults.js';
import { expectFindings } from './harness.js';

void describe('undefined-defaults', () => {
  void it('reports a from naming no defaults section, or one declared only below', () => {
    const { issues } = expectFindings(
      undefinedDefaults,
      `defaults base
  mode http
frontend fe from <|bsse|>
  bind :80
backend be from <|later|>
  server s1 127.0.0.1:80
defaults later
`,
    );
    assert.equal(issues[0]?.fixes?.[0]?.edits[0]?.text, 'base');
    assert.match(issues[1]?.message ?? '', /further down/);
  });

  void it('reports an ambiguous name and accepts a unique one', () => {
    expectFindings(
      undefinedDefaults,
      `defaults a
defaults a
defaults b
frontend fe from <|a|>
  bind :80
frontend fe2 from b
  bind :81
defaults from b
`,
    );
  });
});
