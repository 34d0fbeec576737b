import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authAhMaster } from '../../../../server/src/core/keepalived/rules/auth-ah-master.js';
import { applyFix, expectFindings, instance } from './node-harness.js';

const base = '  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n    10.0.0.1\n  }\n';
const ah = '  authentication {\n    auth_type AH\n    auth_pass secret\n  }\n';

// keepalived 2.2.7 -t: "(VI_1) Initial state master is incompatible with AH authentication -
// clearing" for VI_1 only; the owner, PASS, BACKUP, version 3 and strict mode say nothing of it.
void describe('auth-ah-master', () => {
  void it('flags state MASTER with AH below priority 255 and offers BACKUP', () => {
    const { issues, text } = expectFindings(
      authAhMaster,
      instance('VI_1', `  state <|MASTER|>\n  priority 150\n${ah}${base}`),
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.equal(issues[0]?.related?.[0]?.message, 'auth_type');
    assert.match(applyFix(text, issues[0]), /state BACKUP\n/);
  });

  void it('accepts the owner, PASS, BACKUP, version 3 and strict mode', () => {
    expectFindings(
      authAhMaster,
      instance('VI_1', `  state MASTER\n  priority 255\n${ah}${base}`) +
        instance('VI_2', `  state MASTER\n${ah}${base}`) +
        instance('VI_3', `  state MASTER\n  priority 150\n${ah.replace('AH', 'PASS')}${base}`) +
        instance('VI_4', `  state BACKUP\n  priority 150\n${ah}${base}`) +
        instance('VI_5', `  state MASTER\n  priority 150\n  version 3\n${ah}${base}`) +
        instance('VI_6', `  strict_mode\n  state MASTER\n  priority 150\n${ah}${base}`),
    );
  });
});
