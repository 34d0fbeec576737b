import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleAfterFinal } from '../../../../server/src/core/haproxy/rules/rule-after-final.js';
import { DEFAULTS, expectFindings } from './harness.js';

// haproxy -c 2.6.12 and 3.0.11 print "previous 'http-request' action is final and has no
// condition attached, further entries are NOOP" on exactly the marked lines.
void describe('rule-after-final', () => {
  void it('flags the rule right after each unconditional final rule, per set', () => {
    const { issues } = expectFindings(
      ruleAfterFinal,
      `${DEFAULTS}frontend fe
  bind :80
  http-request redirect location /x
  <|http-request set-header X-A 1|>
  http-request set-header X-B 1
  http-response deny
  <|http-response set-header X 1|>
  http-after-response set-header Y 1
  default_backend be
frontend f2
  bind :81
  http-request auth
  <|http-request reject|>
  http-request allow
  <|http-request use-service prometheus-exporter|>
  http-request tarpit
  <|http-request deny deny_status 500|>
  <|http-request allow|>
backend be
  http-request return status 200
  <|http-request deny|>
  server s1 192.0.2.1:80
`,
    );
    assert.equal(issues[0]?.severity, 'warning');
    assert.match(issues[0]?.message ?? '', /'http-request redirect' above has no condition/);
    assert.deepEqual(issues[0]?.tags, ['unnecessary']);
  });

  void it('stays quiet after a conditional final rule or a non-final one', () => {
    expectFindings(
      ruleAfterFinal,
      `${DEFAULTS}frontend fe
  bind :80
  http-request deny if { path_beg /admin }
  http-request reject
  http-request silent-drop
  http-request use-service prometheus-exporter
  http-request allow
  http-response silent-drop
  http-response allow
  tcp-request content reject
  tcp-request content accept
  default_backend be
backend be
  server s1 192.0.2.1:80
`,
    );
  });
});
