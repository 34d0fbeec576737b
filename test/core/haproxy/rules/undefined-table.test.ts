import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undefinedTable } from '../../../../server/src/core/haproxy/rules/undefined-table.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('undefined-table', () => {
  void it('reports missing tables, and bare tracking in a proxy without a table', () => {
    const { issues } = expectFindings(
      undefinedTable,
      `${DEFAULTS}peers p
  peer lb1 10.0.0.1:10000
  table t1 type ip size 1k
frontend fe
  bind :80
  tcp-request connection track-sc0 src table <|t1|>
  http-request <|track-sc1|> src
  default_backend be
backend be
  stick on src table <|nope|>
  http-request deny if { sc_http_req_rate(0,<|limits|>) gt 10 } || { sc0_conn_cur(<|lim|>) gt 5 }
  server s1 127.0.0.1:80
defaults named
  http-request <|track-sc0|> src
`,
    );
    assert.equal(issues[0]?.severity, 'error');
  });

  void it('accepts proxy tables and <peers>/<table>', () => {
    expectFindings(
      undefinedTable,
      `${DEFAULTS}peers p
  peer lb1 10.0.0.1:10000
  table t1 type ip size 1k
frontend fe
  bind :80
  stick-table type ip size 1k
  http-request track-sc0 src
  http-request track-sc1 src table p/t1
  http-request track-sc2 src table st
  default_backend be
backend st
  stick-table type ip size 1k
backend be
  stick on src table st
  http-request deny if { sc_http_req_rate(0) gt 10 } || { sc_get_gpc(1,0,st) gt 1 }
  http-request deny if { src_conn_rate(p/t1) gt 5 } || { table_gpc(2,st) gt 1 }
  server s1 127.0.0.1:80
`,
    );
  });
});
