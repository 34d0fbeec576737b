import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tooManyArguments } from '../../../../server/src/core/keepalived/rules/too-many-arguments.js';
import { expectRanges, vrrp } from './catalog-harness.js';

void describe('too-many-arguments', () => {
  // keepalived -t accepts `priority 100 200` (exit 0): a warning only.
  void it('warns about words after the last argument', () => {
    const { issues } = expectRanges(
      tooManyArguments,
      vrrp('  advert_int 1 <|2 3|>\n  nopreempt <|yes|>\n'),
    );
    assert.equal(issues[0]?.severity, 'warning');
    assert.match(issues[1]?.message ?? '', /takes no arguments/);
  });

  void it('accepts script lines and free-text arguments of any length', () => {
    expectRanges(
      tooManyArguments,
      'vrrp_script chk {\n  script /usr/bin/check --fast --port 80\n}\n' +
        vrrp('  notify_master /usr/bin/notify master now\n'),
    );
  });
});
