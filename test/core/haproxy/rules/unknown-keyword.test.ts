import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unknownKeyword } from '../../../../server/src/core/haproxy/rules/unknown-keyword.js';
import { DEFAULTS, applyFix, expectFindings } from './harness.js';

void describe('unknown-keyword', () => {
  void it('reports a misspelt keyword with a did-you-mean and a fix', () => {
    const { issues, text } = expectFindings(
      unknownKeyword,
      `global
  <|maxconnn|> 100
${DEFAULTS}backend be
  <|balnce|> roundrobin
  server s1 127.0.0.1:80
`,
    );
    assert.match(issues[0]?.message ?? '', /did you mean 'maxconn'\?/);
    assert.equal(issues[0]?.severity, 'error');
    assert.match(applyFix(text, issues[1] ?? assert.fail()), /\n {2}balance roundrobin\n/);
  });

  void it('suggests the second word of multi-word keywords', () => {
    const { issues, text } = expectFindings(
      unknownKeyword,
      `${DEFAULTS}backend be
  <|timeout conect|> 5s
`,
    );
    assert.match(issues[0]?.message ?? '', /'timeout connect'/);
    assert.match(applyFix(text, issues[0] ?? assert.fail()), /timeout connect 5s/);
  });

  // The 3.0 keyword matrix lists the server option `hash-key` among proxy keywords, but haproxy -c
  // 3.0.11 refuses it there ("unknown keyword 'hash-key' in 'backend' section"), as 2.6.12 does.
  void it('calls hash-key in a backend unknown at every version', () => {
    const input = `${DEFAULTS}backend be
  <|hash-key|> addr-port
  server s1 127.0.0.1:80
`;
    for (const version of ['2.6', '3.0', '3.2']) {
      const { issues } = expectFindings(unknownKeyword, input, version);
      assert.match(issues[0]?.message ?? '', /^Unknown keyword 'hash-key' in 'backend' section/);
    }
  });

  void it('accepts known keywords, negated options and lines in dead branches', () => {
    expectFindings(
      unknownKeyword,
      `global
  maxconn 100
${DEFAULTS}  no option http-server-close
backend be
  timeout connect 5s
.if version_atleast(9.0)
  frobnicate
.endif
  server s1 127.0.0.1:80
`,
    );
  });

  void it('names the version that introduced a newer keyword', () => {
    const input = `${DEFAULTS}backend be
  <|hash-preserve-affinity|> always
  server s1 127.0.0.1:80
`;
    const { issues } = expectFindings(unknownKeyword, input, '2.6');
    assert.match(issues[0]?.message ?? '', /not available in HAProxy 2\.6: it appeared in 3\.2/);
    expectFindings(unknownKeyword, input.replace(/<\||\|>/g, ''), '3.2');
  });

  void it('reports keywords of optional builds only when the target version predates them', () => {
    const { issues } = expectFindings(
      unknownKeyword,
      `global
  <|tune.quic.fe.stream.max-total|> 100
  wurfl-data-file /usr/share/wurfl.zip
`,
      '2.6',
    );
    // No 2.6 build has a keyword that appeared in 3.4, QUIC or not.
    assert.equal(issues[0]?.severity, 'error');
    assert.match(issues[0]?.message ?? '', /appeared in 3\.4/);
  });

  void it('reports section headers newer than the target version', () => {
    expectFindings(
      unknownKeyword,
      `global
  daemon
<|crt-store|>
  <|load|> crt "/x.pem"
<|healthcheck|> hc
  <|type|> httpchk
.if version_atleast(3.0)
crt-store later
.endif
`,
      '2.6',
    );
    expectFindings(unknownKeyword, 'crt-store\n  load crt "/x.pem"\n', '3.0');
  });

  void it('leaves keywords with variables alone', () => {
    expectFindings(unknownKeyword, 'global\n  "${KW}" 1\n');
  });
});
