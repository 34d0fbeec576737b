import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  haproxyKillProbe,
  unprivilegedKillCheck,
} from '../../../../server/src/core/keepalived/rules/unprivileged-kill-check.js';
import { expectFindings, instance } from './node-harness.js';

// The premise, checked on this machine: with haproxy 2.6 running (master as root, worker as
// haproxy), `kill -0 PID` and `killall -0 haproxy` run through `setpriv` as nobody exit 1 with
// "Operation not permitted", as root they exit 0, and `pidof haproxy` exits 0 as any user.
// keepalived 2.3.3 -t loads the configs below and keeps the scripts (2.2.7 -t crashes on any
// vrrp_script run as a non-root user, pidof included), so the finding is a warning. Two
// exceptions, both reported by script-security: with enable_script_security and no script_user
// it removes the script on a host without a keepalived_script user (this one), and without
// enable_script_security it adds its SECURITY VIOLATION line.

const tracked = (...names: string[]): string =>
  instance(
    'VI_1',
    [
      '  state BACKUP',
      '  interface eth0',
      '  virtual_router_id 51',
      '  priority 100',
      '  virtual_ipaddress {',
      '    192.0.2.10/24',
      '  }',
      '  track_script {',
      ...names.map((name) => `    ${name}`),
      '  }',
    ].join('\n'),
  );

const script = (name: string, command: string, extra = ''): string =>
  `vrrp_script ${name} {\n  script ${command}\n  interval 2\n  weight -20\n${extra}}\n`;

void describe('unprivileged-kill-check', () => {
  void it('flags kill -0 and killall -0 on HAProxy run as script_user', () => {
    const { issues } = expectFindings(
      unprivilegedKillCheck,
      'global_defs {\n  enable_script_security\n  script_user nobody\n}\n' +
        script('chk_all', '<|"/usr/bin/killall -0 haproxy"|>') +
        script('chk_pid', `<|"/bin/sh -c 'kill -0 $(cat /run/haproxy.pid)'"|>`) +
        script('chk_words', '<|/usr/bin/killall -q -0 haproxy|>') +
        script('chk_signal', '<|"/bin/kill -s 0 $(pidof haproxy)"|>') +
        script('chk_pidof', '"/usr/bin/pidof haproxy"') +
        script('chk_other', '"/usr/bin/killall -0 nginx"') +
        script('chk_untracked', '"/usr/bin/killall -0 haproxy"') +
        tracked('chk_all', 'chk_pid', 'chk_words', 'chk_signal', 'chk_pidof', 'chk_other'),
    );
    assert.equal(issues[0]?.severity, 'warning');
    assert.match(issues[0]?.message ?? '', /'killall -0' as nobody \(script_user\), not root/);
    assert.match(issues[0]?.message ?? '', /pidof haproxy/);
    assert.match(issues[1]?.message ?? '', /'kill -0'/);
    assert.deepEqual(
      issues[0]?.related?.map((related) => related.message),
      ['scripts run as nobody here', 'tracked here'],
    );
  });

  void it('takes the user from the script, script_user or enable_script_security', () => {
    const { issues } = expectFindings(
      unprivilegedKillCheck,
      'global_defs {\n  enable_script_security\n}\n' +
        script('chk_default', '<|"/usr/bin/killall -0 haproxy"|>') +
        script('chk_root', '"/usr/bin/killall -0 haproxy"', '  user root\n') +
        script('chk_haproxy', '"/usr/bin/killall -0 haproxy"', '  user haproxy\n') +
        tracked('chk_default', 'chk_root', 'chk_haproxy'),
    );
    assert.match(
      issues[0]?.message ?? '',
      /as keepalived_script \(the default of enable_script_security\)/,
    );

    const own = expectFindings(
      unprivilegedKillCheck,
      'global_defs {\n  enable_script_security\n  script_user root\n}\n' +
        script('chk', '<|"/usr/bin/killall -0 haproxy"|>', '  user nobody\n') +
        tracked('chk'),
    );
    assert.match(own.issues[0]?.message ?? '', /as nobody \(its own user line\)/);

    // A parameter defined in the file is expanded first.
    const parameter = expectFindings(
      unprivilegedKillCheck,
      '$USER=nobody\nglobal_defs {\n  enable_script_security\n  script_user $USER\n}\n' +
        script('chk', '<|"/usr/bin/killall -0 haproxy"|>') +
        tracked('chk'),
    );
    assert.match(parameter.issues[0]?.message ?? '', /as nobody \(script_user\)/);
  });

  void it('is quiet when the file does not say who runs the script', () => {
    // Without script_user or enable_script_security the user depends on the host.
    expectFindings(
      unprivilegedKillCheck,
      script('chk', '"/usr/bin/killall -0 haproxy"') + tracked('chk'),
    );
    // A parameter this file never defines may stand for root.
    expectFindings(
      unprivilegedKillCheck,
      'global_defs {\n  enable_script_security\n  script_user $SCRIPT_USER\n}\n' +
        script('chk', '"/usr/bin/killall -0 haproxy"') +
        tracked('chk'),
    );
    expectFindings(
      unprivilegedKillCheck,
      'global_defs {\n  enable_script_security\n  script_user root\n}\n' +
        script('chk', '"/usr/bin/killall -0 haproxy"') +
        tracked('chk'),
    );
  });

  void it('also follows scripts tracked by a sync group', () => {
    expectFindings(
      unprivilegedKillCheck,
      'global_defs {\n  script_user nobody\n}\n' +
        script('chk', '<|"/usr/bin/killall -0 haproxy"|>') +
        instance('VI_1', '  interface eth0\n  virtual_router_id 51') +
        'vrrp_sync_group G {\n  group {\n    VI_1\n  }\n  track_script {\n    chk\n  }\n}\n',
    );
  });

  void it('recognises the probe in a command line', () => {
    assert.equal(haproxyKillProbe('killall -0 haproxy'), 'killall');
    assert.equal(haproxyKillProbe('/bin/kill -0 `cat /var/run/haproxy.pid`'), 'kill');
    assert.equal(haproxyKillProbe('kill -s0 $(pidof haproxy)'), 'kill');
    assert.equal(haproxyKillProbe('kill --signal=0 $(pidof haproxy)'), 'kill');
    assert.equal(haproxyKillProbe('test -f /run/haproxy.pid && kill -0 1'), undefined);
    assert.equal(haproxyKillProbe('killall -HUP haproxy'), undefined);
    assert.equal(haproxyKillProbe('killall -05 haproxy'), undefined);
    assert.equal(haproxyKillProbe('/usr/bin/pidof haproxy'), undefined);
    assert.equal(haproxyKillProbe('/opt/skill -0 haproxy'), undefined);
  });
});
