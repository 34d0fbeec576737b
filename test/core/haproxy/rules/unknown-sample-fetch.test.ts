import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unknownSampleFetch } from '../../../../server/src/core/haproxy/rules/unknown-sample-fetch.js';
import { DEFAULTS, applyFix, expectFindings } from './harness.js';

void describe('unknown-sample-fetch', () => {
  void it('reports unknown fetches in acl lines and anonymous ACLs', () => {
    const { issues, text } = expectFindings(
      unknownSampleFetch,
      `${DEFAULTS}frontend fe
  bind :80
  acl api <|path_begg|> /api
  http-request deny if { <|req.nosuchfetch|>(x) -m found }
  default_backend be
`,
    );
    assert.match(issues[0]?.message ?? '', /did you mean 'path_beg'\?/);
    assert.match(applyFix(text, issues[0] ?? assert.fail()), /acl api path_beg \/api/);
  });

  void it('accepts fetches, ACL aliases, converters, Lua and build-dependent fetches', () => {
    expectFindings(
      unknownSampleFetch,
      `global
  lua-load-per-thread /etc/haproxy/x.lua
${DEFAULTS}frontend fe
  bind :80
  acl a hdr_beg(host) -i www.
  acl b req.hdr(host),lower -m str example.com
  acl c src 10.0.0.0/8
  acl d lua.my_fetch -m found
  acl e 51d.all(DeviceType) -m str mobile
  acl f "\${CRIT}" foo
  http-request deny if { path_end .php } || !{ ssl_fc }
  default_backend be
`,
    );
  });

  void it('reports Lua fetches when the file loads no Lua', () => {
    expectFindings(
      unknownSampleFetch,
      `${DEFAULTS}frontend fe
  bind :80
  acl d <|lua.my_fetch|> -m found
  http-request add-header X %[<|lua.stats|>(s1)]
`,
    );
  });

  void it('names the version that brought a newer fetch', () => {
    const input = `${DEFAULTS}frontend fe
  bind :80
  acl t <|fc_pp_tlv|>(0xE1) -m found
  default_backend be
`;
    const { issues } = expectFindings(unknownSampleFetch, input, '2.6');
    assert.match(issues[0]?.message ?? '', /appeared in 3\.0/);
    expectFindings(unknownSampleFetch, input.replace(/<\||\|>/g, ''), '3.2');
  });
});
