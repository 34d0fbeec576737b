/**
 * Entry point of the bundled language server (`dist/server.cjs`). The transport comes from the
 * command line, as every LSP client passes it: `--stdio`, `--node-ipc`, `--socket=<port>` or
 * `--pipe=<name>`.
 *
 * @packageDocumentation
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { SERVER_INFO } from './capabilities.js';
import { describeError, startLine, transportOf, type Logger } from './logger.js';
import { startServer } from './server.js';

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
