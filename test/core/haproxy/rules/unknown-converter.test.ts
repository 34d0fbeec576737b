import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unknownConverter } from '../../../../server/src/core/haproxy/rules/unknown-converter.js';
import { DEFAULTS, applyFix, expectFindings } from './harness.js';

void describe('unknown-converter', () => {
  void it('reports unknown converters with a did-you-mean and a fix', () => {
    const { issues, text } = expectFindings(
      unknownConverter,
      `${DEFAULTS}frontend fe
  bind :80
  acl h req.hdr(host),<|lowr|>,field(1,:) -m str example.com
  default_backend be
`,
    );
    assert.match(issues[0]?.message ?? '', /did you mean 'lower'\?/);
    assert.match(applyFix(text, issues[0] ?? assert.fail()), /req\.hdr\(host\),lower,field/);
  });

  void it('accepts known and Lua converters, and depends on the version', () => {
    const input = `global
  lua-load /etc/haproxy/x.lua
${DEFAULTS}frontend fe
  bind :80
  acl h req.hdr(host),lower,lua.clean -m found
  acl p url_param(x),<|param|>(y) -m found
  default_backend be
`;
    expectFindings(unknownConverter, input, '2.6');
    expectFindings(unknownConverter, input.replace(/<\||\|>/g, ''), '3.2');
  });

  void it('reports Lua converters when the file loads no Lua', () => {
    expectFindings(
      unknownConverter,
      `${DEFAULTS}frontend fe
  bind :80
  acl h req.hdr(host),<|lua.clean|> -m found
`,
    );
  });

  void it('reads sample arguments of actions and %[…] in format strings', () => {
    expectFindings(
      unknownConverter,
      `${DEFAULTS}frontend fe
  bind :80
  http-request set-var(txn.host) req.hdr(host),<|lowr|>
  http-request set-header X-Auth %[req.hdr(authorization),<|base64x|>]
  http-request set-header X-Ok "%[req.hdr(host),lower]"
  default_backend be
`,
    );
  });
});
