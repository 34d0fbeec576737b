/**
 * `halint` entry point: runs the checks and writes the results. The process ends on its own once
 * stdout has drained; calling `process.exit()` here could cut a large report short on a pipe.
 */
import { runLabCommand } from '../node/lab/entry.js';
import { run, type RunResult } from './run.js';

// A reader that goes away early (`halint … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

function finish(result: RunResult): void {
  for (const line of result.stderr) process.stderr.write(`${line}\n`);
  process.stdout.write(result.stdout);
  process.exitCode = result.exitCode;
}

function internalError(error: unknown): void {
  // Bad input never lands here (run reports it); this is a bug, so say so without a stack trace.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`halint: internal error: ${message}\n`);
  process.exitCode = 2;
}

const argv = process.argv.slice(2);
// The failover lab (its drills, and the roles it runs this program in inside its namespaces) is
// dispatched first; it is loaded only when asked for.
const lab = runLabCommand(argv, 'halint');
if (!lab && argv[0] === 'topology') {
  // Loaded only here: the topology code brings the layout engine, which checks never need.
  import('./topology.js')
    .then(({ runTopology }) => runTopology(argv.slice(1)))
    .then(finish, internalError);
} else if (!lab) {
  run(argv).then(finish, internalError);
}
