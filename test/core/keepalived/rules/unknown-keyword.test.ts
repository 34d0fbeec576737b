import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unknownKeyword } from '../../../../server/src/core/keepalived/rules/unknown-keyword.js';
import { applyFirstFix, expectRanges, vrrp } from './catalog-harness.js';

void describe('unknown-keyword', () => {
  void it('flags a typo with a did-you-mean fix (keepalived: "Unknown keyword")', () => {
    const { issues, text } = expectRanges(
      unknownKeyword,
      'global_defs {\n  <|notification_emial|> ops@example.com\n}\n',
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.match(issues[0]?.message ?? '', /did you mean 'notification_email'/);
    assert.match(applyFirstFix(text, issues[0]), /^ {2}notification_email ops@example\.com$/m);
  });

  void it('reports an unknown block once and skips its lines', () => {
    expectRanges(
      unknownKeyword,
      '<|vrrp_instanse|> VI_1 {\n  bogus_one 1\n  nested {\n    bogus_two\n  }\n}\n' + vrrp(),
    );
  });

  void it('leaves known keywords, value lines and keywords from another block alone', () => {
    expectRanges(unknownKeyword, vrrp('  track_script {\n    chk_web weight 10\n  }\n'));
    expectRanges(unknownKeyword, 'global_defs {\n  priority 100\n}\n');
  });

  void it('never checks a keyword that is an unexpanded parameter', () => {
    expectRanges(unknownKeyword, 'global_defs {\n  $UNDEFINED_LINE\n}\n');
  });

  void it('checks a keyword produced by a parameter', () => {
    expectRanges(unknownKeyword, '$KW=bogus_kw\nglobal_defs {\n  <|$KW|> 1\n}\n');
  });
});
