import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deprecatedKeyword } from '../../../../server/src/core/haproxy/rules/deprecated-keyword.js';
import { DEFAULTS, applyFix, expectFindings } from './harness.js';

void describe('deprecated-keyword', () => {
  void it('warns about deprecated keywords with the deprecated tag', () => {
    const { issues } = expectFindings(
      deprecatedKeyword,
      `${DEFAULTS}backend be
  <|bind-process|> 1
  server s1 127.0.0.1:80
`,
      '2.6',
    );
    assert.equal(issues[0]?.severity, 'warning');
    assert.deepEqual(issues[0]?.tags, ['deprecated']);
  });

  void it('renames a deprecated action when the replacement is a plain rename', () => {
    const input = `${DEFAULTS}frontend fe
  bind :80
  http-request <|set-mark|> 1
  default_backend be
`;
    const { issues, text } = expectFindings(deprecatedKeyword, input, '3.2');
    assert.match(applyFix(text, issues[0] ?? assert.fail()), /http-request set-fc-mark 1/);
    expectFindings(deprecatedKeyword, input.replace(/<\||\|>/g, ''), '2.6');
  });
});
