import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scriptRelativePath } from '../../../../server/src/core/keepalived/rules/script-relative-path.js';
import { scriptSecurity } from '../../../../server/src/core/keepalived/rules/script-security.js';
import { SECURE, applyFix, expectFindings, instance } from './node-harness.js';

void describe('script-security', () => {
  void it('flags the first script when enable_script_security is missing and adds it', () => {
    const { issues, text } = expectFindings(
      scriptSecurity,
      'global_defs {\n  router_id lb1\n}\nvrrp_script chk {\n  <|script|> "/usr/bin/pgrep haproxy"\n}\n' +
        instance('VI_1', '  notify_master /etc/keepalived/master.sh'),
    );
    assert.equal(issues[0]?.severity, 'warning');
    assert.match(
      applyFix(text, issues[0]),
      /global_defs \{\n {4}enable_script_security\n {4}script_user root\n {2}router_id/,
    );
    assert.match(issues[0]?.message ?? '', /as root/);
  });

  // keepalived 2.2.7 -t with enable_script_security alone: "Unable to set default user
  // keepalived_script for script" and the check is removed; with script_user root it runs.
  void it('keeps the named script_user: only enable_script_security is added', () => {
    const { issues, text } = expectFindings(
      scriptSecurity,
      'global_defs {\n  script_user nobody\n}\nvrrp_script chk {\n  <|script|> "/usr/bin/pgrep haproxy"\n}\n',
    );
    assert.match(issues[0]?.message ?? '', /as 'nobody'/);
    assert.match(
      applyFix(text, issues[0]!),
      /global_defs \{\n {4}enable_script_security\n {2}script_user/,
    );
  });

  void it('creates global_defs when there is none', () => {
    const { issues, text } = expectFindings(
      scriptSecurity,
      instance('VI_1', '  <|notify|> /etc/keepalived/notify.sh'),
    );
    assert.match(
      applyFix(text, issues[0]!),
      /^global_defs \{\n {4}enable_script_security\n {4}script_user root\n\}/,
    );
  });

  void it('flags enable_script_security without script_user', () => {
    expectFindings(
      scriptSecurity,
      'global_defs {\n  <|enable_script_security|>\n}\n' +
        instance('VI_1', '  notify /etc/keepalived/notify.sh'),
    );
  });

  void it('is quiet with both settings, or without any script', () => {
    expectFindings(scriptSecurity, SECURE + instance('VI_1', '  notify /etc/keepalived/notify.sh'));
    expectFindings(scriptSecurity, instance('VI_1', '  priority 100'));
  });
});

void describe('script-relative-path', () => {
  void it('flags commands whose program is not absolute, quoted or not', () => {
    const { issues } = expectFindings(
      scriptRelativePath,
      SECURE +
        'vrrp_script a {\n  script <|"killall -0 haproxy"|>\n}\n' +
        'vrrp_script b {\n  script "/usr/bin/killall -0 haproxy"\n}\n' +
        'vrrp_script c {\n  script <|pidof|> haproxy\n}\n' +
        instance('VI_1', '  notify_master "/etc/keepalived/m.sh MASTER"\n  notify $NOTIFY'),
    );
    assert.match(issues[0]?.message ?? '', /'killall'/);
  });
});
