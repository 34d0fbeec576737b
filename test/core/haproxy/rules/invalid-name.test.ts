import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invalidName } from '../../../../server/src/core/haproxy/rules/invalid-name.js';
import { expectFindings } from './harness.js';

void describe('invalid-name', () => {
  void it('reports section names with characters HAProxy refuses', () => {
    const { issues } = expectFindings(
      invalidName,
      `global
  user haproxy
  group haproxy
defaults a/b
  mode http
backend <|be/odd|>
  server s1 127.0.0.1:80
backend be.ok:1_a-b
  server s1 127.0.0.1:80
userlist <|ops+admins|>
peers <|p@1|>
`,
    );
    assert.match(issues[0]?.message ?? '', /'\/' is not allowed in 'backend' name/);
  });

  void it('reports server, peer, group and ACL names with characters HAProxy refuses', () => {
    expectFindings(
      invalidName,
      `backend be
  acl <|is/api|> path_beg /api
  acl is.api-2 path_beg /api
  server <|s/1|> 127.0.0.1:80
  server-template <|web/|> 1-3 127.0.0.1:80
peers p
  peer <|a/b|> 127.0.0.1:10000
userlist u
  group <|a/b|>
  user a/b insecure-password x
resolvers dns
  nameserver <|ns/1|> 127.0.0.1:53
`,
    );
  });
});
