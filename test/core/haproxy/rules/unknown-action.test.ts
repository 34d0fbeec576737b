import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unknownAction } from '../../../../server/src/core/haproxy/rules/unknown-action.js';
import { DEFAULTS, applyFix, expectFindings } from './harness.js';

void describe('unknown-action', () => {
  void it('reports unknown actions with a did-you-mean and a fix', () => {
    const { issues, text } = expectFindings(
      unknownAction,
      `${DEFAULTS}frontend fe
  bind :80
  http-request <|set-heade|> X-Foo bar
  tcp-request content <|redirect|> location /
  default_backend be
`,
    );
    assert.match(issues[0]?.message ?? '', /did you mean 'set-header'\?/);
    assert.match(applyFix(text, issues[0] ?? assert.fail()), /http-request set-header X-Foo bar/);
  });

  void it('accepts known actions, parenthesised names and Lua actions', () => {
    expectFindings(
      unknownAction,
      `global
  lua-load /etc/haproxy/x.lua
${DEFAULTS}frontend fe
  bind :80
  http-request set-var(txn.host) req.hdr(host)
  http-request lua.my_action
  http-request deny if { path_beg /admin }
  tcp-request connection track-sc0 src
  default_backend be
`,
    );
  });

  void it('reports Lua actions when the file loads no Lua', () => {
    expectFindings(
      unknownAction,
      `${DEFAULTS}frontend fe
  bind :80
  http-request <|lua.my_action|>
  tcp-request content <|lua.other|> if TRUE
`,
    );
  });

  void it('depends on the target version', () => {
    const input = `${DEFAULTS}frontend fe
  bind :80
  http-request <|set-retries|> 2
  default_backend be
`;
    const { issues } = expectFindings(unknownAction, input, '2.6');
    assert.match(issues[0]?.message ?? '', /appeared in 3\.2/);
    expectFindings(unknownAction, input.replace(/<\||\|>/g, ''), '3.2');
  });

  // haproxy -c 3.0.11 still refuses `http-request do-log` ("... but got 'do-log'").
  void it('knows do-log only from 3.1 on', () => {
    const input = `${DEFAULTS}frontend fe
  bind :80
  http-request <|do-log|>
  default_backend be
`;
    const { issues } = expectFindings(unknownAction, input, '3.0');
    assert.match(issues[0]?.message ?? '', /appeared in 3\.1/);
    expectFindings(unknownAction, input.replace(/<\||\|>/g, ''), '3.2');
  });
});
