import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frontendWithoutBind } from '../../../../server/src/core/haproxy/rules/frontend-without-bind.js';
import { missingFinalNewline } from '../../../../server/src/core/haproxy/rules/missing-final-newline.js';
import { unknownKeyword } from '../../../../server/src/core/haproxy/rules/unknown-keyword.js';
import { unexpectedSectionArgument } from '../../../../server/src/core/haproxy/rules/unexpected-section-argument.js';
import { applyFix, DEFAULTS, expectFindings } from './harness.js';

// Every case below was run through haproxy -c 2.6.12 and 3.0.11.
void describe('unexpected-section-argument', () => {
  void it('flags an address on a frontend or listen line, and no missing bind there', () => {
    const text = `${DEFAULTS}listen stats <|0.0.0.0:8404|>
  stats enable
frontend main <|*:80 extra|>
  default_backend be
backend be
  server s1 127.0.0.1:80
`;
    const { issues } = expectFindings(unexpectedSectionArgument, text);
    assert.match(issues[0]?.message ?? '', /'bind' line/);
    assert.equal(issues[0]?.severity, 'error');
    expectFindings(frontendWithoutBind, text.replace(/<\||\|>/g, ''));
  });

  void it('flags a backend line with extra words only when the backend has lines', () => {
    expectFindings(
      unexpectedSectionArgument,
      `${DEFAULTS}backend be <|10.0.0.1:80|>
  server s1 127.0.0.1:80
backend empty 10.0.0.2:80
`,
    );
  });

  void it('flags a whole global section on one line and words after a name', () => {
    const { issues } = expectFindings(
      unexpectedSectionArgument,
      `global <|chroot /var/lib/haproxy user haproxy|>
${DEFAULTS}peers mesh <|extra|>
  peer a 127.0.0.1:10000
userlist admins <|x|>
cache c <|x|>
`,
    );
    assert.match(issues[0]?.message ?? '', /'global' takes no argument: HAProxy refuses 'chroot'/);
  });

  void it('accepts from <defaults>, and sections that ignore extra words', () => {
    expectFindings(
      unexpectedSectionArgument,
      `${DEFAULTS}defaults base extra
  mode http
frontend fe from base
  bind :80
backend be from base
  server s1 127.0.0.1:80
resolvers dns extra
  nameserver ns 127.0.0.1:53
ring r extra
http-errors e extra
mailers m extra
frontend fe2 "\${ADDR}"
  bind :81
`,
    );
  });

  void it('leaves a section the target does not know to unknown-keyword', () => {
    expectFindings(unexpectedSectionArgument, 'crt-store web extra\n', '2.6');
    expectFindings(unexpectedSectionArgument, 'crt-store web <|extra|>\n', '3.0');
  });
});

void describe('missing-final-newline', () => {
  void it('flags a last line without a newline and adds one', () => {
    const { issues, text } = expectFindings(
      missingFinalNewline,
      `${DEFAULTS}backend be\n<|  server s1 127.0.0.1:80|>`,
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.ok(applyFix(text, issues[0]).endsWith('127.0.0.1:80\n'));
    expectFindings(missingFinalNewline, `${DEFAULTS}<|# end|>`);
  });

  void it('accepts LF and CRLF endings and an empty file', () => {
    expectFindings(missingFinalNewline, `${DEFAULTS}backend be\n`);
    expectFindings(missingFinalNewline, 'global\r\n  maxconn 10\r\n');
    expectFindings(missingFinalNewline, '');
  });
});

// haproxy -c 2.6.12: "unknown keyword 'crt-store' in 'defaults' section", then the same for every
// line of the section; a line the section above knows (crt-base after global) passes.
void describe('unknown-keyword: sections newer than the target', () => {
  void it('flags the header and every line HAProxy reads into the section above', () => {
    expectFindings(
      unknownKeyword,
      `${DEFAULTS}<|crt-store|> web
  <|crt-base|> /etc/haproxy/certs
  <|load|> crt site.pem
<|acme|> le
  <|directory|> https://acme.example/dir
`,
    );
    expectFindings(
      unknownKeyword,
      `global
  maxconn 100
<|crt-store|> web
  crt-base /etc/haproxy/certs
  <|load|> crt site.pem
`,
    );
    expectFindings(unknownKeyword, 'crt-store web\n  load crt site.pem\n', '3.0');
  });
});
