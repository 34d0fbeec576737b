import { describe, it } from 'node:test';
import { programWithoutMasterWorker } from '../../../../server/src/core/haproxy/rules/program-without-master-worker.js';
import { expectFindings } from './harness.js';

void describe('program-without-master-worker', () => {
  void it('reports the first program section when global has no master-worker', () => {
    expectFindings(
      programWithoutMasterWorker,
      `global
  daemon
<|program foo|>
  command sleep 10
program bar
  command sleep 10
`,
    );
  });

  void it('accepts programs with master-worker, and files without programs', () => {
    expectFindings(
      programWithoutMasterWorker,
      `global
  master-worker no-exit-on-failure
program foo
  command sleep 10
`,
    );
    expectFindings(programWithoutMasterWorker, 'global\n  daemon\n');
  });
});
