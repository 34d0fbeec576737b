import { describe, it } from 'node:test';
import { invalidActionArgument } from '../../../../server/src/core/haproxy/rules/invalid-action-argument.js';
import { expectFindings } from './harness.js';

void describe('invalid-action-argument', () => {
  void it('reports arity, condition words, status codes and redirect options', () => {
    expectFindings(
      invalidActionArgument,
      `frontend fe
  bind :80
  http-request <|add-header|> X-A
  http-request add-header X-A 1 <|2|>
  http-request deny <|iff|> { src 10.0.0.1 }
  http-request deny deny_status <|999|>
  http-request deny deny_status <|302|>
  http-request return status <|abc|>
  http-request redirect <|location|>
  http-request <|redirect|>
  http-request redirect <|foo|> /x
  http-request <|set-var(conn.id)|> str(1)
  http-request use-service <|prometheus|>
  http-request use-service <|lua.svc|>
  http-request cache-use c <|no-early-hints|> if TRUE
  tcp-request content accept <|foo|>
  http-response <|set-header|> X-A
`,
    );
  });

  void it('accepts the forms HAProxy 2.6 accepts', () => {
    expectFindings(
      invalidActionArgument,
      `global
  lua-load /etc/haproxy/x.lua
frontend fe
  bind :80
  http-request add-header X-A 1 if TRUE
  http-request deny deny_status 429 unless TRUE
  http-request deny deny_status 302 string nope
  http-request deny status 403 content-type text/plain hdr X-A 1
  http-request return status 302 hdr Location /x
  http-request redirect scheme https code 301 drop-query if TRUE
  http-request set-var(check.x) str(1)
  http-request use-service prometheus-exporter if TRUE
  http-request use-service lua.svc
  http-request cache-use c if TRUE
  http-request allow
  tcp-request content accept if TRUE
  http-request add-header "\${NAME}"
`,
    );
  });

  void it('lets cache-use and redirect take options after 2.6, still counting fixed arities', () => {
    expectFindings(
      invalidActionArgument,
      `frontend fe
  bind :80
  http-request cache-use c no-early-hints if TRUE
  http-request redirect location /x keep-query if TRUE
  http-request <|add-header|> X-A
`,
      '3.2',
    );
  });
});
