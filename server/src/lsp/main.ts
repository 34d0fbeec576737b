/**
 * Entry point of the bundled language server (`dist/server.cjs`). The transport comes from the
 * command line, as every LSP client passes it: `--stdio`, `--node-ipc`, `--socket=<port>` or
 * `--pipe=<name>`. `--version` prints the name and version; anything else prints the usage.
 *
 * @packageDocumentation
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { SERVER_INFO } from './capabilities.js';
import { FramingCheck } from './framing.js';
import { describeError, startLine, transportOf, type Logger } from './logger.js';
import { runLabCommand } from '../node/lab/entry.js';
import { startServer } from './server.js';

// The editor's "Run failover drill" runs the lab from this bundle, which the extension ships
// (halint itself is not in the extension); nothing else happens in such a process.
if (!runLabCommand(process.argv.slice(2), SERVER_INFO.name)) startLanguageServer();

/** Everything a language server process does. */
function startLanguageServer(): void {
  // `--version` and `--help` answer before any connection exists: `createConnection` insists on a
  // transport argument, and a user checking an install should not need one.
  if (process.argv.includes('--version')) {
    process.stdout.write(`${SERVER_INFO.name} ${SERVER_INFO.version ?? '(from source)'}\n`);
    process.exit(0);
  }
  if (process.argv.includes('--help') || transportOf(process.argv) === 'unknown') {
    const usage = `Usage: ${SERVER_INFO.name} --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n       ${SERVER_INFO.name} --version\n`;
    const asked = process.argv.includes('--help');
    (asked ? process.stdout : process.stderr).write(usage);
    process.exit(asked ? 0 : 2);
  }

  const connection = createConnection(ProposedFeatures.all);

  /**
   * Logs through the client's output channel, falling back to stderr when the connection itself is
   * broken: a logger that throws while reporting an error would turn one problem into a crash loop.
   * Stderr is free in every transport (with `--stdio`, stdout carries the protocol).
   */
  function logTo(level: keyof Logger): (message: string) => void {
    return (message) => {
      try {
        connection.console[level](message);
      } catch {
        process.stderr.write(`[${level}] ${message}\n`);
      }
    };
  }

  const log: Logger = { error: logTo('error'), warn: logTo('warn'), info: logTo('info') };

  // Last line of defence: an exception escaping a timer or a stream callback must not end the
  // editor session. Handlers have their own guards; reaching these means a bug worth a log line.
  process.on('uncaughtException', (error) =>
    log.error(`Uncaught exception: ${describeError(error)}`),
  );
  process.on('unhandledRejection', (reason) =>
    log.error(`Unhandled rejection: ${describeError(reason)}`),
  );

  startServer(connection, log);

  // With --stdio the framing is watched beside the JSON-RPC reader, which stays deaf and silent
  // after a malformed header: exiting with a clear message lets the client restart the server.
  if (transportOf(process.argv) === 'stdio') {
    const check = new FramingCheck();
    const watch = (chunk: Buffer): void => {
      try {
        check.push(chunk);
      } catch (error) {
        process.stdin.off('data', watch);
        const message = `The language server received a malformed message (${error instanceof Error ? error.message : String(error)}) and exits so that the client can restart it.`;
        log.error(message);
        process.stderr.write(`${message}\n`);
        process.exit(1);
      }
    };
    process.stdin.on('data', watch);
  }
  // After `listen`, so that the line goes out on the connection; `window/logMessage` is one of the
  // notifications a server may send before it has answered `initialize`.
  log.info(
    startLine({
      name: SERVER_INFO.name,
      version: SERVER_INFO.version,
      node: process.version,
      pid: process.pid,
      transport: transportOf(process.argv),
    }),
  );
}
