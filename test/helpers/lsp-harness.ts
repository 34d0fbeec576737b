/**
 * Drives the bundled language server (`dist/server.cjs`) as an editor would: a child process
 * spoken to in real JSON-RPC over stdio or Node IPC. Server-to-client traffic (diagnostics, log
 * messages, configuration and registration requests) is recorded for the tests to inspect.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node.js';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
// Type-only, exactly as the extension client uses the protocol module.
import type {
  DetectLanguageMethod,
  DetectLanguageParams,
  DetectLanguageResult,
} from '../../server/src/lsp/protocol.js';
import { distFile } from './paths.js';

/** `textDocument/publishDiagnostics` parameters as received. */
export interface PublishedDiagnostics {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: Diagnostic[];
}

/** A `window/logMessage` from the server (type 1 error, 2 warning, 3 info, 4 log). */
export interface LogEntry {
  readonly type: number;
  readonly message: string;
}

/** A content change of `textDocument/didChange`: a range edit, or the whole text. */
export type ContentChange = { range: Range; text: string } | { text: string };

/** Answers a `workspace/configuration` request; gets the request's params. */
export type ConfigurationAnswer = (params: unknown) => unknown;

/** How the process ended. */
export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Generous upper bound for anything a test waits for; only reached when something is broken. */
export const DEFAULT_DEADLINE_MS = 20_000;

/** Capabilities of a client that supports the settings pull model and dynamic registrations. */
export const CONFIGURATION_CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
} as const;

/**
 * Polls `probe` until it returns something other than undefined, failing after `deadlineMs`.
 * Tests wait this way instead of sleeping: fast when the answer is there, patient when the machine
 * is slow.
 */
export async function waitFor<T>(
  probe: () => T | undefined,
  what: string,
  deadlineMs = DEFAULT_DEADLINE_MS,
  alive?: () => string | undefined,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    const death = alive?.();
    if (death !== undefined) throw new Error(`while waiting for ${what}: ${death}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One running server and the client side of its connection. */
export class LspTestClient {
  /** Every diagnostics notification, oldest first. */
  readonly published: PublishedDiagnostics[] = [];
  readonly logs: LogEntry[] = [];
  /** Params of every `workspace/configuration` request. */
  readonly configurationRequests: unknown[] = [];
  /** Params of every `client/registerCapability` request. */
  readonly registrations: unknown[] = [];
  /** What `workspace/configuration` is answered with; swap it to change the "editor settings". */
  configuration: ConfigurationAnswer = () => null;

  private stderr = '';
  /** Notifications a test asked to record (see {@link notifications}). */
  private readonly received = new Map<string, unknown[]>();
  private exitStatus: ExitStatus | undefined;
  /** Settles when the process has exited. */
  readonly exited: Promise<ExitStatus>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        resolve(this.exitStatus);
      });
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
      this.published.push(params);
    });
    connection.onNotification('window/logMessage', (params: LogEntry) => {
      this.logs.push(params);
    });
    connection.onRequest('workspace/configuration', (params: unknown) => {
      this.configurationRequests.push(params);
      return this.configuration(params);
    });
    connection.onRequest('client/registerCapability', (params: unknown) => {
      this.registrations.push(params);
      return null;
    });
    // The connection reports a closed stream when the server exits; tests look at `exited`.
    connection.onError(() => undefined);
    connection.listen();
  }

  /**
   * Spawns `node [nodeFlags] dist/server.cjs --stdio` (or another bundle, `serverFile`), with
   * `environment` added to this process's.
   */
  static stdio(
    nodeFlags: readonly string[] = [],
    serverFile = distFile('server.cjs'),
    environment: Readonly<Record<string, string>> = {},
  ): LspTestClient {
    const child = spawn(process.execPath, [...nodeFlags, serverFile, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...environment },
    });
    if (!child.stdout || !child.stdin) throw new Error('server has no stdio pipes');
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    return new LspTestClient(child, connection);
  }

  /**
   * Runs a command line through `/bin/sh`, as an editor configured with `ha-language-server
   * --stdio` does: the bundle must start by its own `#!` line and run bits.
   */
  static command(commandLine: string, cwd?: string): LspTestClient {
    // `exec` so that the server is the shell's process, and `dispose` ends the server itself.
    const child = spawn(`exec ${commandLine}`, {
      shell: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(cwd !== undefined ? { cwd } : {}),
    });
    if (!child.stdout || !child.stdin) throw new Error('server has no stdio pipes');
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    return new LspTestClient(child, connection);
  }

  /** Forks `dist/server.cjs --node-ipc`, the transport VS Code uses. */
  static ipc(): LspTestClient {
    const child = fork(distFile('server.cjs'), ['--node-ipc'], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const connection = createMessageConnection(
      new IPCMessageReader(child),
      new IPCMessageWriter(child),
    );
    return new LspTestClient(child, connection);
  }

  /** Sends `initialize` then `initialized`; returns the initialize result. */
  async initialize(params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const result = await this.connection.sendRequest<Record<string, unknown>>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      ...params,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  }

  async change(uri: string, version: number, contentChanges: ContentChange[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Sends `textDocument/didSave` (the test writes the file to disk first, as an editor does). */
  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  /** Params of every notification `method` the server sent so far, oldest first. */
  notifications(method: string): unknown[] {
    let list = this.received.get(method);
    if (list === undefined) {
      list = [];
      this.received.set(method, list);
      const target = list;
      this.connection.onNotification(method, (params: unknown) => {
        target.push(params);
      });
    }
    return list;
  }

  /** Tells the server its configuration changed (it then pulls again). */
  async configurationChanged(): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  /** Sends `ha/detectLanguage`; also a cheap "are you still there" probe. */
  detectLanguage(uri: string, text: string): Promise<DetectLanguageResult> {
    const method: DetectLanguageMethod = 'ha/detectLanguage';
    const params: DetectLanguageParams = { uri, text };
    return this.connection.sendRequest<DetectLanguageResult>(method, params);
  }

  /** Every diagnostics notification for one document, oldest first. */
  history(uri: string): PublishedDiagnostics[] {
    return this.published.filter((entry) => entry.uri === uri);
  }

  /** The latest diagnostics for one document. */
  latest(uri: string): PublishedDiagnostics | undefined {
    return this.history(uri).at(-1);
  }

  /** Waits until the latest diagnostics of `uri` satisfy `accept`, and returns them. */
  waitForDiagnostics(
    uri: string,
    accept: (published: PublishedDiagnostics) => boolean,
    what = `diagnostics of ${uri}`,
    deadlineMs = DEFAULT_DEADLINE_MS,
  ): Promise<PublishedDiagnostics> {
    return this.waitFor(
      () => {
        const latest = this.latest(uri);
        return latest && accept(latest) ? latest : undefined;
      },
      what,
      deadlineMs,
    );
  }

  /** {@link waitFor} that also fails at once, with the server's stderr, if the server died. */
  waitFor<T>(probe: () => T | undefined, what: string, deadlineMs?: number): Promise<T> {
    return waitFor(probe, what, deadlineMs, () =>
      this.exitStatus
        ? `server exited (${JSON.stringify(this.exitStatus)}); stderr: ${this.stderr}`
        : undefined,
    );
  }

  /**
   * Writes bytes straight into the server's stdin, bypassing the message writer. Call it only
   * after awaiting every earlier send, so that it cannot land between a header and its body.
   */
  async writeRaw(bytes: Buffer): Promise<void> {
    const stdin = this.child.stdin;
    if (!stdin) throw new Error('raw writes need the stdio transport');
    await new Promise<void>((resolve, reject) =>
      stdin.write(bytes, (error) => (error ? reject(error) : resolve())),
    );
  }

  /** `shutdown` then `exit`; returns how the process ended. */
  async shutdownAndExit(): Promise<ExitStatus> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    return this.exited;
  }

  /** Standard error output so far, for assertion messages. */
  get errorOutput(): string {
    return this.stderr;
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return this.exitStatus === undefined;
  }

  /** Ends the connection and the process, whatever state they are in. */
  async dispose(): Promise<void> {
    if (this.running) this.child.kill();
    await this.exited;
    this.connection.dispose();
  }
}
