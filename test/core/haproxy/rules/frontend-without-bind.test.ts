import { describe, it } from 'node:test';
import { frontendWithoutBind } from '../../../../server/src/core/haproxy/rules/frontend-without-bind.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('frontend-without-bind', () => {
  void it('reports frontends and listen sections without bind', () => {
    expectFindings(
      frontendWithoutBind,
      `${DEFAULTS}frontend <|fe|>
  default_backend be
listen <|li|>
  server s1 127.0.0.1:80
backend be
  server s1 127.0.0.1:80
frontend ok
  bind :80
`,
    );
  });

  void it('ignores a bind in a branch not taken', () => {
    expectFindings(
      frontendWithoutBind,
      `${DEFAULTS}frontend <|fe|>
.if version_before(2.0)
  bind :80
.endif
`,
    );
  });
});
