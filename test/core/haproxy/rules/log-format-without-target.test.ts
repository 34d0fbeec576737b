import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logFormatWithoutTarget } from '../../../../server/src/core/haproxy/rules/log-format-without-target.js';
import { applyFix, DEFAULTS, expectFindings, runRule } from './harness.js';

// Each marked proxy is one haproxy -c 2.6.12 (and 3.0.11) names in "log format ignored for
// frontend 'x' since it has no log address." (WARNING); the unmarked ones get no such line.
void describe('log-format-without-target', () => {
  void it('flags frontends and listens whose format has no target', () => {
    const { issues } = expectFindings(
      logFormatWithoutTarget,
      `${DEFAULTS}frontend <|fe|>
  bind :80
  option httplog
  default_backend be
frontend <|fe2|>
  bind :81
  log-format "%ci %b"
  default_backend be
frontend <|sd|>
  bind :82
  log-format-sd "[x]"
  default_backend be
listen <|li|>
  bind :83
  option httpslog
  server s1 192.0.2.10:80
frontend plain
  bind :84
  default_backend be
frontend errors_only
  bind :85
  error-log-format "%ci"
  default_backend be
frontend off
  bind :86
  disabled
  option httplog
  default_backend be
backend be
  log-format "%ci"
  server s1 192.0.2.10:80
`,
    );
    assert.equal(issues[0]?.severity, 'warning');
    assert.match(issues[0]?.message ?? '', /frontend 'fe' sets a log format \('option httplog'\)/);
    assert.match(issues[0]?.message ?? '', /add a 'log' line with an address/);
    assert.equal(issues[0]?.fixes, undefined, 'no global log line: nothing safe to add');
  });

  void it('follows inheritance, log global and no log in order', () => {
    const { issues } = expectFindings(
      logFormatWithoutTarget,
      `global
  log stdout format raw local0
defaults
  mode http
  log global
  option httplog
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend inherited
  bind :80
  default_backend be
frontend <|nolog|>
  bind :81
  no log
  default_backend be
frontend nologfirst
  bind :82
  no log
  log global
  default_backend be
backend be
  server s1 192.0.2.10:80
`,
    );
    assert.match(issues[0]?.message ?? '', /'no log' leaves it without any/);
    assert.equal(issues[0]?.related?.length, 2);
  });

  void it('counts only global log lines read before log global', () => {
    const { issues } = expectFindings(
      logFormatWithoutTarget,
      `defaults
  mode http
  log global
  option httplog
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend <|fe|>
  bind :80
  default_backend be
backend be
  server s1 192.0.2.10:80
global
  log stdout format raw local0
`,
    );
    assert.match(
      issues[0]?.message ?? '',
      /'log global' finds no 'log' line in the global section/,
    );
  });

  void it('names the format in force and skips a refused format line', () => {
    const { issues } = expectFindings(
      logFormatWithoutTarget,
      `defaults
  mode http
  option tcplog
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend <|fe|>
  bind :80
  option httplog
  default_backend be
backend be
  server s1 192.0.2.10:80
`,
    );
    assert.match(issues[0]?.message ?? '', /\('option httplog'\)/);
    // HAProxy refuses this one ("log-format expects an argument"): that is another rule's error.
    expectFindings(
      logFormatWithoutTarget,
      `${DEFAULTS}frontend refused
  bind :81
  log-format
  default_backend be
backend be
  server s1 192.0.2.10:80
`,
    );
  });

  void it('inherits targets through defaults chained with from', () => {
    expectFindings(
      logFormatWithoutTarget,
      `global
  log stdout format raw local0
defaults base
  mode http
  log global
  timeout connect 5s
  timeout client 30s
  timeout server 30s
defaults child from base
  option httplog
frontend fe from child
  bind :80
  default_backend be
backend be from child
  server s1 192.0.2.10:80
`,
    );
  });

  void it('offers log global when the global section has a target', () => {
    const input = `global
  log stdout format raw local0
${DEFAULTS}frontend <|fe|>
  bind :80
  option httplog
  default_backend be
backend be
  server s1 192.0.2.10:80
`;
    const { issues, text } = expectFindings(logFormatWithoutTarget, input);
    assert.match(issues[0]?.message ?? '', /only through 'log global'/);
    const fixed = applyFix(text, issues[0]);
    assert.match(fixed, /frontend fe\n {2}log global\n {2}bind :80/);
    assert.deepEqual(runRule(logFormatWithoutTarget, fixed), []);
  });
});
