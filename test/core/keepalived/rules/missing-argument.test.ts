import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingArgument } from '../../../../server/src/core/keepalived/rules/missing-argument.js';
import { expectRanges, vrrp } from './catalog-harness.js';

void describe('missing-argument', () => {
  // keepalived -t: "missing a parameter after keyword `priority`" (exit 2).
  void it('flags a keyword without its required argument', () => {
    const { issues } = expectRanges(missingArgument, vrrp('  <|advert_int|>\n'));
    assert.equal(issues[0]?.severity, 'error');
    assert.match(issues[0]?.message ?? '', /<seconds> after 'advert_int'/);
    expectRanges(missingArgument, '<|vrrp_instance|> {\n  interface eth0\n}\n');
  });

  void it('accepts flags, optional arguments and unexpanded parameters', () => {
    expectRanges(missingArgument, vrrp('  nopreempt\n  garp_master_refresh 60\n'));
    expectRanges(missingArgument, vrrp('  advert_int $UNSET\n'));
  });
});
