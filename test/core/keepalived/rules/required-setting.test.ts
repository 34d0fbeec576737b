import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requiredSetting } from '../../../../server/src/core/keepalived/rules/required-setting.js';
import { expectRanges, runCatalogRules, vrrp } from './catalog-harness.js';

void describe('required-setting', () => {
  // keepalived 2.2.7 -t: "(VI_1) the virtual router id must be set", "Unknown interface!",
  // "No VIP specified" and "No script set for vrrp_script" all exit 5.
  void it('flags an instance without virtual_router_id, interface or addresses', () => {
    const issues = runCatalogRules([requiredSetting], 'vrrp_instance VI_1 {\n  priority 100\n}\n');
    assert.deepEqual(
      issues.map((issue) => issue.data?.['setting']),
      ['virtual_router_id', 'interface', 'virtual_ipaddress'],
    );
    assert.equal(issues[0]?.severity, 'error');
    expectRanges(
      requiredSetting,
      '<|vrrp_instance|> VI_2 {\n  interface eth0\n  virtual_router_id 5\n  virtual_ipaddress {\n  }\n}\n',
    );
  });

  // keepalived 2.2.7 -t: "(VI_1) No VIP specified; at least one is sensible" and the instance
  // runs; with version 3 (or IPv6, or strict mode) "... at least one is required" drops it.
  void it('warns about an instance without addresses, and errs where keepalived drops it', () => {
    const base = '  interface eth0\n  virtual_router_id 5\n';
    const plain = runCatalogRules([requiredSetting], `vrrp_instance VI_1 {\n${base}}\n`);
    assert.deepEqual(
      plain.map((issue) => [issue.data?.['setting'], issue.severity]),
      [['virtual_ipaddress', 'warning']],
    );
    assert.doesNotMatch(plain[0]?.message ?? '', /rejects/);
    for (const extra of ['  version 3\n', '  strict_mode\n']) {
      const strict = runCatalogRules([requiredSetting], `vrrp_instance VI_1 {\n${base}${extra}}\n`);
      assert.deepEqual(
        strict.map((issue) => [issue.data?.['setting'], issue.severity]),
        [['virtual_ipaddress', 'error']],
      );
    }
  });

  // keepalived reports the missing script at the block's closing brace.
  void it('flags a vrrp_script without script at its closing brace', () => {
    expectRanges(requiredSetting, 'vrrp_script chk {\n  interval 2\n<|}|>\n');
  });

  // keepalived 2.2.7 -t: "No script path has been specified for MISC_CHECKER", "HTTP/SSL_GET
  // checker url has no path", "HTTP/SSL_GET checker has no urls specified", "No name has been
  // specified for BFD_CHECKER", "FILE_CHECK has no track_file specified" (exit 5, or a crash).
  void it('flags checkers and urls missing what they need, at their closing brace', () => {
    const rs = (checker: string): string =>
      `virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80 {\n${checker}  }\n}\n`;
    const { issues } = expectRanges(
      requiredSetting,
      rs('    MISC_CHECK {\n      misc_timeout 5\n    <|}|>\n') +
        rs('    HTTP_GET {\n      connect_timeout 3\n    <|}|>\n') +
        rs('    SSL_GET {\n      url {\n        status_code 200\n      <|}|>\n    <|}|>\n') +
        rs('    BFD_CHECK {\n    <|}|>\n') +
        rs('    FILE_CHECK {\n    <|}|>\n'),
    );
    assert.deepEqual(
      issues.map((issue) => issue.data?.['setting']),
      ['misc_path', 'url', 'path', 'url', 'name', 'track_file'],
    );
    expectRanges(
      requiredSetting,
      rs('    MISC_CHECK {\n      misc_path /bin/true\n    }\n') +
        rs('    HTTP_GET {\n      url {\n        path /\n      }\n    }\n') +
        rs('    TCP_CHECK {\n    }\n'),
    );
  });

  // keepalived 2.2.7 -t: "Authentication specified but no password given" (exit 5); an empty
  // block or an auth_pass alone passes.
  void it('flags authentication with auth_type but no auth_pass', () => {
    expectRanges(
      requiredSetting,
      vrrp('  <|authentication|> {\n    auth_type PASS\n  }\n') +
        vrrp('  authentication {\n    auth_pass abc\n  }\n', 'VI_2') +
        vrrp('  authentication {\n  }\n', 'VI_3'),
    );
  });

  // Without -i keepalived uses the host name: a script only on `@high` lines is gone elsewhere.
  void it('warns when a setting is only on conditional lines and the config-id is unknown', () => {
    const text = 'vrrp_script chk {\n@high script /bin/true\n  interval 2\n<|}|>\n';
    const { issues } = expectRanges(requiredSetting, text);
    assert.equal(issues[0]?.severity, 'warning');
    expectRanges(requiredSetting, text.replace('<|}|>', '}'), { configId: 'high' });
    expectRanges(
      requiredSetting,
      'vrrp_script chk {\n@high script /bin/true\n@^high script /bin/false\n}\n',
    );
  });

  void it('accepts complete blocks and blocks with parameters or includes', () => {
    expectRanges(requiredSetting, vrrp() + 'vrrp_script chk {\n  script /bin/true\n}\n');
    expectRanges(requiredSetting, 'vrrp_instance VI_1 {\n  $COMMON\n}\n');
  });

  void it('lets unicast instances omit interface from 2.3 on only', () => {
    const text =
      'vrrp_instance VI_1 {\n  virtual_router_id 5\n  unicast_peer {\n    10.0.0.6\n  }\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n';
    assert.equal(runCatalogRules([requiredSetting], text).length, 1);
    assert.equal(runCatalogRules([requiredSetting], text, { version: '2.3' }).length, 0);
  });
});
