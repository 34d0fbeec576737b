import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keywordTooNew } from '../../../../server/src/core/keepalived/rules/keyword-too-new.js';
import { expectRanges } from './catalog-harness.js';

void describe('keyword-too-new', () => {
  // keepalived 2.2.7 -t: "Unknown keyword 'use_symlink_paths'" (exit 5); it exists since 2.3.
  void it('flags a keyword newer than the target version', () => {
    const { issues } = expectRanges(keywordTooNew, 'global_defs {\n  <|use_symlink_paths|>\n}\n');
    assert.equal(issues[0]?.severity, 'error');
    assert.match(issues[0]?.message ?? '', /needs Keepalived 2\.3/);
  });

  void it('accepts it when the target version has it', () => {
    expectRanges(keywordTooNew, 'global_defs {\n  use_symlink_paths\n}\n', { version: '2.3' });
  });

  // Target 2.3 stands for 2.3.3, the release checked against: keepalived 2.3.3 -t applies
  // `thread_timer_expired` (added in 2.3.2), which 2.2.7 calls an unknown keyword.
  void it('takes target 2.3 as 2.3.3, where the 2.3.2 keywords exist', () => {
    const line = 'vrrp_instance VI_1 {\n  nopreempt\n  <|thread_timer_expired|>\n}\n';
    const { issues } = expectRanges(keywordTooNew, line);
    assert.match(issues[0]?.message ?? '', /needs Keepalived 2\.3\.2; Keepalived 2\.2\.7/);
    expectRanges(keywordTooNew, line.replace(/<\||\|>/g, ''), { version: '2.3' });
  });
});
