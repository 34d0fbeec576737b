import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { httpOptionInTcp } from '../../../../server/src/core/haproxy/rules/http-option-in-tcp.js';
import { misplacedRule } from '../../../../server/src/core/haproxy/rules/misplaced-rule.js';
import { DEFAULTS, expectFindings } from './harness.js';

// haproxy -c 2.6.12 warns on exactly the marked lines, naming the same earlier rule.
void describe('misplaced-rule', () => {
  void it('flags rules written after ones HAProxy evaluates later', () => {
    const { issues } = expectFindings(
      misplacedRule,
      `${DEFAULTS}frontend fe
  bind :80
  use_backend be if { path_beg /a }
  <|redirect|> prefix /x if { path_beg /b }
  <|http-request|> deny if { path_beg /c }
  <|tcp-request|> content accept
  <|tcp-request|> connection accept
  <|monitor|> fail if { path_beg /d }
  http-response del-header X
  default_backend be
backend be
  use-server s1 if { path_beg /e }
  <|http-request|> deny if { path_beg /f }
  server s1 127.0.0.1:80
`,
    );
    assert.match(issues[1]?.message ?? '', /after a 'redirect' rule/);
    assert.equal(issues[0]?.severity, 'warning');
  });

  void it('accepts rules in HAProxy order', () => {
    expectFindings(
      misplacedRule,
      `${DEFAULTS}frontend fe
  bind :80
  tcp-request connection accept
  tcp-request content accept
  http-request deny if { path_beg /c }
  redirect prefix /x if { path_beg /b }
  use_backend be if { path_beg /a }
  default_backend be
backend be
  server s1 127.0.0.1:80
`,
    );
  });
});

// haproxy -c 2.6.12: "'option httplog' not usable with frontend 'api' (needs 'mode http'). Falling
// back to 'option tcplog'", "'option forwardfor' ignored for frontend 'api' as it requires HTTP
// mode" (and for the backend); option tcplog in the proxy silences the first.
void describe('http-option-in-tcp: options inherited from defaults', () => {
  void it('flags httplog and forwardfor inherited by TCP proxies', () => {
    const defaults = `defaults
  mode http
  option httplog
  option forwardfor
  timeout connect 5s
  timeout client 30s
  timeout server 30s
`;
    const { issues } = expectFindings(
      httpOptionInTcp,
      `${defaults}frontend <|api|>
  bind :6443
  mode tcp
  default_backend api
backend <|api|>
  mode tcp
  server s1 127.0.0.1:6443
frontend web
  bind :80
  default_backend web
backend web
  server s1 127.0.0.1:80
frontend <|quiet|>
  bind :6444
  mode tcp
  option tcplog
  default_backend api
`.replace('frontend <|api|>', 'frontend <|<|api|>|>'),
    );
    assert.ok(issues.some((issue) => /falls back to 'option tcplog'/.test(issue.message)));
  });
});
