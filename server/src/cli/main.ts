/**
 * `halint` entry point: runs the checks and writes the results. The process ends on its own once
 * stdout has drained; calling `process.exit()` here could cut a large report short on a pipe.
 */
import { run } from './run.js';

// A reader that goes away early (`halint … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

try {
  const result = run(process.argv.slice(2));
  for (const line of result.stderr) process.stderr.write(`${line}\n`);
  process.stdout.write(result.stdout);
  process.exitCode = result.exitCode;
} catch (error) {
  // Bad input never lands here (run reports it); this is a bug, so say so without a stack trace.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`halint: internal error: ${message}\n`);
  process.exitCode = 2;
}
