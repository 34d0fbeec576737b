// Compiles the sources and tests with tsc into a fresh out/ and runs them with Node's test runner.
// out/ is wiped first so that a renamed or deleted test can never keep running from a stale file.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

rmSync(new URL('../out', import.meta.url), { recursive: true, force: true });
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
run(process.execPath, ['--enable-source-maps', '--test', ...process.argv.slice(2), 'out/test/']);
