import { describe, it } from 'node:test';
import { missingArgument } from '../../../../server/src/core/haproxy/rules/missing-argument.js';
import { expectFindings } from './harness.js';

void describe('missing-argument (HAProxy)', () => {
  void it('reports keywords HAProxy refuses without their argument', () => {
    expectFindings(
      missingArgument,
      `defaults
  <|timeout client|>
  timeout server 30s
frontend fe
  <|monitor-uri|>
  <|capture request header Host len|>
  capture request header Host len 64
backend be
  <|http-check expect|>
`,
    );
  });

  void it('leaves alone keywords HAProxy takes bare, conditions and variables', () => {
    expectFindings(
      missingArgument,
      `global
  tune.vars.txn-max-size
  nbthread "\${THREADS}"
backend be
  balance
  use-server s1
  stats admin
  server s1 127.0.0.1:80
cache c
  total-max-size
`,
    );
  });
});
