import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertDirective } from '../../../../server/src/core/haproxy/rules/alert-directive.js';
import { expectFindings } from './harness.js';

void describe('alert-directive', () => {
  void it('is an error in branches taken at the target version, a warning in undecided ones', () => {
    const { issues } = expectFindings(
      alertDirective,
      `global
  daemon
.if version_atleast(2.0)
<|.alert "too old"|>
.endif
.if feature(QUIC)
<|.alert "no quic please"|>
.elif version_atleast(2.4)
<|.alert "not reached when QUIC is there"|>
.endif
`,
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.match(issues[0]?.message ?? '', /too old/);
    assert.equal(issues[1]?.severity, 'warning');
    assert.equal(issues[2]?.severity, 'warning');
  });

  void it('ignores alerts in branches that are skipped', () => {
    expectFindings(
      alertDirective,
      `global
.if version_before(2.4)
.alert "needs 2.4"
.elif 1
.warning "only a warning"
.else
.alert "never"
.endif
.if 0
.if 1
.alert "nested in a dead branch"
.endif
.endif
`,
    );
  });
});
