import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  keepalivedSeverity,
  parseHaproxyOutput,
  parseKeepalivedOutput,
  parseKeepalivedVersion,
} from '../../../server/src/core/daemons/output.js';

// Printed by `haproxy -c -f a.cfg -f b.cfg` (Debian's 2.6.12; 3.0.11 prints the same lines).
const HAPROXY_TWO_FILES = `[NOTICE]   (24561) : haproxy version is 2.6.12-1+deb12u4
[NOTICE]   (24561) : path to executable is /usr/sbin/haproxy
[ALERT]    (24561) : config : parsing [a.cfg:3] : nbproc is not supported any more since HAProxy 2.5. Threads will automatically be used on multi-processor machines if available.
[ALERT]    (24561) : config : [a.cfg:13] : 'server be/s1' : unexpected character 'f' in 'agent-inter' argument of server s1..
[ALERT]    (24561) : config : Error(s) found in configuration file : a.cfg
[ALERT]    (24561) : config : parsing [b.cfg:4] : unknown keyword 'frobnicate' in 'backend' section
[ALERT]    (24561) : config : Error(s) found in configuration file : b.cfg
[ALERT]    (24561) : config : Fatal errors found in configuration.
`;

// Printed by 3.0.11 for a config whose errors are found after parsing (no line tags).
const HAPROXY_LINELESS = `[NOTICE]   (24683) : haproxy version is 3.0.11-1+deb13u4
[WARNING]  (24683) : config : parsing [c.cfg:9] : a 'http-request' rule placed after a 'use_backend' rule will still be processed before.
[ALERT]    (24683) : config : http frontend 'fe' (c.cfg:5) tries to use incompatible tcp backend 'be' (c.cfg:11) as its default backend (see 'mode').
[ALERT]    (24683) : config : Proxy 'fe': unable to find required use_backend: 'missing'.
[WARNING]  (24683) : config : missing timeouts for frontend 'fe'.
   | While not properly invalid, you will certainly encounter various problems
   | with such a configuration.
[ALERT]    (24683) : config : Fatal errors found in configuration.
`;

test('haproxy -c: level, file, line and words; summaries and notices dropped', () => {
  const report = parseHaproxyOutput(HAPROXY_TWO_FILES);
  assert.equal(report.version, '2.6.12-1+deb12u4');
  assert.deepEqual(
    report.findings.map((f) => [f.severity, f.file, f.line]),
    [
      ['error', 'a.cfg', 3],
      ['error', 'a.cfg', 13],
      ['error', 'b.cfg', 4],
    ],
  );
  assert.equal(report.findings[2]!.message, "unknown keyword 'frobnicate' in 'backend' section");
  assert.ok(report.findings[1]!.message.startsWith("'server be/s1' : unexpected character"));
});

test('haproxy -c: line-less messages, places inside them, continued warnings', () => {
  const report = parseHaproxyOutput(HAPROXY_LINELESS);
  assert.equal(report.version, '3.0.11-1+deb13u4');
  const [order, mode, missing, timeouts] = report.findings;
  assert.deepEqual([order!.severity, order!.file, order!.line], ['warning', 'c.cfg', 9]);
  // The first place the message mentions is the frontend's.
  assert.deepEqual([mode!.file, mode!.line], ['c.cfg', 5]);
  assert.equal(missing!.file, undefined);
  assert.equal(missing!.message, "Proxy 'fe': unable to find required use_backend: 'missing'.");
  assert.equal(timeouts!.severity, 'warning');
  assert.match(
    timeouts!.message,
    /frontend 'fe'\. While not properly invalid, .* configuration\.$/,
  );
  assert.equal(report.findings.length, 4);
});

test('haproxy -c: the 2.4 time stamp and a valid run', () => {
  const old = parseHaproxyOutput(
    "[ALERT] 337/101500 (812) : parsing [/etc/haproxy/haproxy.cfg:7] : unknown keyword 'x' in 'global' section\n",
  );
  assert.deepEqual(
    old.findings.map((f) => [f.file, f.line, f.message]),
    [['/etc/haproxy/haproxy.cfg', 7, "unknown keyword 'x' in 'global' section"]],
  );
  assert.deepEqual(parseHaproxyOutput('Configuration file is valid\n').findings, []);
  // 2.6 and 3.0 write this warning's place without a space before the colon.
  const noop = parseHaproxyOutput(
    "[WARNING]  (13466) : config : parsing [u.cfg:10]: previous 'http-request' action is final and has no condition attached, further entries are NOOP.\n[WARNING]  (13466) : config : Warnings were found.\n",
  );
  assert.deepEqual(
    noop.findings.map((f) => [f.severity, f.file, f.line, f.message.slice(0, 17)]),
    [['warning', 'u.cfg', 10, "previous 'http-re"]],
  );
});

// Printed by `keepalived -t -f /tmp/d17/k.conf` (2.2.7 and 2.3.3 alike) in a namespace with eth0.
const KEEPALIVED = `(Line 3) Unknown keyword 'frobnicate'
(/tmp/d17/k.conf: Line 13) number '300' outside range [1, 255]
(/tmp/d17/k.conf: Line 13) (VI_1): VRID '300' not valid - must be between 1 & 255
(/tmp/d17/k.conf: Line 18) Truncating auth_pass to 8 characters
(/tmp/d17/k.conf: Line 24) (VI_1) track script chk_missing not found, ignoring...
(/tmp/d17/k.conf: Line 28) WARNING - interface eth9 for vrrp_instance VI_2 doesn't exist
(/tmp/d17/k.conf: Line 30) (VI_2) Priority not valid! must be between 1 & 255. Using default 100
(extra.conf: Line 5) Unknown keyword 'bogus_kw'
(extra.conf: Line 5) Unknown keyword 'bogus_kw'
Non-existent interface specified in configuration
`;

test('keepalived -t: places, the main file for bare lines, repeats dropped', () => {
  const report = parseKeepalivedOutput(KEEPALIVED, '/tmp/d17/k.conf');
  assert.deepEqual(
    report.findings.map((f) => [f.file, f.line, f.severity]),
    [
      ['/tmp/d17/k.conf', 3, 'error'],
      ['/tmp/d17/k.conf', 13, 'error'],
      ['/tmp/d17/k.conf', 13, 'error'],
      ['/tmp/d17/k.conf', 18, 'warning'],
      ['/tmp/d17/k.conf', 24, 'error'],
      ['/tmp/d17/k.conf', 28, 'warning'],
      ['/tmp/d17/k.conf', 30, 'warning'],
      ['extra.conf', 5, 'error'],
      [undefined, undefined, 'error'],
    ],
  );
});

test('keepalived severity: refused or dropped is an error, adjusted is a warning', () => {
  assert.equal(keepalivedSeverity("Unknown keyword 'x'"), 'error');
  assert.equal(keepalivedSeverity('(VI_1) track script chk not found, ignoring...'), 'error');
  assert.equal(keepalivedSeverity('Truncating auth_pass to 8 characters'), 'warning');
  assert.equal(keepalivedSeverity("WARNING - interface eth9 doesn't exist"), 'warning');
  assert.equal(keepalivedSeverity('(VI_2) Priority not valid! Using default 100'), 'warning');
  assert.equal(parseKeepalivedVersion('Keepalived v2.2.7 (01/16,2022)\n\nCopyright'), '2.2.7');
  assert.equal(parseKeepalivedVersion('nothing'), undefined);
});
