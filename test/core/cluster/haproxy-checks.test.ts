import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandChecksHaproxy } from '../../../server/src/core/cluster/haproxy-checks.js';
import { haproxyFacts } from '../../../server/src/core/cluster/haproxy-facts.js';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings.js';
import { haproxyDocument } from './haproxy-harness.js';

const binds =
  haproxyFacts(
    [
      haproxyDocument(
        '/n/haproxy.cfg',
        [
          'frontend fe',
          '    bind 10.0.0.100:80',
          '    bind 127.0.0.1:8404',
          '    bind :9000',
          '',
        ].join('\n'),
      ),
    ],
    undefined,
    DEFAULT_SETTINGS,
  )?.binds ?? [];

test('process, service and pid-file probes of HAProxy are recognised', () => {
  for (const command of [
    '/usr/bin/killall -0 haproxy',
    'killall -0 haproxy',
    '/bin/pidof haproxy',
    'pgrep haproxy',
    '/usr/bin/pgrep -x haproxy',
    'systemctl is-active haproxy',
    '/bin/systemctl is-active --quiet haproxy.service',
    'service haproxy status',
    '/bin/kill -0 $(cat /run/haproxy.pid)',
    'sh -c "kill -0 `cat /var/run/haproxy.pid`"',
    "/bin/sh -c 'ps -C haproxy | grep haproxy'",
    "/bin/sh -c 'echo show info | socat stdio /run/haproxy/admin.sock'",
    '/etc/keepalived/check_haproxy.sh',
    '/usr/local/bin/chk_haproxy',
  ]) {
    assert.equal(commandChecksHaproxy(command, binds), true, command);
  }
});

test('requests to a port HAProxy listens on are recognised', () => {
  for (const command of [
    '/usr/bin/curl -fs http://127.0.0.1:8404/health',
    '/usr/bin/curl -sf -o /dev/null http://10.0.0.100/',
    'wget -q -O- http://localhost:9000/',
    '/usr/bin/nc -z 127.0.0.1 9000',
    'nc -z -w 2 10.0.0.100 80',
    "/bin/bash -c '</dev/tcp/127.0.0.1/8404'",
  ]) {
    assert.equal(commandChecksHaproxy(command, binds), true, command);
  }
});

test('other checks are not taken for HAProxy checks', () => {
  for (const command of [
    '/usr/bin/test -e /run/uplink-ok',
    '/usr/bin/curl -fs http://127.0.0.1:8080/health',
    '/usr/bin/curl -fs http://10.0.0.100:8404/',
    '/usr/sbin/haproxy -c -f /etc/haproxy/haproxy.cfg',
    '/usr/bin/test -f /etc/haproxy/haproxy.cfg',
    'killall -0 nginx',
    'systemctl restart haproxy',
  ]) {
    assert.equal(commandChecksHaproxy(command, binds), false, command);
  }
});
