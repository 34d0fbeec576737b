import { describe, it } from 'node:test';
import { insecurePassword } from '../../../../server/src/core/haproxy/rules/insecure-password.js';
import { expectFindings } from './harness.js';

void describe('insecure-password', () => {
  void it('reports clear-text userlist passwords', () => {
    expectFindings(
      insecurePassword,
      `userlist ops
  user alice <|insecure-password s3cret|>
  user bob password $6$salt$hash
`,
    );
  });

  void it('skips a user in a branch not taken', () => {
    expectFindings(
      insecurePassword,
      `userlist ops
.if version_before(1.0)
  user alice insecure-password s3cret
.endif
`,
    );
  });
});
