import { describe, it } from 'node:test';
import { invalidArgument } from '../../../../server/src/core/haproxy/rules/invalid-argument.js';
import { expectFindings } from './harness.js';

void describe('invalid-argument', () => {
  void it('reports times with unknown units', () => {
    expectFindings(
      invalidArgument,
      `defaults
  timeout connect <|5x|>
  timeout client 30s
  timeout server 1m30s
  timeout http-request 500
`,
    );
  });

  // Ports are read with atoi into an int (haproxy -c 2.6.12 and 3.0.11): 2147483648 is negative
  // and refused, 4294967376 is 80, 4294967296 is 0 (the client's port, on a server).
  void it('reports bad IPv4 addresses and ports', () => {
    expectFindings(
      invalidArgument,
      `frontend fe
  bind <|127.0.0.1:99999|>
  bind :80,:443
  bind ipv4@0.0.0.0:8000-8010
  bind unix@/run/haproxy.sock
  bind [::1]:8443
  bind <|127.0.0.1:2147483648|>
  bind 127.0.0.1:4294967376
backend be
  server s1 <|10.0.0.300:80|>
  server s2 backend.example.com:80
  server s3 10.0.0.1
  server s4 "\${ADDR}"
  server s5 10.0.0.5:4294967296
`,
    );
  });

  void it('reports unknown balance algorithms and modes, following the version', () => {
    expectFindings(
      invalidArgument,
      `defaults
  mode <|htp|>
backend be
  balance <|roundrobbin|>
backend be2
  balance hdr(host)
  mode tcp
`,
    );
  });
});

void describe('invalid-argument: strict values', () => {
  void it('reports malformed or out-of-range numbers HAProxy refuses', () => {
    expectFindings(
      invalidArgument,
      `global
  nbthread <|0|>
  tune.http.maxhdr <|0|>
  tune.http.maxhdr 32767
  maxconn abc
frontend fe
  rate-limit sessions <|fast|>
  rate-limit sessions 10
cache c
  total-max-size <|big|>
  total-max-size <|4096|>
  total-max-size 64
`,
    );
  });

  void it('reports unknown values of enums HAProxy checks', () => {
    expectFindings(
      invalidArgument,
      `backend be
  hash-type <|ketama|>
  hash-type consistent sdbm
  http-reuse <|sometimes|>
  http-reuse safe
  http-reuse "\${REUSE}"
  stick-table size 1k type ip
`,
    );
  });
});
