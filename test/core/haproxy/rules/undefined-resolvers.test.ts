import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undefinedResolvers } from '../../../../server/src/core/haproxy/rules/undefined-resolvers.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('undefined-resolvers', () => {
  void it('reports a reference to a missing resolvers section', () => {
    const { issues } = expectFindings(
      undefinedResolvers,
      `${DEFAULTS}resolvers dns
  nameserver ns1 10.0.0.53:53
backend be
  default-server resolvers <|dnss|>
  server s1 app.local:80
  server s2 app.local:80
`,
    );
    assert.ok(issues.length > 0);
    assert.match(issues[0]?.message ?? '', /resolvers/);
  });

  void it('accepts a reference to an existing resolvers section', () => {
    expectFindings(
      undefinedResolvers,
      `${DEFAULTS}resolvers dns
  nameserver ns1 10.0.0.53:53
backend be
  default-server resolvers dns
  server s1 app.local:80 check
  server s2 app.local:80 resolvers dns
backend unused
  default-server resolvers nowhere
`,
    );
  });
});
