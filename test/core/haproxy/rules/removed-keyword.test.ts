import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { removedKeyword } from '../../../../server/src/core/haproxy/rules/removed-keyword.js';
import { DEFAULTS, applyFix, expectFindings } from './harness.js';

void describe('removed-keyword', () => {
  void it('reports removed keywords with their replacement and a mechanical fix', () => {
    const { issues, text } = expectFindings(
      removedKeyword,
      `global
  <|nbproc|> 2
${DEFAULTS}backend be
  <|option forceclose|>
  server s1 127.0.0.1:80
`,
    );
    assert.equal(issues[1]?.severity, 'error');
    assert.match(issues[1]?.message ?? '', /httpclose/);
    assert.match(applyFix(text, issues[1] ?? assert.fail()), /\n {2}option httpclose\n/);
    assert.equal(issues[0]?.fixes, undefined);
  });

  void it('depends on the target version', () => {
    const input = `${DEFAULTS}backend be
  <|bind-process|> 1
  server s1 127.0.0.1:80
`;
    expectFindings(removedKeyword, input.replace(/<\||\|>/g, ''), '2.6');
    expectFindings(removedKeyword, input, '3.2');
  });

  void it('reports removed bind options', () => {
    expectFindings(
      removedKeyword,
      `${DEFAULTS}frontend fe
  bind :80 <|process|> 1
`,
      '3.2',
    );
  });
});
