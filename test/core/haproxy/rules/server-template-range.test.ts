import { describe, it } from 'node:test';
import { serverTemplateRange } from '../../../../server/src/core/haproxy/rules/server-template-range.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('server-template-range', () => {
  void it('reports counts and ranges HAProxy refuses', () => {
    expectFindings(
      serverTemplateRange,
      `${DEFAULTS}backend be
  server-template a <|abc|> 10.0.0.1:80
  server-template b <|0|> 10.0.0.2:80
  server-template c <|3-1|> 10.0.0.3:80
  server-template d <|-3|> 10.0.0.4:80
  server-template e <|1-|> 10.0.0.5:80
  server-template f <|1-a|> 10.0.0.6:80
`,
    );
  });

  // haproxy -c 2.6.12 and 3.0.11: atoi keeps 32 bits, so 4294967296 is 0 ("Wrong server-template
  // number or range arg") and 4294967297 is 1.
  void it('reads counts beyond 32 bits the way atoi stores them', () => {
    expectFindings(
      serverTemplateRange,
      `${DEFAULTS}backend be
  server-template a <|4294967296|> 10.0.0.1:80
  server-template b 4294967297 10.0.0.2:80
`,
    );
  });

  void it('accepts what atoi makes valid, and leaves variables and short lines alone', () => {
    expectFindings(
      serverTemplateRange,
      `${DEFAULTS}backend be
  server-template a 3 10.0.0.1:80
  server-template b 1-3 10.0.0.2:80
  server-template c 5a 10.0.0.3:80
  server-template d a-3 10.0.0.4:80
  server-template e 0-2 10.0.0.5:80
  server-template f "\${COUNT}" 10.0.0.6:80
  server-template g abc
`,
    );
  });
});
