import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { drillLine, shellWord } from '../../client/src/drill-command.js';
import { COMMANDS } from '../../client/src/ids.js';
import { RUN_DRILL_COMMAND } from '../../server/src/core/features/drill-lens.js';

test('the drill lens runs the command the extension registers', () => {
  assert.equal(COMMANDS.runFailoverDrill, RUN_DRILL_COMMAND);
});

test('drill line: sudo keeps ELECTRON_RUN_AS_NODE; root needs no sudo', () => {
  const line = { runtime: '/usr/bin/node', server: '/ext/dist/server.cjs', folder: '/srv/ha' };
  assert.equal(
    drillLine({ ...line, root: false }),
    'sudo env ELECTRON_RUN_AS_NODE=1 /usr/bin/node /ext/dist/server.cjs lab /srv/ha',
  );
  assert.equal(
    drillLine({ ...line, root: true }),
    'env ELECTRON_RUN_AS_NODE=1 /usr/bin/node /ext/dist/server.cjs lab /srv/ha',
  );
});

test('shell words survive spaces, quotes and shell syntax', () => {
  for (const text of ["it's here", 'a b', '$(touch /tmp/x)', '`id`', 'x;y', '"q"', 'é']) {
    const echoed = spawnSync('sh', ['-c', `printf %s ${shellWord(text)}`], { encoding: 'utf8' });
    assert.equal(echoed.stdout, text);
  }
  assert.equal(shellWord('/plain/path-1.cfg'), '/plain/path-1.cfg');
});
