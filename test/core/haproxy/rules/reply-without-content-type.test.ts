import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replyWithoutContentType } from '../../../../server/src/core/haproxy/rules/reply-without-content-type.js';
import { applyFix, DEFAULTS, expectFindings } from './harness.js';

// haproxy -c 2.6.12 and 3.0.11 refuse exactly the marked lines with "a content type must be
// defined when non-empty payload is configured." (string, file, http-error's "http-error : …")
// or "… with a log-format payload." (lf-string, lf-file), and accept the unmarked ones.
void describe('reply-without-content-type', () => {
  void it('flags every reply with a payload and no content type', () => {
    const { issues } = expectFindings(
      replyWithoutContentType,
      `${DEFAULTS}frontend fe
  bind :80
  http-request return status 200 <|string "ok"|> if { path /a }
  http-request return status 200 hdr X-A b <|string "ok"|> if { path /b }
  http-request return <|lf-string "%[path]"|> if { path /c }
  http-request return status 200 <|lf-file /etc/haproxy/page.lf|> if { path /d }
  http-request deny deny_status 403 <|string "no"|> if { path /e }
  http-request tarpit status 403 <|string "no"|> if { path /f }
  http-request return status 200 content-type text/plain string "ok" if { path /g }
  http-request return status 200 string "ok" content-type text/plain if { path /h }
  http-request return status 200 hdr Content-Type text/plain content-type text/html lf-string "%[path]" if { path /i }
  http-request return status 200 content-type text/plain if { path /j }
  http-request deny if { path /k }
  default_backend be
backend be
  http-response return status 200 <|string "ok"|> if { status 500 }
  http-error status 503 <|string "down"|>
  http-error status 502 hdr X-A b <|lf-string "%[date]"|>
  http-error status 500 content-type text/plain string "down"
  server s1 192.0.2.10:80
`,
    );
    assert.equal(issues.length, 9);
    assert.ok(issues.every((issue) => issue.severity === undefined || issue.severity === 'error'));
    assert.equal(
      issues[0]?.message,
      "'http-request return': the 'string' payload needs a 'content-type' (for example 'content-type text/plain'); HAProxy requires one with a non-empty payload.",
    );
    assert.match(issues[2]?.message ?? '', /'lf-string' payload .*requires one with a log-format/);
    assert.match(issues[7]?.message ?? '', /^'http-error': the 'string' payload/);
  });

  void it('warns for a file, which HAProxy accepts without a type when it is empty', () => {
    const { issues } = expectFindings(
      replyWithoutContentType,
      `${DEFAULTS}frontend fe
  bind :80
  http-request return status 200 <|file /etc/haproxy/page.html|> if { path /a }
  http-request return status 200 content-type text/html file /etc/haproxy/page.html if { path /b }
  default_backend be
backend be
  server s1 192.0.2.10:80
`,
    );
    assert.equal(issues[0]?.severity, 'warning');
    assert.match(issues[0]?.message ?? '', /unless the file is empty/);
  });

  void it('adds content-type text/plain before the payload', () => {
    const { text, issues } = expectFindings(
      replyWithoutContentType,
      `${DEFAULTS}frontend fe
  bind :80
  http-request return status 200 <|string "ok"|> if { path /a }
  default_backend be
backend be
  server s1 192.0.2.10:80
`,
    );
    assert.match(
      applyFix(text, issues[0]),
      /http-request return status 200 content-type text\/plain string "ok" if \{ path \/a \}/,
    );
  });

  void it('leaves bodiless statuses, broken lines, TCP rules and variables to other checks', () => {
    expectFindings(
      replyWithoutContentType,
      `${DEFAULTS}frontend fe
  bind :80
  http-request return status 204 string "x" if { path /a }
  http-request return status 304 string "x" if { path /b }
  http-request return status 200 string "" if { path /c }
  http-request return status 200 string
  http-request return status 200 string "\${BODY}" if { path /d }
  http-request return status 200 bogus string "x" if { path /e }
  tcp-request content reject
  default_backend be
backend be
  server s1 192.0.2.10:80
`,
    );
  });
});
