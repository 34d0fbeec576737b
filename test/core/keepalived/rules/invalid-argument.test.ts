import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invalidArgument } from '../../../../server/src/core/keepalived/rules/invalid-argument.js';
import { applyFirstFix, expectRanges, vrrp } from './catalog-harness.js';

void describe('invalid-argument', () => {
  // Each verdict matches keepalived 2.2.7 -t (exit 5): "number '256' outside range [1, 255]", …
  void it('flags numbers out of range and words that are not numbers', () => {
    const { issues } = expectRanges(
      invalidArgument,
      'vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id <|256|>\n  priority <|0|>\n  advert_int <|abc|>\n}\n' +
        'vrrp_script chk {\n  script /bin/true\n  weight <|300|>\n  fall <|0|>\n}\n',
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.match(issues[0]?.message ?? '', /256 is outside the range 1…255/);
    assert.match(issues[2]?.message ?? '', /'abc' is not a number/);
  });

  void it('flags values outside an enumeration', () => {
    expectRanges(
      invalidArgument,
      vrrp('  state <|SLAVE|>\n  authentication {\n    auth_type <|FOO|>\n  }\n') +
        'virtual_server 10.0.0.1 80 {\n  lb_algo <|rrr|>\n  lb_kind <|FOO|>\n  protocol TCP\n}\n',
    );
  });

  void it('accepts valid values, signs, case-insensitive enums and parameters', () => {
    expectRanges(
      invalidArgument,
      vrrp('  state BACKUP\n  advert_int 0.5\n') +
        'vrrp_script chk {\n  script /bin/true\n  weight -20 reverse\n  interval 2\n}\n' +
        'virtual_server 10.0.0.1 80 {\n  protocol tcp\n  lb_algo $ALGO\n}\n',
    );
  });

  // keepalived 2.2.7 -t exits 5 on `strict_mode 0`, `smtp_alert maybe`, `alpha ON` in a
  // real_server ("invalid strict_mode 0 specified", "Invalid alpha parameter ON"): only the six
  // lower-case words pass.
  void it('flags booleans keepalived rejects as errors, with a fix for 0/1 and case', () => {
    const { issues, text } = expectRanges(
      invalidArgument,
      'global_defs {\n  smtp_alert <|maybe|>\n}\n' +
        vrrp('  strict_mode <|0|>\n  skip_check_adv_addr <|ON|>\n  lower_prio_no_advert yes\n') +
        'virtual_server 10.0.0.1 80 {\n  protocol TCP\n  real_server 10.0.0.5 80 {\n    alpha <|Yes|>\n  }\n}\n',
    );
    assert.deepEqual(
      issues.map((issue) => issue.severity),
      ['error', 'error', 'error', 'error'],
    );
    assert.match(issues[1]?.message ?? '', /'0' is not a boolean; Keepalived rejects it/);
    assert.equal(issues[0]?.fixes?.length, 0);
    assert.match(applyFirstFix(text, issues[1]), /strict_mode off/);
    assert.match(applyFirstFix(text, issues[2]), /skip_check_adv_addr on/);
    assert.match(applyFirstFix(text, issues[3]), /alpha yes/);
  });

  // keepalived 2.2.7 -t exits 0 with `vrrp_skip_check_adv_addr maybe` in global_defs and with
  // `alpha`/`inhibit_on_failure maybe` directly in a virtual_server: a warning at most there.
  void it('only warns where keepalived takes any word', () => {
    const { issues } = expectRanges(
      invalidArgument,
      'global_defs {\n  vrrp_skip_check_adv_addr <|maybe|>\n  smtp_alert on\n}\n' +
        'virtual_server 10.0.0.1 80 {\n  protocol TCP\n  alpha <|0|>\n  inhibit_on_failure ON\n}\n',
    );
    assert.deepEqual(
      issues.map((issue) => issue.severity),
      ['warning', 'warning'],
    );
    assert.match(issues[0]?.message ?? '', /Keepalived ignores it/);
  });

  // keepalived 2.2.7 -t: "malformed src address", "Invalid virtual server IP address/port",
  // "Invalid HTTP_GET status code '600'" (exit 5).
  void it('flags host names where an IP is required, bad ports and status codes', () => {
    expectRanges(
      invalidArgument,
      vrrp('  unicast_src_ip <|lb-a|>\n') +
        'virtual_server 10.0.0.1 <|70000|> {\n  real_server <|backend-1|> 80 {\n    HTTP_GET {\n      url {\n        path /\n        status_code 200-299 <|600|>\n      }\n    }\n  }\n}\n' +
        'virtual_server fwmark 5 {\n}\n',
    );
  });
  // keepalived 2.2.7 -t: "unknown state 'master'", "unknown authentication type 'pass'",
  // "Invalid lvs_scheduler 'RR'", "unknown [nat] routing method" (exit 5); `protocol tcp` passes.
  void it('flags enums keepalived only accepts in one case, with a fix', () => {
    const { issues, text } = expectRanges(
      invalidArgument,
      vrrp('  state <|master|>\n  authentication {\n    auth_type <|pass|>\n  }\n') +
        'virtual_server 10.0.0.1 80 {\n  lb_algo <|RR|>\n  lb_kind <|nat|>\n  protocol tcp\n}\n',
    );
    assert.match(issues[0]?.message ?? '', /only accepts 'MASTER'/);
    assert.match(applyFirstFix(text, issues[0]), /state MASTER/);
  });

  // keepalived 2.2.7 -t: "vrrp script interval must be greater than 0", "interval '1.5' must be
  // between 1 and 4294", "timeout '4295' invalid" (exit 5); 4294 passes.
  void it('wants whole seconds from 1 to 4294 for vrrp_script interval and timeout in 2.2', () => {
    const script = (lines: string): string => `vrrp_script chk {\n  script /bin/true\n${lines}}\n`;
    expectRanges(
      invalidArgument,
      script('  interval <|0|>\n  timeout <|1.5|>\n') +
        script('  interval <|4295|>\n  timeout 4294\n'),
    );
    expectRanges(invalidArgument, script('  interval 1.5\n  timeout 0.5\n'), { version: '2.4' });
    expectRanges(invalidArgument, script('  interval <|0|>\n'), { version: '2.4' });
  });

  // keepalived 2.2.7 -t accepts `real_server 10.0.0.2 0`.
  void it('accepts port 0 on a real server', () => {
    expectRanges(
      invalidArgument,
      'virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 0 {\n  }\n}\n',
    );
  });
});
