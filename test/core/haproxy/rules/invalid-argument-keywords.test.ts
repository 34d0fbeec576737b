import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invalidArgument } from '../../../../server/src/core/haproxy/rules/invalid-argument.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('invalid-argument: log lines', () => {
  // `len` is read with atoi into an int (haproxy -c 2.6.12 and 3.0.11): 4294967376 is 80.
  void it('reports unknown facilities, levels and formats, bad lengths and extra words', () => {
    expectFindings(
      invalidArgument,
      `global
  log 127.0.0.1 <|local9|>
  log 127.0.0.1 len <|abc|> local0
  log 127.0.0.1 len <|79|> local0
  log 127.0.0.1 len 65535 local0
  log 127.0.0.1 len 4294967376 local0
  log 127.0.0.1 len 100x local0
  log 127.0.0.1 format <|json|> local0
  log 127.0.0.1 local0 <|inf|>
  log 127.0.0.1 local0 info <|er|>
  log 127.0.0.1 local0 info err <|debug|>
  log 127.0.0.1 sample <|3:2|> local0
  log 127.0.0.1 sample 1-2,4:5 local0
  log 127.0.0.1 format raw <|len|> 100 local0
  log 127.0.0.1 len 100 format rfc5424 sample 1:2 local0 info notice
  log stdout format raw daemon
  log ring@buf auth2 warning
  log 127.0.0.1 len 100 <|format|>
  log "\${LOG_ADDR}" local9
defaults
  log global
  no log
frontend fe
  log 127.0.0.1 <|LOCAL0|>
`,
    );
  });

  void it('reads profile before the facility from 3.1 on', () => {
    const line = `frontend fe
  log 127.0.0.1 format rfc5424 <|profile|> p1 local0
`;
    expectFindings(invalidArgument, line);
    expectFindings(invalidArgument, line.replace('<|profile|>', 'profile'), '3.2');
  });
});

void describe('invalid-argument: balance, hash-type and cookie', () => {
  // haproxy -c 2.6.12 and 3.0.11: "'len' expects a positive integer (got '4294967296')", which
  // atoi reads as 0.
  void it('reports balance algorithms missing or refusing their arguments', () => {
    expectFindings(
      invalidArgument,
      `backend a
  balance <|hdr|>
backend b
  balance <|hdr()|>
backend c
  balance hdr(host) use_domain_only
backend d
  balance hdr(host) <|domain|>
backend e
  balance <|rdp-cookie()|>
backend f
  balance rdp-cookie
backend g
  balance uri depth <|x|>
backend h
  balance uri len 3 depth 2 whole path-only
backend h2
  balance uri len <|4294967296|>
backend i
  balance uri <|foo|>
backend j
  balance <|url_param|>
backend k
  balance url_param id check_post 10
backend l
  balance <|random(0)|>
backend m
  balance random(2)
backend n
  balance <|hash|>
backend o
  balance hash req.hdr(host)
`,
    );
  });

  void it('reports unknown hash functions and modifiers, following the version', () => {
    const text = `backend a
  hash-type consistent <|md5|>
backend b
  hash-type consistent sdbm avalanche
backend c
  hash-type map-based crc32 <|fast|>
backend d
  hash-type consistent <|none|>
`;
    expectFindings(invalidArgument, text);
    expectFindings(invalidArgument, text.replace('<|none|>', 'none'), '2.8');
  });

  void it('reports unknown cookie options, clashing modes and bad values', () => {
    expectFindings(
      invalidArgument,
      `backend a
  cookie SRV insert indirect nocache httponly secure domain .a.com domain .b.com
backend b
  cookie SRV <|foo|>
backend c
  cookie SRV insert <|rewrite|>
backend d
  cookie SRV insert maxidle <|10x|> maxlife 1h
backend e
  cookie SRV insert <|domain|>
backend f
  cookie SRV <|preserve|>
backend g
  cookie SRV insert preserve attr SameSite=Lax dynamic
backend h
  cookie SRV insert insert
`,
    );
  });
});

void describe('invalid-argument: stick-table, errorfile, compression', () => {
  // The key length is read with atol into a size_t and only 0 is refused: haproxy -c 2.6.12 and
  // 3.0.11 accept `len -5` and `len 4294967296`.
  void it('reports unknown key types, bad sizes and expiry times, a missing size', () => {
    expectFindings(
      invalidArgument,
      `backend a
  stick-table type ipv6 size 1m expire 30s store gpc0,http_req_rate(10s)
backend b
  stick-table type <|ipv5|> size 1m
backend c
  stick-table type ip size <|1q|>
backend d
  stick-table type ip size 1m expire <|30x|>
backend e
  stick-table type string len 32 size 1k
backend f
  stick-table type string len <|x|> size 1k
backend f2
  stick-table type binary len <|0|> size 1k
backend f3
  stick-table type string len -5 size 1k
backend f4
  stick-table type string len 4294967296 size 1k
backend g
  <|stick-table|> type ip
backend h
  stick-table size 1G type integer nopurge
`,
    );
  });

  void it('reports status codes HAProxy cannot produce, following the version', () => {
    const text = `http-errors site
  errorfile <|599|> /etc/haproxy/errors/599.http
  errorfile 503 /etc/haproxy/errors/503.http
backend be
  errorloc 421 http://example.com/
  errorloc303 <|414|> http://example.com/
`;
    expectFindings(invalidArgument, text);
    expectFindings(
      invalidArgument,
      text.replace('<|414|>', '414').replace('<|599|>', '599').replace('599 ', '<|599|> '),
      '3.2',
    );
  });

  void it('reports unknown compression algorithms', () => {
    expectFindings(
      invalidArgument,
      `backend be
  compression algo gzip deflate raw-deflate identity
  compression algo gzip <|zstd|>
`,
    );
  });
});

void describe('invalid-argument: option forwardfor and http-check', () => {
  void it('reports bad networks and options of option forwardfor', () => {
    expectFindings(
      invalidArgument,
      `backend a
  option forwardfor except 10.0.0.0/8 header X-Client if-none
backend b
  option forwardfor except <|10.0.0.0/40|>
backend c
  option forwardfor except ::1/128
backend d
  option forwardfor except localhost
backend e
  option forwardfor <|header|>
backend f
  option forwardfor <|foo|>
backend g
  option forwardfor except 10.0.0.0/255.0.0.0
`,
    );
  });

  void it('reports unknown http-check expect matches and missing patterns', () => {
    expectFindings(
      invalidArgument,
      `backend be
  option httpchk
  http-check expect <|stats|> 200
  http-check expect ! status 200
  http-check expect !string ok
  http-check expect min-recv 10 comment x rstatus ^2
  http-check expect hdr name x value y
  http-check expect status 200 <|extra|>
  http-check expect <|status|>
`,
    );
  });

  void it('reports http-check send parameters without their value', () => {
    expectFindings(
      invalidArgument,
      `backend be
  option httpchk
  http-check send meth GET uri /health ver HTTP/1.1 hdr Host example.com body x
  http-check send <|meth|>
  http-check send <|hdr|> Host
  http-check send <|foo|> x
  http-check send
`,
    );
  });
});

void describe('invalid-argument: cpu-map, userlist users, global stats', () => {
  void it('reports thread and CPU sets HAProxy cannot read', () => {
    expectFindings(
      invalidArgument,
      `global
  nbthread 4
  cpu-map auto:1-4 0-3
  cpu-map 1/all 0,2 4-
  cpu-map odd 1
  cpu-map 1/all <|zero|>
  cpu-map <|0|> 0
  cpu-map <|1-x|> 0
  cpu-map 1 <|-3|>
`,
    );
  });

  void it('reports unknown options of a userlist user', () => {
    expectFindings(
      invalidArgument,
      `global
  user haproxy
userlist ops
  group admins
  user bob insecure-password x groups admins
  user ann password $5$salt$hash
  user eve
  user joe <|insecure-passwd|> s3cret
`,
    );
  });

  void it('reports unknown stats lines of the global section', () => {
    const { issues } = expectFindings(
      invalidArgument,
      `global
  stats socket /run/haproxy.sock mode 600 level admin
  stats timeout 30s
  stats <|timout|> 30s
`,
    );
    assert.match(issues[0]?.message ?? '', /did you mean 'timeout'/);
  });
});

// haproxy -c 2.6.12: "'stats bind-process' : '4' is not a valid number/range. It supports
// numbers from 1 to 1." (3.0 removed both keywords: removed-keyword reports them there).
void describe('invalid-argument: bind-process', () => {
  void it('flags process numbers other than 1 at 2.6', () => {
    expectFindings(
      invalidArgument,
      `global
  stats bind-process <|4|>
${DEFAULTS}frontend fe
  bind :80
  bind-process <|1-2|>
backend be
  bind-process odd <|x|>
`,
    );
  });

  void it('accepts 1, ranges within 1, all, odd and even, and says nothing from 2.7', () => {
    expectFindings(
      invalidArgument,
      `global
  stats bind-process 1
${DEFAULTS}frontend fe
  bind :80
  bind-process 1-
backend be
  bind-process odd even all 7
`,
    );
    expectFindings(invalidArgument, 'global\n  stats bind-process 4\n', '3.0');
  });
});

// haproxy -c 2.6.12: "'filter' : unknown keyword 'bwlim-in'" (bwlim arrived in 2.7).
void describe('invalid-argument: filter names', () => {
  void it('flags filters newer than the target and unknown ones', () => {
    expectFindings(
      invalidArgument,
      `${DEFAULTS}frontend fe
  bind :80
  filter <|bwlim-in|> lim default-limit 1m default-period 1s
  filter <|compresion|>
  filter compression
  filter trace name t
`,
    );
    expectFindings(
      invalidArgument,
      `${DEFAULTS}frontend fe\n  bind :80\n  filter bwlim-in lim default-limit 1m default-period 1s\n`,
      '3.0',
    );
  });
});

// haproxy -c 2.6.12: with `resolvers`, "could not resolve address '10.1.2.300', disabling
// server" (a WARNING, exit 0); without, "could not resolve address" (an ALERT).
void describe('invalid-argument: server addresses with resolvers', () => {
  void it('warns instead of erring when the server resolves at run time', () => {
    const { issues } = expectFindings(
      invalidArgument,
      `resolvers dns
  nameserver ns1 127.0.0.1:53
${DEFAULTS}backend be
  server s1 <|10.1.2.300:80|> resolvers dns
  server s2 <|10.1.2.300:80|>
backend be2
  default-server resolvers dns
  server s3 <|10.1.2.300:80|>
`,
    );
    assert.deepEqual(
      issues.map((issue) => issue.severity),
      ['warning', 'error', 'warning'],
    );
  });
});

// haproxy -c 2.6.12 warns "hiding headers or body at the end of the version string is
// deprecated"; 3.0.11 refuses it ("... is unsupported").
void describe('invalid-argument: option httpchk with hidden headers', () => {
  void it('warns at 2.6 and errs from 2.7', () => {
    const text = `${DEFAULTS}backend be
  option httpchk GET /health <|HTTP/1.1\\r\\nHost:\\ www.example.org|>
  option httpchk GET /health HTTP/1.1
`;
    const old = expectFindings(invalidArgument, text, '2.6');
    assert.equal(old.issues[0]?.severity, 'warning');
    const later = expectFindings(invalidArgument, text, '3.0');
    assert.equal(later.issues[0]?.severity, 'error');
  });
});
