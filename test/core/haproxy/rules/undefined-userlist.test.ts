import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undefinedUserlist } from '../../../../server/src/core/haproxy/rules/undefined-userlist.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('undefined-userlist', () => {
  void it('reports a reference to a missing userlist section', () => {
    const { issues } = expectFindings(
      undefinedUserlist,
      `${DEFAULTS}userlist admins
  user bob password $5$abc
frontend fe
  bind :80
  acl ok http_auth(<|admin|>)
  http-request auth if !{ http_auth_group(<|admins2|>) ops }
`,
    );
    assert.ok(issues.length > 0);
    assert.match(issues[0]?.message ?? '', /userlist/);
  });

  void it('accepts a reference to an existing userlist section', () => {
    expectFindings(
      undefinedUserlist,
      `${DEFAULTS}userlist admins
  user bob password $5$abc
frontend fe
  bind :80
  acl ok http_auth(admins)
  http-request auth if !ok
`,
    );
  });
});
