import { describe, it } from 'node:test';
import { invalidSampleExpression } from '../../../../server/src/core/haproxy/rules/invalid-sample-expression.js';
import { DEFAULTS, expectFindings } from './harness.js';

// haproxy -c 2.6.12 and 3.0.11: "missing fetch method", "expected ']' after 'hdr(host)', but
// found ')'", "missing comma after fetch keyword", "missing ']' after 'hdr(host)'".
void describe('invalid-sample-expression', () => {
  void it('flags parentheses without a fetch name, stray characters and an open %[', () => {
    expectFindings(
      invalidSampleExpression,
      `${DEFAULTS}frontend fe
  bind :80
  acl blocked <|(x-blocked)|> -m found
  http-request deny if { <|(x-blocked)|> -m found }
  http-request deny if { hdr(host)<|)|> -m found }
  http-request set-header X-A %[<|(src)|>]
  http-request set-header X-B %[req.hdr(host)<|)|>]
  http-request set-header X-C %[req.hdr(host),lower<|)|>]
  http-request set-header X-D <|%[req.hdr(host)|>
  http-request set-var(txn.a) <|(src)|>
`,
    );
  });

  void it('accepts names with + and :, a literal ] after the span, quotes and nesting', () => {
    expectFindings(
      invalidSampleExpression,
      `${DEFAULTS}frontend fe
  bind :80
  acl k base32+src -m found
  http-request set-header X-A %[base32+src,hex]
  http-request set-header X-B %[req.hdr(host)]]
  http-request set-header X-C "%[req.hdr(host)] x"
  http-request set-header X-D %[req.hdr(host),regsub(^a,b)]
  http-request deny if { req.hdr(host),lower -m str a }
  http-request set-header X-E %[var(txn.x),map(/etc/h.map,none)]
`,
    );
  });
});
