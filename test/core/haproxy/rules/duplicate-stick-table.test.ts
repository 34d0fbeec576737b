import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duplicateStickTable } from '../../../../server/src/core/haproxy/rules/duplicate-stick-table.js';
import { DEFAULTS, expectFindings } from './harness.js';

// haproxy -c 2.6.12 and 3.0.11: "stick-table name 'x' conflicts with table declared in ...".
void describe('duplicate-stick-table', () => {
  void it('flags a second table in one proxy and a table named like another proxy', () => {
    const { issues } = expectFindings(
      duplicateStickTable,
      `${DEFAULTS}frontend x
  bind :80
  stick-table type ip size 1m
  default_backend x
backend x
  <|stick-table|> type ip size 1m
  server s1 127.0.0.1:80
backend y
  stick-table type ip size 1m expire 10s
  <|stick-table|> type ip size 1m expire 20s
  server s1 127.0.0.1:80
`,
    );
    assert.match(issues[0]?.message ?? '', /frontend 'x'/);
    assert.match(issues[1]?.message ?? '', /already has a stick table/);
    assert.equal(issues[1]?.related?.[0]?.message, 'first table of that name');
  });

  void it('accepts tables in exclusive .if arms and in differently named proxies', () => {
    expectFindings(
      duplicateStickTable,
      `${DEFAULTS}backend a
.if defined(BIG)
  stick-table type ip size 10m
.else
  stick-table type ip size 1m
.endif
  server s1 127.0.0.1:80
backend b
  stick-table type ip size 1m
  server s1 127.0.0.1:80
`,
    );
  });
});
