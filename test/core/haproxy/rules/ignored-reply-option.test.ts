import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ignoredReplyOption } from '../../../../server/src/core/haproxy/rules/ignored-reply-option.js';
import { DEFAULTS, expectFindings } from './harness.js';

// haproxy -c 2.6.12 and 3.0.11 print a WARNING on exactly the marked lines: "content-type
// 'text/plain' ignored by the http reply because neither errorfile nor payload defined.", "…
// ignored by the http reply when used with an erorrfile." and "hdr parameters ignored by the http
// reply when used with an erorrfile." (once per line); in the first three cases the unmarked lines
// pass without a word.
void describe('ignored-reply-option', () => {
  void it('flags a content type on a reply without payload', () => {
    const { issues } = expectFindings(
      ignoredReplyOption,
      `${DEFAULTS}frontend fe
  bind :80
  http-request return <|content-type text/plain|> if { path /a }
  http-request return status 200 <|content-type text/plain|> if { path /b }
  http-request return status 200 <|content-type text/plain|> hdr X-A b if { path /c }
  http-request deny deny_status 403 <|content-type text/plain|> if { path /d }
  http-request tarpit status 403 <|content-type text/plain|> if { path /e }
  http-request return status 200 content-type text/plain string "ok" if { path /f }
  http-request return status 200 content-type text/plain lf-string "%[path]" if { path /g }
  http-request return status 200 content-type text/plain file /etc/hosts if { path /h }
  http-request deny hdr X-A b if { path /i }
  http-request return status 204 if { path /j }
  default_backend be
backend be
  http-response return status 200 <|content-type text/plain|>
  server s1 192.0.2.10:80
`,
    );
    assert.equal(issues[0]?.severity, 'warning');
    assert.match(
      issues[0]?.message ?? '',
      /'http-request return': content-type 'text\/plain' is ignored because the reply has no payload/,
    );
  });

  void it('flags content-type and hdr with an error file, hdr once per line', () => {
    const { issues } = expectFindings(
      ignoredReplyOption,
      `${DEFAULTS}http-errors myerrs
  errorfile 503 /etc/haproxy/errors/503.http
frontend fe
  bind :80
  http-request return status 503 <|content-type text/plain|> errorfile /etc/haproxy/errors/503.http if { path /a }
  http-request return status 503 <|content-type text/plain|> errorfiles myerrs if { path /b }
  http-request return status 503 <|hdr X-A b|> hdr X-B c default-errorfiles if { path /c }
  http-request return status 503 errorfile /etc/haproxy/errors/503.http if { path /d }
  default_backend be
backend be
  server s1 192.0.2.10:80
`,
    );
    assert.match(issues[0]?.message ?? '', /ignored with 'errorfile'/);
    assert.match(issues[2]?.message ?? '', /hdr options are ignored with 'default-errorfiles'/);
  });

  void it('judges only the content-type HAProxy keeps, and hdr only with an error file', () => {
    const { issues } = expectFindings(
      ignoredReplyOption,
      `${DEFAULTS}frontend fe
  bind :80
  http-request return status 200 content-type text/plain <|content-type text/html|> if { path /a }
  http-request return status 200 content-type text/plain content-type text/html string "ok" if { path /b }
  http-request return status 200 hdr X-A b if { path /c }
  http-request return status 200 hdr X-A b content-type text/plain string "ok" if { path /d }
  default_backend be
backend be
  http-response deny <|content-type text/plain|> hdr X-A b
  server s1 192.0.2.10:80
`,
    );
    assert.match(issues[0]?.message ?? '', /content-type 'text\/html' is ignored/);
    assert.equal(issues.length, 2);
  });

  // http-error shares the reply options: 2.6.12 and 3.0.11 print the same warnings for it.
  void it('judges http-error replies alike', () => {
    const { issues } = expectFindings(
      ignoredReplyOption,
      `${DEFAULTS}frontend fe
  bind :80
  http-error status 503 <|content-type text/plain|>
  http-error status 502 content-type text/plain string "down"
  http-error status 500 <|hdr X-A b|> hdr X-B c errorfile /etc/haproxy/errors/500.http
  default_backend be
backend be
  server s1 192.0.2.10:80
`,
    );
    assert.match(issues[0]?.message ?? '', /^'http-error': content-type 'text\/plain' is ignored/);
    assert.match(
      issues[1]?.message ?? '',
      /^'http-error': hdr options are ignored with 'errorfile'/,
    );
  });

  void it('leaves lines HAProxy refuses, TCP rules and variables to other checks', () => {
    expectFindings(
      ignoredReplyOption,
      `${DEFAULTS}frontend fe
  bind :80
  http-request return status 503 content-type text/plain string x default-errorfiles if { path /a }
  http-request return content-type
  http-request return content-type "\${CT}" if { path /b }
  http-request return content-type text/plain bogus if { path /c }
  tcp-request content reject
  default_backend be
backend be
  server s1 192.0.2.10:80
`,
    );
  });
});
