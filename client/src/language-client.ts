/**
 * Creation, lazy start and restart of the language client. The server is the bundled
 * `dist/server.cjs`, started with Node IPC.
 */
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node.js';
import { CLIENT_ID, OUTPUT_CHANNEL_NAME } from './ids.js';
import {
  buildClientOptions,
  buildDocumentSelector,
  buildServerOptions,
  SERVER_MODULE,
} from './server-options.js';

/** What a command that asks the language server needs: the client, its start, and the log. */
export interface ServerCommandDeps {
  readonly client: LanguageClient;
  readonly ensureStarted: () => Promise<void>;
  readonly output: vscode.OutputChannel;
}

/** Creates (without starting) the client for the bundled server. */
export function createLanguageClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.OutputChannel,
): LanguageClient {
  const serverOptions = buildServerOptions(context.asAbsolutePath(SERVER_MODULE));
  return new LanguageClient(
    CLIENT_ID,
    OUTPUT_CHANNEL_NAME,
    serverOptions,
    buildClientOptions(outputChannel, vscode.workspace.isTrusted),
  );
}

/**
 * Starts the client if it is not running yet. `LanguageClient.start` already returns the pending
 * start when called twice, so every caller can simply await this.
 */
export async function ensureStarted(client: LanguageClient): Promise<void> {
  if (client.state === State.Running) return;
  await client.start();
}

/**
 * Stops the server if needed and starts it again. A client that is still starting cannot be
 * stopped, so that start is awaited (and its failure ignored) first.
 */
export async function restartClient(client: LanguageClient): Promise<void> {
  if (client.state === State.Starting) {
    await client.start().catch(() => undefined);
  }
  if (client.state === State.Running) await client.stop();
  await client.start();
}

/**
 * Starts the server once a document the server serves is open (now or later). Activation also
 * happens in workspaces without any config file (see extension.ts), and a server process is only
 * worth its memory when there is something to serve.
 */
export function startWhenNeeded(start: () => Promise<void>): vscode.Disposable {
  const selector = buildDocumentSelector();
  const served = (document: vscode.TextDocument): boolean =>
    vscode.languages.match(selector, document) > 0;
  if (vscode.workspace.textDocuments.some(served)) void start();
  const listener = vscode.workspace.onDidOpenTextDocument((document) => {
    if (served(document)) void start();
  });
  return listener;
}
