import { describe, it } from 'node:test';
import { invalidAcl } from '../../../../server/src/core/haproxy/rules/invalid-acl.js';
import { expectFindings } from './harness.js';

void describe('invalid-acl', () => {
  void it('reports unknown flags and matching methods', () => {
    expectFindings(
      invalidAcl,
      `frontend fe
  acl api path <|-x|> /api
  acl api2 path -m <|begins|> /api
  acl api3 path -i -m beg /api
  acl dash path -- -x
  acl found req.hdr(x-id) -m found
  acl v1 <|var(txn.role)|> admin
  acl v2 var(txn.role) -m str admin
  acl v3 var(txn.role),lower admin
  http-request deny if { <|var(txn.blocked)|> }
  http-request deny if { var(txn.blocked) -m bool }
`,
    );
  });

  void it('reports non-numbers where the criterion compares integers', () => {
    expectFindings(
      invalidAcl,
      `frontend fe
  acl ok status 200:299 gt 5 5: :9 200-299
  acl bad status <|2xx|>
  acl len path_len <|abc|>
  acl len2 path,length <|abc|>
  acl len3 path -m len <|abc|>
  acl cnt hdr_cnt(host) 1
  acl str path abc
  acl ver req.ssl_ver 3.1
  acl strm status -m str abc
  http-response deny if { status <|abc|> }
  tcp-request content accept if { req.len gt <|abc|> }
`,
    );
  });

  void it('reports address patterns with a bad octet or mask, not host names', () => {
    expectFindings(
      invalidAcl,
      `frontend fe
  acl ok src 10.0.0.0/8 192.168.0.0/255.255.0.0 ::1 fe80::/10 localhost 10.0.0
  acl mask src <|10.0.0.0/40|>
  acl octet src <|10.0.0.256|>
  acl v6 src <|::1/129|>
  acl hdr hdr_ip(x-forwarded-for) <|10.0.0.0/33|>
  acl meth path -m ip <|1.2.3.4.5|>
  http-request deny if { src <|10.0.0.0/40|> } || { src 10.1.0.0/16 }
  acl env src "\${NET}"
`,
    );
  });
});
