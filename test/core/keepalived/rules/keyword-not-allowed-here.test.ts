import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keywordNotAllowedHere } from '../../../../server/src/core/keepalived/rules/keyword-not-allowed-here.js';
import { expectRanges, vrrp } from './catalog-harness.js';

void describe('keyword-not-allowed-here', () => {
  void it('flags a keyword of another block and names where it belongs', () => {
    const { issues } = expectRanges(
      keywordNotAllowedHere,
      'global_defs {\n  <|priority|> 100\n}\n' + vrrp('  <|auth_type|> PASS\n  <|lb_algo|> rr\n'),
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.match(
      issues[0]?.message ?? '',
      /'priority' in 'global_defs'; it belongs in 'vrrp_instance'/,
    );
    assert.match(issues[1]?.message ?? '', /belongs in 'authentication'/);
  });

  void it('flags a top-level keyword written without its block', () => {
    expectRanges(keywordNotAllowedHere, '<|router_id|> lb1\n');
  });

  void it('accepts keywords in their own blocks and ignores unknown ones', () => {
    expectRanges(
      keywordNotAllowedHere,
      vrrp('  authentication {\n    auth_type PASS\n    auth_pass secret\n  }\n  frobnicate\n'),
    );
  });
});
