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

  void it('flags a vrrp_script without script', () => {
    expectRanges(requiredSetting, '<|vrrp_script|> chk {\n  interval 2\n}\n');
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
