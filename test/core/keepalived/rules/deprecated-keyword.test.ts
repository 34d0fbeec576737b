import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deprecatedKeyword } from '../../../../server/src/core/keepalived/rules/deprecated-keyword.js';
import { applyFirstFix, expectRanges, vrrp } from './catalog-harness.js';

void describe('deprecated-keyword', () => {
  void it('warns about a deprecated keyword keepalived 2.2 still accepts, with a fix', () => {
    const { issues, text } = expectRanges(
      deprecatedKeyword,
      '<|vrrp_track_file|> tf {\n  file /run/maint\n}\n',
    );
    assert.equal(issues[0]?.severity, 'warning');
    assert.deepEqual(issues[0]?.tags, ['deprecated']);
    assert.match(applyFirstFix(text, issues[0]), /^track_file tf \{/);
  });

  // keepalived 2.2.7 -t prints the notice (and exits 5, as on any message) but applies the
  // keyword: a warning by the severity policy.
  void it('warns where keepalived 2.2 prints a notice and runs', () => {
    const { issues } = expectRanges(
      deprecatedKeyword,
      vrrp('  <|lvs_sync_daemon_interface|> eth1\n') +
        'virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80 {\n    HTTP_GET {\n      <|nb_get_retry|> 3\n    }\n  }\n}\n',
    );
    assert.deepEqual(
      issues.map((issue) => issue.severity),
      ['warning', 'warning'],
    );
    // `lvs_sync_daemon (global_defs)` is not a keyword of vrrp_instance: no mechanical fix.
    assert.equal(issues[0]?.fixes, undefined);
    const later = expectRanges(deprecatedKeyword, vrrp('  <|lvs_sync_daemon_interface|> eth1\n'), {
      version: '2.4',
    });
    assert.equal(later.issues[0]?.severity, 'warning');
  });

  // keepalived 2.3.3 -t: "(VI_1) thread_timer_expired - please replace with keyword
  // 'timer_expired_backup'", and runs with it.
  void it('warns about thread_timer_expired at 2.3 and rewrites it to timer_expired_backup', () => {
    const { issues, text } = expectRanges(
      deprecatedKeyword,
      vrrp('  nopreempt\n  <|thread_timer_expired|> 200\n'),
      { version: '2.3' },
    );
    assert.equal(issues[0]?.severity, 'warning');
    assert.match(applyFirstFix(text, issues[0]), /^ {2}timer_expired_backup 200$/m);
  });

  void it('flags the route option gw and rewrites it to via', () => {
    const { issues, text } = expectRanges(
      deprecatedKeyword,
      vrrp('  virtual_routes {\n    10.1.0.0/16 <|gw|> 10.0.0.254 dev eth0\n  }\n'),
    );
    assert.equal(issues[0]?.severity, 'warning');
    assert.match(applyFirstFix(text, issues[0]), /10\.1\.0\.0\/16 via 10\.0\.0\.254/);
  });

  void it('accepts current keywords', () => {
    expectRanges(deprecatedKeyword, 'track_file tf {\n  file /run/maint\n}\n' + vrrp());
  });
});
