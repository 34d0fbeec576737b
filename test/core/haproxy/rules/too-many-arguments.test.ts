import { describe, it } from 'node:test';
import { tooManyArguments } from '../../../../server/src/core/haproxy/rules/too-many-arguments.js';
import { expectFindings } from './harness.js';

void describe('too-many-arguments (HAProxy)', () => {
  void it('reports trailing words on keywords that refuse them', () => {
    expectFindings(
      tooManyArguments,
      `backend be
  option httpchk GET /health HTTP/1.1 <|extra junk here|>
  option httpchk GET /health HTTP/1.1
  http-reuse safe <|now|>
  timeout server 5s <|extra|>
`,
    );
  });

  void it('leaves alone keywords HAProxy lets trailing words through on', () => {
    expectFindings(
      tooManyArguments,
      `defaults
  timeout client 5s
  stats enable extra
  option httpchk GET /health HTTP/1.1 "\${MORE}"
  timeout client 5s "\${MORE}"
`,
    );
  });
});
