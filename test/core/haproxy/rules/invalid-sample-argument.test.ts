import { describe, it } from 'node:test';
import { invalidSampleArgument } from '../../../../server/src/core/haproxy/rules/invalid-sample-argument.js';
import { expectFindings } from './harness.js';

void describe('invalid-sample-argument', () => {
  void it('reports argument counts and types HAProxy 2.6 refuses', () => {
    expectFindings(
      invalidSampleArgument,
      `frontend fe
  bind :80
  http-request set-var(txn.a) req.hdr(host),<|field|>
  http-request set-var(txn.b) req.hdr(host),regsub(<|a|>)
  http-request set-var(txn.c) src,ipmask(<|40|>)
  http-request set-var(txn.d) src,ipmask(24,<|129|>)
  http-request set-header X %[req.hdr(host),upper(<|1|>)]
  http-request set-header Y %[req.hdr(host),json(<|yaml|>)]
  http-request set-header Z %[req.hdr(host,<|abc|>)]
  http-request set-var(txn.e) url_param(<|a,,i|>)
  http-request set-var(txn.f) req.hdr(host),bytes(<|txn.start|>)
  acl x req.hdr(host),field(<|1|>) -m found
`,
    );
  });

  void it('accepts what HAProxy 2.6 accepts', () => {
    expectFindings(
      invalidSampleArgument,
      `frontend fe
  bind :80
  http-request set-var(txn.a) req.hdr(host),field(-1,:),upper(),lower
  http-request set-var(txn.b) src,ipmask(255.255.0.0,ffff:ffff::),ipmask(0,128)
  http-request set-header X %[req.hdr(host),json],%[req.hdr(a),json(utf8s)]
  http-request set-var(txn.c) req.hdr(host,),url_param(a,),regsub(a,),add
  http-request set-var(txn.d) srv_conn(be/www)
`,
    );
  });

  void it('needs the backend of a server argument in a defaults section', () => {
    expectFindings(
      invalidSampleArgument,
      `defaults d
  mode http
  http-request set-header x "%[srv_conn(<|www|>)]"
  http-request set-header y "%[srv_conn(be/www)]"
backend be from d
  http-request set-header z "%[srv_conn(www)]"
  server www 127.0.0.1:80
`,
    );
  });

  void it('only counts against the newest signature at other versions', () => {
    expectFindings(
      invalidSampleArgument,
      `frontend fe
  bind :80
  http-request set-var(txn.a) url_param(a,,i),bytes(txn.start),upper(<|1|>)
`,
      '3.2',
    );
  });
});
