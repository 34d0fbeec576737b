import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duplicateSection } from '../../../../server/src/core/haproxy/rules/duplicate-section.js';
import { expectFindings } from './harness.js';

void describe('duplicate-section', () => {
  void it('reports a second section of one kind and name; a second userlist only warns', () => {
    const { issues } = expectFindings(
      duplicateSection,
      `peers mesh
  peer lb1 10.0.0.1:10000
peers <|mesh|>
  peer lb2 10.0.0.2:10000
userlist ops
  user a password x
userlist <|ops|>
  user b password y
`,
    );
    assert.deepEqual(
      issues.map((issue) => issue.severity),
      ['error', 'warning'],
    );
    assert.equal(issues[0]?.related?.length, 1);
  });

  void it('accepts one name across kinds and in exclusive .if arms', () => {
    expectFindings(
      duplicateSection,
      `peers x
  peer lb1 10.0.0.1:10000
resolvers x
  nameserver ns 10.0.0.53:53
.if defined(A)
cache c
  total-max-size 4
.else
cache c
  total-max-size 8
.endif
`,
    );
  });
});
