/**
 * The demo workspace (`npm start`, the end-to-end suite) must keep showing what it was made to
 * show as the rules evolve: exactly the planted mistakes on the broken pair, nothing on the clean
 * pair. Runs the built CLI over demo/ as a user would.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { distFile, projectRoot } from '../helpers/paths.js';

interface Report {
  files: { path: string }[];
  diagnostics: { path: string; code: string }[];
}

test('demo/: the broken pair shows its planted mistakes, the clean pair nothing', () => {
  const result = spawnSync(process.execPath, [distFile('cli.cjs'), '--format', 'json', 'demo/'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  assert.equal(result.status, 1, result.stderr);
  const report = JSON.parse(result.stdout) as Report;
  // notes.conf is prose: the CLI must not take it for either language.
  assert.equal(report.files.length, 8);
  assert.ok(!report.files.some((file) => file.path.endsWith('notes.conf')));
  const found = report.diagnostics.map((d) => `${d.path} ${d.code}`).sort();
  assert.deepEqual(found, [
    'demo/broken-pair/lb1/haproxy.cfg missing-check',
    'demo/broken-pair/lb1/haproxy.cfg undefined-backend',
    'demo/broken-pair/lb1/keepalived.conf failover-weight',
    'demo/broken-pair/lb1/keepalived.conf vrid-mismatch',
    'demo/broken-pair/lb2/haproxy.cfg missing-check',
    'demo/broken-pair/lb2/haproxy.cfg undefined-backend',
    'demo/broken-pair/lb2/keepalived.conf vrid-mismatch',
  ]);
});
